import { describe, expect, it } from 'vitest';
import { boxAround, distanceInMetres } from './find-possible-duplicates.service.ts';

describe('distances for possible duplicates', () => {
  const longkou = { lng: 120.4786, lat: 37.6465 };

  it('measures great-circle distances in metres', () => {
    expect(distanceInMetres(longkou, longkou)).toBe(0);
    // One thousandth of a degree of latitude is about 111 m anywhere.
    expect(distanceInMetres(longkou, { ...longkou, lat: longkou.lat + 0.001 })).toBeCloseTo(111.2, 0);
    // Of longitude, shorter by cos(latitude): about 88 m at Longkou.
    expect(distanceInMetres(longkou, { ...longkou, lng: longkou.lng + 0.001 })).toBeCloseTo(88.1, 0);
  });

  it('draws a box that holds every point within the radius', () => {
    for (const radius of [15, 50, 100]) {
      const box = boxAround(longkou, radius);
      for (let bearing = 0; bearing < 360; bearing += 15) {
        const rad = (bearing * Math.PI) / 180;
        // A point a hair inside the radius in this direction.
        const dLat = ((radius * 0.999) / 111_195) * Math.cos(rad);
        const dLng = ((radius * 0.999) / (111_195 * Math.cos((longkou.lat * Math.PI) / 180))) * Math.sin(rad);
        const point = { lng: longkou.lng + dLng, lat: longkou.lat + dLat };
        expect(distanceInMetres(longkou, point)).toBeLessThanOrEqual(radius);
        expect(point.lng).toBeGreaterThanOrEqual(box.west);
        expect(point.lng).toBeLessThanOrEqual(box.east);
        expect(point.lat).toBeGreaterThanOrEqual(box.south);
        expect(point.lat).toBeLessThanOrEqual(box.north);
      }
    }
  });
});
