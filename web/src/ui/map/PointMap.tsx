import 'leaflet/dist/leaflet.css';
import type * as GeoJSON from 'geojson';
import * as L from 'leaflet';
import { useEffect, useRef } from 'react';

export interface LngLat {
  lng: number;
  lat: number;
}

interface PointMapProps {
  point: LngLat | null;
  /** Where to look when there is no point yet. */
  center: LngLat;
  tileUrl: string | null;
  tileAttribution: string | null;
  /** null: the map only shows the point. */
  onPick: ((point: LngLat) => void) | null;
  /** Places drawn under the point (e.g. the units of its grid), the one with `highlightId` stressed. */
  areas?: { features: GeoJSON.FeatureCollection; highlightId: number | null } | null;
  className?: string;
  testId?: string;
}

/**
 * A small Leaflet map of one point (the phone report page loads it only when asked for, so its first
 * load stays light): tap to set the point when `onPick` is given. Without configured tiles it draws
 * on a plain background. No antd: both the report page and the case page use it.
 */
export default function PointMap({
  point,
  center,
  tileUrl,
  tileAttribution,
  onPick,
  areas = null,
  className = 'jz-point-map',
  testId = 'point-map',
}: PointMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markerRef = useRef<L.CircleMarker | null>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const startRef = useRef(point ?? center);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const start = startRef.current;
    const map = L.map(container, { attributionControl: Boolean(tileUrl), zoomControl: true }).setView(
      [start.lat, start.lng],
      16,
    );
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19, attribution: tileAttribution ?? '' }).addTo(map);
    map.on('click', (event: L.LeafletMouseEvent) => {
      onPickRef.current?.({ lng: event.latlng.lng, lat: event.latlng.lat });
    });
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
      markerRef.current = null;
    };
  }, [tileUrl, tileAttribution]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !areas) return;
    const layer = L.geoJSON(areas.features, {
      interactive: false,
      style: (feature) =>
        feature?.properties?.id === areas.highlightId
          ? { color: '#1d5fbf', weight: 2, fillColor: '#1d5fbf', fillOpacity: 0.12 }
          : { color: '#6b7a90', weight: 1, fillColor: '#ffffff', fillOpacity: 0.35 },
    }).addTo(map);
    layer.bringToBack();
    const bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 17, animate: false });
    return () => {
      layer.remove();
    };
  }, [areas]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!point) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    const latLng: L.LatLngExpression = [point.lat, point.lng];
    if (markerRef.current) markerRef.current.setLatLng(latLng);
    else
      markerRef.current = L.circleMarker(latLng, {
        radius: 9,
        color: '#ffffff',
        weight: 3,
        fillColor: '#d4380d',
        fillOpacity: 1,
      }).addTo(map);
    if (!map.getBounds().contains(latLng)) map.panTo(latLng);
  }, [point]);

  return <div ref={containerRef} className={className} data-testid={testId} />;
}
