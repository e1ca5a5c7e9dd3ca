import { NoticeBoard } from '../../modules/deliberation/index.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

/** `/notice/:gridId`: a grid's public notice board, without sign-in and without personal data. */
export function PublicNoticePage({ pathname }: { pathname: string }) {
  const id = Number(/^\/notice\/(\d{1,9})\/?$/.exec(pathname)?.[1]);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage home={null} />;
  return (
    <div style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <NoticeBoard gridId={id} />
    </div>
  );
}
