import { navigate, placeHref, useLocation } from '../../app/router.ts';
import { TerritoryWorkspace } from '../../modules/territory/index.ts';

/** `/territory[?place=ID]`: the selected place lives in the URL, so links can open it. */
export function TerritoryPage() {
  const { query } = useLocation();
  const raw = query.get('place');
  const selectedId = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  return (
    <TerritoryWorkspace
      selectedId={selectedId}
      onSelect={(placeId) =>
        navigate(placeId === null ? '/territory' : placeHref(placeId), { replace: true })
      }
    />
  );
}
