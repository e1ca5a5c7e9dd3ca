import { PledgeBoard } from '../../modules/performance/index.ts';

/** `/performance/pledges`: 承诺践诺. */
export function PledgesPage() {
  return (
    <div className="jz-page">
      <PledgeBoard />
    </div>
  );
}
