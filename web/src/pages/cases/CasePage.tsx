import { useEffect } from 'react';
import { useLocation } from '../../app/router.ts';
import { CaseDetailView } from '../../modules/cases/index.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

/** `/cases/:id`: one case. */
export function CasePage() {
  const { pathname } = useLocation();
  const id = Number(/^\/cases\/(\d{1,9})\/?$/.exec(pathname)?.[1]);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage home={null} />;
  return (
    <div className="jz-page">
      <CaseDetailView caseId={id} />
    </div>
  );
}

/** `/report`: the phone report page is its own light entry (web/report.html). */
export function ReportRedirectPage() {
  useEffect(() => window.location.replace('/report.html'), []);
  return null;
}
