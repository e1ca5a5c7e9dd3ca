import { ReportReview } from '../../modules/performance/index.ts';

/** `/performance/reports`: 述职评议. */
export function ReportsPage() {
  return (
    <div className="jz-page">
      <ReportReview />
    </div>
  );
}
