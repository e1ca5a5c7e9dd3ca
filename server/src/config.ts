import path from 'node:path';
import { z } from 'zod';
import { isPersonalDataKey } from './platform/personal-data.ts';

/** The environment, parsed once at start. A bad value stops the process with a message naming it. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A tile URL template (e.g. Tianditu) for a basemap under the territory map; none by default. */
  MAP_TILE_URL: z.string().url().optional(),
  MAP_TILE_ATTRIBUTION: z.string().optional(),
  /** Build the Longkou demo into an empty database at start (demo mode; never in production). */
  DEMO_SEED: z.enum(['true', 'false']).default('true'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  /** asvs (OWASP ASVS, default) or mlps (等保 2.0: three character classes, 90-day expiry). */
  PASSWORD_POLICY: z.enum(['asvs', 'mlps']).default('asvs'),
  SIGN_INS_PER_MINUTE_PER_IP: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Administrators must sign in with a second factor (TOTP). */
  REQUIRE_ADMIN_TOTP: z.enum(['true', 'false']).default('false'),
  /** Proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs); none by default. */
  TRUST_PROXY: z.string().optional(),
  /** Scheduled jobs (breach escalation) in this process: on by default, off under NODE_ENV=test. */
  JOBS: z.enum(['on', 'off']).optional(),
  /**
   * The key that encrypts phone and ID numbers: 32 random bytes, base64 (openssl rand -base64 32).
   * Required in production; in development, made in DATA_DIR/pii.key when absent.
   */
  PII_KEY: z
    .string()
    .refine(isPersonalDataKey, 'must be 32 random bytes in base64 (openssl rand -base64 32)')
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: string;
  mapTileUrl: string | undefined;
  mapTileAttribution: string | undefined;
  seedDemo: boolean;
  /** The demo accounts and their listing exist: DEMO_SEED on, and never in production. */
  demoMode: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  passwordPolicy: 'asvs' | 'mlps';
  signInsPerMinutePerIp: number;
  trustProxy: string[];
  requireAdminTotp: boolean;
  /** PII_KEY (base64); undefined means DATA_DIR/pii.key, outside production. */
  piiKey: string | undefined;
  /** Run the scheduled jobs in this process (JOBS=on|off; default on, off in tests). */
  jobs: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) =>
        `  ${issue.path.join('.')}=${issue.path[0] === 'PII_KEY' ? '[redacted]' : JSON.stringify(cleaned[String(issue.path[0])])}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    mapTileUrl: e.MAP_TILE_URL,
    mapTileAttribution: e.MAP_TILE_ATTRIBUTION,
    seedDemo: e.DEMO_SEED === 'true',
    demoMode: e.DEMO_SEED === 'true' && e.NODE_ENV !== 'production',
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    passwordPolicy: e.PASSWORD_POLICY,
    signInsPerMinutePerIp: e.SIGN_INS_PER_MINUTE_PER_IP,
    requireAdminTotp: e.REQUIRE_ADMIN_TOTP === 'true',
    trustProxy: (e.TRUST_PROXY ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    piiKey: e.PII_KEY,
    jobs: (e.JOBS ?? (e.NODE_ENV === 'test' ? 'off' : 'on')) === 'on',
  };
}

/** Where case photos are kept: under the data directory, outside the web root. */
export function photosDirOf(dataDir: string): string {
  return path.join(dataDir, 'photos');
}
