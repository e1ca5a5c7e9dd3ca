import { z } from 'zod';

/** GeoJSON (RFC 7946) geometry schemas shared by server and web. Coordinates are WGS-84 [lng, lat]. */

export const Position = z.array(z.number().finite()).min(2).max(3);
export type Position = z.infer<typeof Position>;

export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position });
export const PolygonGeometry = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(Position)),
});
export const MultiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(z.array(Position))),
});
export const AreaGeometry = z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry]);
export const PlaceGeometry = z.discriminatedUnion('type', [
  PointGeometry,
  PolygonGeometry,
  MultiPolygonGeometry,
]);

export type PointGeometry = z.infer<typeof PointGeometry>;
export type PolygonGeometry = z.infer<typeof PolygonGeometry>;
export type MultiPolygonGeometry = z.infer<typeof MultiPolygonGeometry>;
export type AreaGeometry = z.infer<typeof AreaGeometry>;
export type PlaceGeometry = z.infer<typeof PlaceGeometry>;

/** A feature as accepted on import: geometry is checked later, feature by feature, so it stays loose here. */
export const ImportFeature = z.object({
  type: z.literal('Feature'),
  geometry: z.unknown(),
  properties: z.record(z.string(), z.unknown()).nullable(),
});
export const ImportFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(ImportFeature),
});
export type ImportFeatureCollection = z.infer<typeof ImportFeatureCollection>;

export const Feature = z.object({
  type: z.literal('Feature'),
  geometry: PlaceGeometry,
  properties: z.record(z.string(), z.unknown()),
});
export const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(Feature),
});
export type FeatureCollection = z.infer<typeof FeatureCollection>;
