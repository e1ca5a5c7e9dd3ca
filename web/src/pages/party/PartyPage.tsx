import { useCallback } from 'react';
import { navigate, useLocation } from '../../app/router.ts';
import { PartyWorkspace } from '../../modules/party/index.ts';

/** `/party[?grid=ID]`: the party structure of one grid (party.read). */
export function PartyPage() {
  const { query } = useLocation();
  const raw = query.get('grid');
  const gridId = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const onSelect = useCallback(
    (next: number | null) => navigate(next === null ? '/party' : `/party?grid=${next}`, { replace: true }),
    [],
  );
  return <PartyWorkspace gridId={gridId} onSelect={onSelect} />;
}
