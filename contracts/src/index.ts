export * from './geojson.ts';
export * from './platform.ts';
export * from './territory.ts';
