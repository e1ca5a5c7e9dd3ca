import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PublicCaseMap, PublicGridOutlines, PublicStatusCounts } from '#contracts';
import { PUBLIC_STATUS_GROUP_LABELS } from '#contracts/case-labels.ts';
import { ApiError } from '../app/api.ts';
import { GROUP_COLORS } from './labels.ts';
import { fetchGridOutlines, fetchPublicMap } from './public.api.ts';

/**
 * 公开地图: the grids coloured by the cases open in them over a period. Counts come per grid and are
 * drawn on the grid (its outline, simplified by the server); no case's own point is ever sent.
 * Loaded only when the map tab opens, so the lookup stays light on a phone.
 */

const DAY_MS = 24 * 60 * 60_000;
const PERIODS = [
  { days: 30, label: '近30天' },
  { days: 90, label: '近90天' },
  { days: 365, label: '近一年' },
] as const;

/** Light to dark: no open case, then five classes. */
const PALETTE = ['#edf2f7', '#fff1b8', '#ffd666', '#ffa940', '#f5222d', '#a8071a'];

/** Class limits from the open counts (quantiles of the grids with any), so the map always spreads. */
export function classBreaks(counts: readonly number[]): number[] {
  const positive = counts.filter((n) => n > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [1];
  const at = (q: number) => positive[Math.min(positive.length - 1, Math.floor(q * positive.length))] ?? 1;
  const breaks = [1, at(0.4), at(0.65), at(0.85), at(0.95)].map((n) => Math.max(1, n));
  return [...new Set(breaks)].sort((a, b) => a - b);
}

function colourOf(open: number, breaks: readonly number[]): string {
  if (open <= 0) return PALETTE[0] as string;
  let index = 0;
  breaks.forEach((limit, i) => {
    if (open >= limit) index = i + 1;
  });
  return PALETTE[Math.min(index, PALETTE.length - 1)] as string;
}

const ZERO: PublicStatusCounts = { open: 0, reported: 0, handling: 0, resolved: 0, closed: 0 };

/** A popup's content built from text nodes (names never become HTML). */
function popupContent(title: string, subtitle: string, counts: PublicStatusCounts): HTMLElement {
  const box = document.createElement('div');
  box.className = 'tk-popup';
  const heading = document.createElement('strong');
  heading.textContent = title;
  const place = document.createElement('div');
  place.className = 'tk-muted';
  place.textContent = subtitle;
  box.append(heading, place);
  for (const group of ['reported', 'handling', 'resolved', 'closed'] as const) {
    const row = document.createElement('div');
    row.textContent = `${PUBLIC_STATUS_GROUP_LABELS[group]}：${counts[group]}`;
    box.append(row);
  }
  return box;
}

export default function PublicMap() {
  const [days, setDays] = useState<number>(365);
  const [outlines, setOutlines] = useState<PublicGridOutlines | null>(null);
  const [counts, setCounts] = useState<PublicCaseMap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const fittedRef = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchGridOutlines(controller.signal).then(setOutlines, (failure: unknown) => {
      if (!controller.signal.aborted) setError(messageOf(failure));
    });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const to = new Date();
    const from = new Date(to.getTime() - days * DAY_MS);
    fetchPublicMap({ from: from.toISOString(), to: to.toISOString() }, controller.signal).then(
      setCounts,
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(messageOf(failure));
      },
    );
    return () => controller.abort();
  }, [days]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = L.map(container, { preferCanvas: true, attributionControl: false, zoomSnap: 0.25 });
    map.setView([37.6465, 120.4786], 11);
    mapRef.current = map;
    layerRef.current = L.layerGroup().addTo(map);
    return () => {
      map.remove();
      mapRef.current = null;
      layerRef.current = null;
    };
  }, []);

  const byGrid = useMemo(() => new Map((counts?.grids ?? []).map((g) => [g.id, g.counts])), [counts]);
  const breaks = useMemo(() => classBreaks([...byGrid.values()].map((c) => c.open)), [byGrid]);

  useEffect(() => {
    const map = mapRef.current;
    const layer = layerRef.current;
    if (!map || !layer || !outlines) return;
    layer.clearLayers();
    const bounds = L.latLngBounds([]);
    for (const grid of outlines.grids) {
      const gridCounts = byGrid.get(grid.id) ?? ZERO;
      const shape = L.geoJSON(grid.geometry, {
        style: {
          color: '#5b6b7f',
          weight: 0.6,
          fillColor: colourOf(gridCounts.open, breaks),
          fillOpacity: 0.85,
        },
      });
      shape.bindPopup(() => popupContent(grid.name, grid.communityName, gridCounts));
      shape.addTo(layer);
      bounds.extend(shape.getBounds());
    }
    // Fit the jurisdiction once; later redraws (another period) keep the reader's view.
    if (bounds.isValid() && !fittedRef.current) {
      map.fitBounds(bounds, { padding: [4, 4] });
      fittedRef.current = true;
    }
  }, [outlines, byGrid, breaks]);

  const totals = counts?.totals ?? ZERO;
  const legend = [
    { color: PALETTE[0], label: '0' },
    ...breaks.map((limit, i) => {
      const next = breaks[i + 1];
      return {
        color: PALETTE[Math.min(i + 1, PALETTE.length - 1)],
        label: next === undefined ? `≥${limit}` : next - 1 > limit ? `${limit}–${next - 1}` : `${limit}`,
      };
    }),
  ];

  return (
    <section className="tk-card tk-map-card" data-testid="track-map">
      <div className="tk-map-head">
        <h1 className="tk-h1">公开地图</h1>
        <div className="tk-periods">
          {PERIODS.map((period) => (
            <button
              key={period.days}
              type="button"
              className={days === period.days ? 'tk-period tk-period-active' : 'tk-period'}
              aria-pressed={days === period.days}
              onClick={() => setDays(period.days)}
            >
              {period.label}
            </button>
          ))}
        </div>
      </div>
      <div className="tk-totals" data-testid="track-map-totals">
        {(['reported', 'handling', 'resolved', 'closed'] as const).map((group) => (
          <div key={group} className="tk-total">
            <span className="tk-total-value" style={{ color: GROUP_COLORS[group] }}>
              {totals[group]}
            </span>
            <span className="tk-total-label">{PUBLIC_STATUS_GROUP_LABELS[group]}</span>
          </div>
        ))}
      </div>
      {error ? <p className="tk-error">{error}</p> : null}
      <div ref={containerRef} className="tk-map" data-testid="track-map-canvas" />
      <div className="tk-legend">
        <span className="tk-muted">未办结</span>
        {legend.map((item) => (
          <span key={item.label} className="tk-legend-item">
            <span className="tk-swatch" style={{ background: item.color }} />
            {item.label}
          </span>
        ))}
      </div>
      <p className="tk-muted">
        按网格汇总上报的部件、事件类问题（点按网格看分类数量），不显示具体点位；矛盾纠纷、民生服务等网格事项不公开。
      </p>
    </section>
  );
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError && error.status === 429) return '请求过于频繁，请稍后再试。';
  if (error instanceof ApiError && error.status === 0) return '无法连接服务器，请检查网络后重试。';
  return error instanceof Error ? error.message : String(error);
}
