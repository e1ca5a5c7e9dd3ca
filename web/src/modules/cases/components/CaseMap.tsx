import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Cascader, Segmented, Spin } from 'antd';
import type * as GeoJSON from 'geojson';
import * as L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CaseMapPoint, FeatureCollection, Me, TrafficLight } from '#contracts';
import { fetchAppConfig } from '../../../app/app-config.ts';
import { useMe } from '../../../app/auth.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { GeoMap } from '../../../ui/map/GeoMap.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { fetchGeoJson } from '../../territory/index.ts';
import { fetchCaseMap } from '../api/cases.api.ts';
import { categoryMajors, findCategory, KIND_LABELS } from '../catalogue.ts';
import { LIGHT_COLORS, LIGHT_LABELS, STATUS_LABELS } from '../labels.ts';
import '../cases.css';

declare global {
  interface Window {
    /** For browser tests: the drawn points, and where a case's point is on the page. */
    __jingzhiCaseMap?: {
      ready: boolean;
      pointCount: number;
      pointAt: (id: number) => [number, number] | null;
    };
  }
}

/** Open cases without a running clock (nobody is timed: e.g. waiting for a rating window's end). */
const NO_LIGHT_COLOR = '#8c96a5';

export type LightFilter = TrafficLight | 'all';

interface CaseMapProps {
  light: LightFilter;
  /** A class (大类) or subcategory code, or null for all. */
  categoryCode: string | null;
  onChange: (filter: { light: LightFilter; categoryCode: string | null }) => void;
  onOpenCase: (id: number) => void;
}

interface CascaderOption {
  value: string;
  label: string;
  children?: CascaderOption[];
}

/** The grids to outline: the viewer's place's grids (a grid worker: the units of the grid), else the city's. */
function outlineQuery(scope: Me['scope']): { level: 'grid' | 'unit'; within: number | undefined } {
  if (scope.id !== null && (scope.level === 'subdistrict' || scope.level === 'community'))
    return { level: 'grid', within: scope.id };
  if (scope.id !== null && scope.level === 'grid') return { level: 'unit', within: scope.id };
  return { level: 'grid', within: undefined };
}

/**
 * The city map of open cases by light (城市案件地图): every open case in the viewer's scope as a dot
 * coloured red / yellow / green by its running time limit (the list's light), over the grid outlines,
 * on Leaflet's canvas renderer so that thousands of dots stay fast. No basemap unless one is
 * configured (nothing is loaded from the internet). A dot opens its case.
 */
