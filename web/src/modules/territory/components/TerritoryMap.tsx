import * as L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import type { AreaGeometry } from '#contracts';
import type { AppConfig } from '../../../app/app-config.ts';
import { GeoMap } from '../../../ui/map/GeoMap.tsx';
import { type PlaceFeatureProperties, type TerritoryLayers, toGeometry } from '../geo.ts';
import { kindColors } from '../kinds.ts';

declare global {
  interface Window {
    /** For browser tests: set once the unit layer is drawn. */
    __jingzhiMap?: { unitCount: number; ready: boolean };
  }
}

/** Pixels kept clear around the focus when zooming to it. */
export interface FocusPadding {
  topLeft: L.PointTuple;
  bottomRight: L.PointTuple;
}

export interface MapFocus {
  /** Changes when the map should move (a new selection). */
  key: string;
  geometry: AreaGeometry;
}

interface TerritoryMapProps {
  appConfig: AppConfig;
  layers: TerritoryLayers;
  focus: MapFocus | null;
  onSelectUnit: (id: number) => void;
  /** Hover tooltips (off on touch screens, where they would cover the map). */
  tooltips: boolean;
  /** Room kept clear when zooming to the focus, e.g. under a bottom drawer on phones. */
  focusPadding?: FocusPadding;
  children?: React.ReactNode;
}

const UNIT_FALLBACK_COLOR = '#b8c0cc';
const HIGHLIGHT_COLOR = '#e5484d';

function unitStyle(
  feature: GeoJSON.Feature<GeoJSON.Geometry, PlaceFeatureProperties> | undefined,
): L.PathOptions {
  const kind = feature?.properties.communityKind;
  return {
    fillColor: kind ? kindColors[kind] : UNIT_FALLBACK_COLOR,
    fillOpacity: 0.62,
    color: '#ffffff',
    weight: 0.7,
    opacity: 0.95,
  };
}

/** Units coloured by community kind, grid outlines, subdistrict outlines, and the selected place. */
const DEFAULT_FOCUS_PADDING: FocusPadding = {
  topLeft: [40, 40],
  bottomRight: [40, 40],
};

export function TerritoryMap({
  appConfig,
  layers,
  focus,
  onSelectUnit,
  tooltips,
  focusPadding = DEFAULT_FOCUS_PADDING,
  children,
}: TerritoryMapProps) {
  const [map, setMap] = useState<L.Map | null>(null);
  /** The drawn unit layer: the highlight waits for it, so that it is drawn on top. */
  const [unitLayer, setUnitLayer] = useState<L.GeoJSON | null>(null);
  const onSelectRef = useRef(onSelectUnit);
  onSelectRef.current = onSelectUnit;
  const focusRef = useRef(focus);
  focusRef.current = focus;
  const paddingRef = useRef(focusPadding);
  paddingRef.current = focusPadding;

  useEffect(() => {
    if (!map) return;
    const units = L.geoJSON(layers.units, {
      style: unitStyle,
      onEachFeature: (feature, layer) => {
        const { id, name, code } = feature.properties;
        layer.on('click', () => onSelectRef.current(id));
        if (tooltips)
          layer.bindTooltip(`${name} · ${code}`, { sticky: true, direction: 'top', opacity: 0.92 });
        layer.on('mouseover', () => {
          if (layer instanceof L.Path) layer.setStyle({ weight: 2.2, color: '#0f2a4a' });
        });
        layer.on('mouseout', () => units.resetStyle(layer));
      },
    });
    const grids = L.geoJSON(layers.grids, {
      interactive: false,
      style: { fill: false, color: '#3b4a63', weight: 1.3, opacity: 0.85 },
    });
    const subdistricts = L.geoJSON(layers.subdistricts, {
      interactive: false,
      style: { fill: false, color: '#0b1f3a', weight: 3.2, opacity: 0.95 },
    });
    units.addTo(map);
    grids.addTo(map);
    subdistricts.addTo(map);
    const bounds = units.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12], animate: false });
    setUnitLayer(units);
    window.__jingzhiMap = { unitCount: units.getLayers().length, ready: true };
    return () => {
      window.__jingzhiMap = { unitCount: 0, ready: false };
      setUnitLayer(null);
      units.remove();
      grids.remove();
      subdistricts.remove();
    };
  }, [map, layers, tooltips]);

  const focusKey = focus?.key ?? null;
  useEffect(() => {
    // Moves only when the selection (focusKey) changes, not on every render.
    const current = focusRef.current;
    if (!map || !unitLayer || focusKey === null || !current) return;
    const highlight = L.geoJSON(toGeometry(current.geometry), {
      interactive: false,
      style: { color: HIGHLIGHT_COLOR, weight: 3, opacity: 1, fillColor: HIGHLIGHT_COLOR, fillOpacity: 0.18 },
    });
    highlight.addTo(map);
    const bounds = highlight.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, {
        paddingTopLeft: paddingRef.current.topLeft,
        paddingBottomRight: paddingRef.current.bottomRight,
        maxZoom: 16,
      });
    }
    return () => {
      highlight.remove();
    };
  }, [map, unitLayer, focusKey]);

  return (
    <GeoMap
      tileUrl={appConfig.mapTileUrl}
      tileAttribution={appConfig.mapTileAttribution}
      onMap={setMap}
      testId="map"
      className={appConfig.mapTileUrl ? 'jz-map-tiles' : 'jz-map-plain'}
    >
      {children}
    </GeoMap>
  );
}
