import { CaseList } from '../../modules/cases/index.ts';

/** `/cases`: every case the account sees, with filters. */
export function CaseListPage() {
  return (
    <div className="jz-page">
      <CaseList />
    </div>
  );
}
