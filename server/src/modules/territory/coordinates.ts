import gcoord from 'gcoord';
import type { Crs } from '#contracts';

/**
 * Converts a point from the coordinate system a client used to WGS-84, which is what Jingzhi stores.
 * GCJ-02 is the offset system of Chinese phone map SDKs (AMap, Tencent); BD-09 is Baidu's.
 * Outside China gcoord leaves GCJ-02/BD-09 points unshifted, as the offset is only defined inside.
 */
export function toWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  switch (crs) {
    case 'wgs84':
      return [lng, lat];
    case 'gcj02':
      return gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
    case 'bd09':
      return gcoord.transform([lng, lat], gcoord.BD09, gcoord.WGS84) as [number, number];
  }
}

export function fromWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  switch (crs) {
    case 'wgs84':
      return [lng, lat];
    case 'gcj02':
      return gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    case 'bd09':
      return gcoord.transform([lng, lat], gcoord.WGS84, gcoord.BD09) as [number, number];
  }
}
