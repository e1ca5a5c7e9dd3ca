import { type App, type AppConfig, buildApp } from '../src/app.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import type { Clock } from '../src/platform/clock.ts';

export const testConfig: AppConfig = {
  logLevel: process.env.LOG_TESTS ? 'debug' : 'silent',
  mapTileUrl: undefined,
  mapTileAttribution: undefined,
  demoMode: false,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  passwordPolicy: 'asvs',
  signInsPerMinutePerIp: 1000,
  trustProxy: [],
};

/** The real app on a test database: no web bundle, logs off unless LOG_TESTS is set. */
export function buildTestApp(
  database: DatabaseHandle,
  options: { clock?: Clock; config?: Partial<AppConfig> } = {},
): Promise<App> {
  return buildApp({
    config: { ...testConfig, ...options.config },
    database,
    webDist: null,
    ...(options.clock ? { clock: options.clock } : {}),
  });
}
