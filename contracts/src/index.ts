export * from './access.ts';
export * from './cases.ts';
export * from './deliberation.ts';
export * from './geojson.ts';
export * from './limits.ts';
export * from './people.ts';
export * from './platform.ts';
export * from './territory.ts';
