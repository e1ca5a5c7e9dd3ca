import { AssessmentTables } from '../../modules/performance/index.ts';

/** `/performance/assessment`: 双绩效考核. */
export function AssessmentPage() {
  return (
    <div className="jz-page">
      <AssessmentTables />
    </div>
  );
}
