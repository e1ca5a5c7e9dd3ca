import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import { useEffect, useRef } from 'react';

export interface TaskPoint {
  taskId: number;
  title: string;
  placeName: string;
  lng: number;
  lat: number;
  colour: string;
}

interface TaskMapProps {
  points: readonly TaskPoint[];
  tileUrl: string | null;
  tileAttribution: string | null;
  onOpenTask: (id: number) => void;
}

/**
 * The tasks that have a place, on a Leaflet map: a dot per task coloured by its unit's flag. Offline
 * (no tile URL configured) it draws the dots on a plain background.
 */
export default function TaskMap({ points, tileUrl, tileAttribution, onOpenTask }: TaskMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const openRef = useRef(onOpenTask);
  openRef.current = onOpenTask;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = L.map(container, { attributionControl: Boolean(tileUrl) });
    if (tileUrl) L.tileLayer(tileUrl, { attribution: tileAttribution ?? '' }).addTo(map);
    const layer = L.featureGroup().addTo(map);
    for (const p of points) {
      L.circleMarker([p.lat, p.lng], {
        radius: 8,
        color: '#fff',
        weight: 2,
        fillColor: p.colour,
        fillOpacity: 0.9,
      })
        .bindTooltip(`${p.title}<br/>${p.placeName}`)
        .on('click', () => openRef.current(p.taskId))
        .addTo(layer);
    }
    if (points.length > 0) map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 14 });
    else map.setView([37.65, 120.48], 12);
    return () => {
      map.remove();
    };
  }, [points, tileUrl, tileAttribution]);

  return <div ref={containerRef} className="jz-task-map" data-testid="task-map" />;
}
