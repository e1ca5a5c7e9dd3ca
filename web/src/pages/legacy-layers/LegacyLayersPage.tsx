import { navigate, useLocation } from '../../app/router.ts';
import { LegacyLayersWorkspace } from '../../modules/legacy-layers/index.ts';

/** `/legacy-layers[?layer=ID]`. */
export function LegacyLayersPage() {
  const { query } = useLocation();
  const raw = query.get('layer');
  const selectedId = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  return (
    <LegacyLayersWorkspace
      selectedId={selectedId}
      onSelect={(layerId) => navigate(`/legacy-layers?layer=${layerId}`, { replace: true })}
    />
  );
}
