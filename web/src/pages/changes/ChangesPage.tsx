import { navigate, useLocation } from '../../app/router.ts';
import { ChangesWorkspace } from '../../modules/boundary-changes/index.ts';

/** `/changes[?place=ID]`: all boundary changes, or those involving one place. */
export function ChangesPage() {
  const { query } = useLocation();
  const raw = query.get('place');
  const placeId = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  return <ChangesWorkspace placeId={placeId} onClearFilter={() => navigate('/changes')} />;
}
