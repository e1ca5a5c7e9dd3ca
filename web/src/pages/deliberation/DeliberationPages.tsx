import { useLocation } from '../../app/router.ts';
import { MatterList, MatterPrint, MatterWorkspace, MyMatters } from '../../modules/deliberation/index.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

/** `/deliberation`: the grid council's matters (deliberation.read). */
export function DeliberationListPage() {
  return (
    <div className="jz-page">
      <MatterList />
    </div>
  );
}

/** `/deliberation/:id` and `/deliberation/:id/print`. */
export function MatterPage() {
  const { pathname } = useLocation();
  const match = /^\/deliberation\/(\d{1,9})(\/print)?\/?$/.exec(pathname);
  const id = Number(match?.[1]);
  if (!match || !Number.isInteger(id) || id <= 0) return <NotFoundPage home={null} />;
  if (match[2]) return <MatterPrint matterId={id} />;
  return (
    <div className="jz-page">
      <MatterWorkspace matterId={id} />
    </div>
  );
}

/** `/my/matters`: a resident's part in the grid council (deliberation.vote). */
export function MyMattersPage() {
  return (
    <div className="jz-page">
      <MyMatters />
    </div>
  );
}
