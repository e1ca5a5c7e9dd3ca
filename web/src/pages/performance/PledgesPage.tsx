import { PledgeBoard } from '../../modules/performance/index.ts';

/** `/performance/pledges`: 承诺践诺. */
export function PledgesPage() {
  return <PledgeBoard />;
}
