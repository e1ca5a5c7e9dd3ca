import { type App, buildApp } from '../src/app.ts';
import type { DatabaseHandle } from '../src/db/database.ts';

/** The real app on a test database: no web bundle, logs off unless LOG_TESTS is set. */
export function buildTestApp(database: DatabaseHandle): Promise<App> {
  return buildApp({
    config: {
      logLevel: process.env.LOG_TESTS ? 'debug' : 'silent',
      mapTileUrl: undefined,
      mapTileAttribution: undefined,
    },
    database,
    webDist: null,
  });
}
