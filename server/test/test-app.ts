import { type App, type AppConfig, buildApp } from '../src/app.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import type { Clock } from '../src/platform/clock.ts';
import { PersonalDataCipher } from '../src/platform/personal-data.ts';

/** The personal-data key of test apps: fixed and made up (tests may encrypt fixtures with it). */
export const testPersonalData = new PersonalDataCipher(Buffer.alloc(32, 0x5a));

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
  requireAdminTotp: false,
};

/** The real app on a test database: no web bundle, logs off unless LOG_TESTS is set. */
export function buildTestApp(
  database: DatabaseHandle,
  options: { clock?: Clock; config?: Partial<AppConfig>; notificationHeartbeatMs?: number } = {},
): Promise<App> {
  return buildApp({
    config: { ...testConfig, ...options.config },
    database,
    webDist: null,
    personalData: testPersonalData,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.notificationHeartbeatMs !== undefined
      ? { notificationHeartbeatMs: options.notificationHeartbeatMs }
      : {}),
  });
}
