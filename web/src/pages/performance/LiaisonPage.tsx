import { LiaisonCalendar } from '../../modules/performance/index.ts';

/** `/performance/liaison`: 挂点联系. */
export function LiaisonPage() {
  return (
    <div className="jz-page">
      <LiaisonCalendar />
    </div>
  );
}
