import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';
import { refuseUnsafeServer, type SettingsReader } from './db/database.ts';

describe('readConfig', () => {
  it('applies the documented defaults', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3000,
      nodeEnv: 'development',
      databaseUrl: undefined,
      seedDemo: true,
    });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('reads every variable and treats empty values as unset', () => {
    const config = readConfig({
      PORT: '8080',
      DATA_DIR: '/var/lib/jingzhi',
      DATABASE_URL: 'postgres://u@h/db',
      NODE_ENV: 'production',
      MAP_TILE_URL: '',
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/var/lib/jingzhi',
      databaseUrl: 'postgres://u@h/db',
      nodeEnv: 'production',
      mapTileUrl: undefined,
    });
  });

  it('runs the scheduled jobs by default, not under test, and as JOBS says', () => {
    expect(readConfig({}).jobs).toBe(true);
    expect(readConfig({ NODE_ENV: 'test' }).jobs).toBe(false);
    expect(readConfig({ JOBS: 'off' }).jobs).toBe(false);
    expect(readConfig({ NODE_ENV: 'test', JOBS: 'on' }).jobs).toBe(true);
    expect(() => readConfig({ JOBS: 'maybe' })).toThrow(ConfigError);
  });

  it('names each bad value and why', () => {
    expect(() => readConfig({ PORT: '70000', NODE_ENV: 'staging', DATABASE_URL: 'mysql://x' })).toThrow(
      ConfigError,
    );
    try {
      readConfig({ PORT: '70000', NODE_ENV: 'staging', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT="70000"');
      expect(message).toContain('NODE_ENV="staging"');
      expect(message).toContain('DATABASE_URL="mysql://x": must be a postgres:// or postgresql:// URL');
    }
  });
});

describe('production database checks', () => {
  const serverWith = (settings: Record<string, string>): SettingsReader => ({
    query: async (text: string) => {
      const name = text.replace('show ', '');
      return { rows: [{ [name]: settings[name] ?? 'on' }] };
    },
  });
  it('accepts a server with fsync and full_page_writes on', async () => {
    await expect(
      refuseUnsafeServer(serverWith({ fsync: 'on', full_page_writes: 'on' })),
    ).resolves.toBeUndefined();
  });
  it.each(['fsync', 'full_page_writes'])('refuses a server with %s off, saying why', async (setting) => {
    const settings = { fsync: 'on', full_page_writes: 'on', [setting]: 'off' };
    await expect(refuseUnsafeServer(serverWith(settings))).rejects.toThrow(`${setting} is off`);
  });
});
