import { CaseMeasuresView } from '../../modules/cases/measures/index.ts';

/** `/cases/measures`: 考核指标 of the places or department in the viewer's scope, with an Excel export. */
export function CaseMeasuresPage() {
  return <CaseMeasuresView />;
}
