import * as L from 'leaflet';
import { type ReactNode, useEffect, useRef, useState } from 'react';

interface GeoMapProps {
  /** Leaflet tile URL template; null draws on a plain background and loads nothing from the internet. */
  tileUrl: string | null;
  tileAttribution: string | null;
  /** Called with the map once created, and with null when it is removed. */
  onMap: (map: L.Map | null) => void;
  className?: string;
  testId?: string;
  /** Overlays positioned over the map (legend, status). */
  children?: ReactNode;
}

/**
 * A Leaflet map on the canvas renderer (thousands of polygons stay fast), resized with its container.
 * It knows nothing of the data drawn on it: callers add layers to the map they receive.
 */
export function GeoMap({ tileUrl, tileAttribution, onMap, className, testId, children }: GeoMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const onMapRef = useRef(onMap);
  onMapRef.current = onMap;
  const [map, setMap] = useState<L.Map | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const created = L.map(container, {
      preferCanvas: true,
      attributionControl: false,
      zoomSnap: 0.25,
      zoomDelta: 0.5,
      wheelPxPerZoomLevel: 90,
      minZoom: 6,
      maxZoom: 19,
    });
    const observer = new ResizeObserver(() => created.invalidateSize({ pan: false }));
    observer.observe(container);
    setMap(created);
    onMapRef.current(created);
    return () => {
      observer.disconnect();
      onMapRef.current(null);
      setMap(null);
      created.remove();
    };
  }, []);

  useEffect(() => {
    if (!map || !tileUrl) return;
    const tiles = L.tileLayer(tileUrl, { maxZoom: 19, attribution: tileAttribution ?? '' });
    const attribution = L.control.attribution({ prefix: false });
    attribution.addTo(map);
    tiles.addTo(map);
    tiles.bringToBack();
    return () => {
      tiles.remove();
      attribution.remove();
    };
  }, [map, tileUrl, tileAttribution]);

  return (
    <div className={className ? `jz-geomap ${className}` : 'jz-geomap'}>
      <div ref={containerRef} className="jz-geomap-canvas" data-testid={testId} />
      {children}
    </div>
  );
}