export function CaseMap({ light, categoryCode, onChange, onOpenCase }: CaseMapProps) {
  const me = useMe();
  const isMobile = useIsMobile();
  const config = useAsync('app-config', fetchAppConfig);
  const outline = outlineQuery(me.scope);
  const grids = useAsync<FeatureCollection>(
    me.permissions.includes('territory.read')
      ? `case-map-outline:${outline.level}:${outline.within ?? ''}`
      : null,
    (signal) => fetchGeoJson(outline.level, signal, outline.within),
  );
  const filter = {
    ...(light === 'all' ? {} : { light }),
    ...(categoryCode ? { categoryCode } : {}),
  };
  const cases = useAsync(`case-map:${JSON.stringify(filter)}`, (signal) => fetchCaseMap(filter, signal));
  const [map, setMap] = useState<L.Map | null>(null);
  const onOpenRef = useRef(onOpenCase);
  onOpenRef.current = onOpenCase;
  const fittedRef = useRef(false);

  const options = useMemo<CascaderOption[]>(
    () =>
      (['event', 'component', 'grid_work'] as const).map((kind) => ({
        value: kind,
        label: KIND_LABELS[kind],
        children: categoryMajors()
          .filter((m) => m.kind === kind)
          .map((m) => ({
            value: m.code,
            label: m.name,
            children: m.subs.map(([code, name]) => ({ value: code, label: name })),
          })),
      })),
    [],
  );
  const cascaderValue = useMemo(() => {
    if (!categoryCode) return [];
    for (const kind of options)
      for (const major of kind.children ?? []) {
        if (major.value === categoryCode) return [kind.value, major.value];
        if (major.children?.some((sub) => sub.value === categoryCode))
          return [kind.value, major.value, categoryCode];
      }
    return [];
  }, [categoryCode, options]);

  // Grid outlines, and the first view: the viewer's grids.
  useEffect(() => {
    if (!map || !grids.data) return;
    const layer = L.geoJSON(grids.data as unknown as GeoJSON.FeatureCollection, {
      interactive: false,
      style: {
        fill: true,
        fillColor: '#ffffff',
        fillOpacity: 0.45,
        color: '#5b6b82',
        weight: 1,
        opacity: 0.8,
      },
    }).addTo(map);
    layer.bringToBack();
    const bounds = layer.getBounds();
    if (bounds.isValid() && !fittedRef.current) {
      map.fitBounds(bounds, { padding: [16, 16], animate: false });
      fittedRef.current = true;
    }
    return () => {
      layer.remove();
    };
  }, [map, grids.data]);

  // The cases, as canvas dots (red on top).
  const points = cases.data?.points;
  useEffect(() => {
    if (!map || !points) return;
    const order: Record<string, number> = { none: 0, green: 1, yellow: 2, red: 3 };
    const sorted = [...points].sort((a, b) => (order[a[3] ?? 'none'] ?? 0) - (order[b[3] ?? 'none'] ?? 0));
    const group = L.featureGroup();
    const byId = new Map<number, L.CircleMarker>();
    const radius = points.length > 5000 ? 3.5 : points.length > 500 ? 5 : 7;
    for (const point of sorted) {
      const [id, lng, lat, pointLight] = point;
      const marker = L.circleMarker([lat, lng], {
        radius,
        weight: 1,
        color: '#ffffff',
        fillColor: pointLight ? LIGHT_COLORS[pointLight] : NO_LIGHT_COLOR,
        fillOpacity: 0.95,
      });
      marker.bindTooltip(() => tooltipOf(point), { direction: 'top', offset: [0, -4] });
      marker.on('click', () => onOpenRef.current(id));
      marker.addTo(group);
      byId.set(id, marker);
    }
    group.addTo(map);
    if (!fittedRef.current && sorted.length > 0) {
      map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 16, animate: false });
      fittedRef.current = true;
    }
    window.__jingzhiCaseMap = {
      ready: true,
      pointCount: sorted.length,
      pointAt: (id) => {
        const marker = byId.get(id);
        if (!marker) return null;
        const at = map.latLngToContainerPoint(marker.getLatLng());
        const box = map.getContainer().getBoundingClientRect();
        return [box.left + at.x, box.top + at.y];
      },
    };
    return () => {
      window.__jingzhiCaseMap = { ready: false, pointCount: 0, pointAt: () => null };
      group.remove();
    };
  }, [map, points]);

  const counts = cases.data?.counts;
  const total = counts ? counts.red + counts.yellow + counts.green + counts.none : null;
  const countOf = (value: LightFilter) => (counts ? (value === 'all' ? total : counts[value]) : null);

  return (
    <div className="jz-case-map" data-testid="case-map-page">
      <div className="jz-case-map-top">
        <strong className="jz-case-map-title">{isMobile ? '案件地图' : '城市案件地图 · 未结案件'}</strong>
        <Segmented<LightFilter>
          value={light}
          size={isMobile ? 'small' : 'middle'}
          onChange={(value) => onChange({ light: value, categoryCode })}
          options={(['all', 'red', 'yellow', 'green'] as const).map((value) => ({
            value,
            label: (
              <span data-testid={`case-map-light-${value}`} className="jz-case-map-light">
                {value === 'all' ? null : (
                  <span className="jz-case-light-dot" style={{ background: LIGHT_COLORS[value] }} />
                )}
                {value === 'all' ? '全部' : LIGHT_LABELS[value]}
                {countOf(value) !== null ? <span className="jz-muted"> {countOf(value)}</span> : null}
              </span>
            ),
          }))}
        />
        <Cascader
          className="jz-case-map-category"
          placeholder="全部类别"
          options={options}
          value={cascaderValue}
          changeOnSelect
          showSearch
          allowClear
          data-testid="case-map-category"
          onChange={(value) => {
            const path = (value as string[] | undefined) ?? [];
            onChange({ light, categoryCode: path.length >= 2 ? (path[path.length - 1] ?? null) : null });
          }}
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={cases.reload}
          aria-label="刷新"
          data-testid="case-map-reload"
        />
      </div>
      {cases.error ? <ErrorState error={cases.error} onRetry={cases.reload} /> : null}
      {cases.data?.truncated ? (
        <Alert
          type="info"
          showIcon
          banner
          title={`只显示最紧急的 ${cases.data.points.length} 件，请按类别或时限筛选。`}
        />
      ) : null}
      <GeoMap
        tileUrl={config.data?.mapTileUrl ?? null}
        tileAttribution={config.data?.mapTileAttribution ?? null}
        onMap={setMap}
        testId="case-map"
        className={config.data?.mapTileUrl ? 'jz-map-tiles' : 'jz-map-plain'}
      >
        <div className="jz-legend jz-case-map-legend" data-testid="case-map-legend">
          {(['red', 'yellow', 'green'] as const).map((value) => (
            <div key={value}>
              <span className="jz-case-light-dot" style={{ background: LIGHT_COLORS[value] }} />{' '}
              {LIGHT_LABELS[value]} {counts ? counts[value] : '…'}
            </div>
          ))}
          {counts && counts.none > 0 ? (
            <div>
              <span className="jz-case-light-dot" style={{ background: NO_LIGHT_COLOR }} /> 无时限{' '}
              {counts.none}
            </div>
          ) : null}
        </div>
        {cases.loading && !cases.data ? <Spin className="jz-case-map-spin" /> : null}
      </GeoMap>
    </div>
  );
}

/** A dot's tooltip, built as text nodes (no HTML from data). */
function tooltipOf([id, , , light, categoryCode, status]: CaseMapPoint): HTMLElement {
  const category = findCategory(categoryCode);
  const box = document.createElement('div');
  const title = document.createElement('strong');
  title.textContent = category ? `${category.majorName} · ${category.name}` : categoryCode;
  const line = document.createElement('div');
  line.textContent = `案件 ${id} · ${STATUS_LABELS[status]} · ${light ? LIGHT_LABELS[light] : '无时限'}`;
  box.append(title, line);
  return box;
}
