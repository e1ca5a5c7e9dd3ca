import { navigate, useLocation } from '../../app/router.ts';
import { CaseMap, type LightFilter } from '../../modules/cases/index.ts';

const LIGHTS: readonly LightFilter[] = ['all', 'red', 'yellow', 'green'];

/** `/cases/map[?light=red&category=2001]`: the city map of open cases; the filters live in the URL. */
export function CaseMapPage() {
  const { query } = useLocation();
  const rawLight = query.get('light');
  const light = LIGHTS.find((l) => l === rawLight) ?? 'all';
  const rawCategory = query.get('category');
  const categoryCode = rawCategory && /^[\w-]{1,20}$/.test(rawCategory) ? rawCategory : null;
  return (
    <CaseMap
      light={light}
      categoryCode={categoryCode}
      onChange={(next) => {
        const params = new URLSearchParams();
        if (next.light !== 'all') params.set('light', next.light);
        if (next.categoryCode) params.set('category', next.categoryCode);
        const search = params.toString();
        navigate(search ? `/cases/map?${search}` : '/cases/map', { replace: true });
      }}
      onOpenCase={(id) => navigate(`/cases/${id}`)}
    />
  );
}
