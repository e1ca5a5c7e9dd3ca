import { buildApp } from './app.ts';
import { ConfigError, photosDirOf, readConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { DatabaseRefusedError, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { plannerStatisticsJob, refreshPlannerStatistics } from './db/planner-statistics.ts';
import { seedDemo } from './demo.ts';
import { seedCalendarYearsEverywhere } from './modules/calendar/index.ts';
import { casesJobs, seedCaseCategoriesEverywhere } from './modules/cases/index.ts';
import { servicesJobs } from './modules/services/index.ts';
import { createJobRunner } from './platform/jobs.ts';
import {
  PersonalDataCipher,
  PersonalDataKeyError,
  resolvePersonalDataKey,
} from './platform/personal-data.ts';

/** The only file that listens: config → database → migrations → demo (if empty) → app → listen. */
async function main(): Promise<void> {
  const config = readConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    production: config.nodeEnv === 'production',
  });
  const personalData = PersonalDataCipher.fromBase64(
    resolvePersonalDataKey({
      configured: config.piiKey,
      production: config.nodeEnv === 'production',
      dataDir: config.dataDir,
    }),
  );
  const schemaVersion = await migrateToLatest(database.db);
  const app = await buildApp({
    config,
    database,
    personalData,
    photosDir: photosDirOf(config.dataDir),
  });
  app.log.info(
    {
      database: database.kind,
      schemaVersion,
      dataDir: database.kind === 'pglite' ? config.dataDir : undefined,
    },
    'database ready',
  );
  if (config.seedDemo) {
    const started = Date.now();
    await seedDemo(database.db, {
      now: new Date(),
      withAccounts: config.demoMode,
      personalData,
      photosDir: photosDirOf(config.dataDir),
      onProgress: (p) => app.log.info({ step: p.step, done: p.done, total: p.total }, 'demo seed progress'),
    });
    app.log.info({ ms: Date.now() - started, demoAccounts: config.demoMode }, 'Longkou demo ready');
  }
  // Every jurisdiction has the case category catalogue (adds what is missing, keeps edits).
  await seedCaseCategoriesEverywhere(database.db);
  // Every jurisdiction has the shipped calendar years as rows an administrator edits (edits are kept).
  await seedCalendarYearsEverywhere(database.db);
  // Planner statistics for tables never analysed or grown since (a data directory from elsewhere,
  // an upgrade), then as tables grow.
  await refreshPlannerStatistics(database.db);

  const jobLogger = {
    info: (details: object, message: string) => app.log.info(details, message),
    error: (details: object, message: string) => app.log.error(details, message),
  };
  const jobs = createJobRunner(
    config.jobs ? [...casesJobs(app.cases), ...servicesJobs(app.services)] : [],
    jobLogger,
  );
  // The database's own upkeep runs whether or not the domain jobs are on.
  const upkeep = createJobRunner([plannerStatisticsJob(database.db)], jobLogger);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const timer = setTimeout(() => {
      app.log.error('shutdown took over 10 s; exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    try {
      await jobs.stop();
      await upkeep.stop();
      await app.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  jobs.start();
  upkeep.start();
  app.log.info({ jobs: config.jobs ? 'on' : 'off' }, 'scheduled jobs');
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof DatabaseRefusedError ||
    error instanceof PersonalDataKeyError
  ) {
    process.stderr.write(`jingzhi: ${error.message}\n`);
  } else {
    process.stderr.write(
      `jingzhi: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
