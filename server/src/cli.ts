import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { sql } from 'kysely';
import { z } from 'zod';
import { AreaGeometry, ImportFeatureCollection, LegacyLayerCreate, PlaceLevel } from '#contracts';
import { ConfigError, photosDirOf, readConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { type DatabaseHandle, DatabaseRefusedError, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemo } from './demo.ts';
import { createInitialAdmin } from './modules/access/index.ts';
import { exportTerritory, importTerritory } from './modules/territory/import-territory.service.ts';
import { createJurisdiction, isTerritoryEmpty, TerritoryModule } from './modules/territory/index.ts';
import { importLegacyLayer } from './modules/territory/legacy-layer.service.ts';
import { verifyAuditChain } from './platform/audit.ts';
import { AppError } from './platform/errors.ts';
import {
  PersonalDataCipher,
  PersonalDataKeyError,
  resolvePersonalDataKey,
} from './platform/personal-data.ts';

/** `npm run cli -- <command>`: territory imports and exports, and the demo seed, against DATA_DIR or DATABASE_URL. */

const cliActor = { id: 'cli' };

async function withDatabase<T>(run: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = readConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    production: config.nodeEnv === 'production',
  });
  try {
    await migrateToLatest(database.db);
    return await run(database);
  } finally {
    await database.close();
  }
}

function readGeoJsonFile(file: string): ImportFeatureCollection {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError(
      'platform.bad_json',
      `${file} is not a readable JSON file: ${(error as Error).message}`,
    );
  }
  const parsed = ImportFeatureCollection.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'platform.validation_failed',
      `${file} is not a GeoJSON FeatureCollection`,
      parsed.error.issues,
    );
  }
  return parsed.data;
}

function progressBar(label: string) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} {phase}`,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 1000,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number, phase: string) {
      if (!started) {
        bar.start(total, 0, { phase });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { phase });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function printFeatureErrors(details: unknown): void {
  const errors =
    (details as { errors?: { feature: number; code: string | null; error: string; message: string }[] })
      ?.errors ?? [];
  for (const e of errors.slice(0, 50)) {
    process.stderr.write(
      `  feature ${e.feature}${e.code ? ` (${e.code})` : ''}: ${e.error} — ${e.message}\n`,
    );
  }
  if (errors.length > 50) process.stderr.write(`  … and ${errors.length - 50} more\n`);
}

const program = new Command('jingzhi').description('Jingzhi 精治 command line');

program
  .command('import-grids')
  .description('Import subdistricts, communities, grids and units from a GeoJSON file (all or nothing)')
  .argument('<file>', 'GeoJSON FeatureCollection; properties: level, code, name, parent, kind')
  .option('--jurisdiction <code>', 'division code of the jurisdiction (default: the first)')
  .action(async (file: string, options: { jurisdiction?: string }) => {
    const collection = readGeoJsonFile(file);
    await withDatabase(async ({ db }) => {
      const jurisdictionId = await new TerritoryModule(db).resolveJurisdictionId(options.jurisdiction);
      const bar = progressBar('import');
      try {
        const result = await db.transaction().execute((trx) =>
          importTerritory(trx, {
            jurisdictionId,
            collection,
            actor: cliActor,
            onProgress: (p) => bar.update(p.done, p.total, p.phase),
          }),
        );
        bar.stop();
        process.stdout.write(
          `imported: ${result.created} created, ${result.updated} updated ${JSON.stringify(result.levels)}\n`,
        );
      } finally {
        bar.stop();
      }
    });
  });

program
  .command('export-grids')
  .description('Write current places as importable GeoJSON')
  .option('--levels <levels>', 'comma-separated levels', 'subdistrict,community,grid,unit')
  .option('--out <file>', 'output file (default: standard output)')
  .option('--jurisdiction <code>', 'division code of the jurisdiction (default: the first)')
  .action(async (options: { levels: string; out?: string; jurisdiction?: string }) => {
    const levels = z.array(PlaceLevel).parse(options.levels.split(','));
    await withDatabase(async ({ db }) => {
      const jurisdictionId = await new TerritoryModule(db).resolveJurisdictionId(options.jurisdiction);
      const collection = await exportTerritory(db, { jurisdictionId, levels });
      const text = `${JSON.stringify(collection)}\n`;
      if (options.out) fs.writeFileSync(options.out, text);
      else process.stdout.write(text);
    });
  });

program
  .command('import-legacy')
  .description(
    'Import a department’s legacy grid layer (多网合一) and report its overlap with the unified grids',
  )
  .argument('<file>', 'GeoJSON FeatureCollection of legacy grids')
  .requiredOption('--department <name>', 'the department that owned the layer, e.g. 卫健局')
  .requiredOption('--name <name>', 'layer name, e.g. 计生网格')
  .option('--code-property <p>', 'property holding the legacy grid code', 'code')
  .option('--name-property <p>', 'property holding the legacy grid name', 'name')
  .option('--crs <crs>', 'wgs84, gcj02 or bd09', 'wgs84')
  .option('--jurisdiction <code>', 'division code of the jurisdiction (default: the first)')
  .action(async (file: string, options: Record<string, string>) => {
    const request = LegacyLayerCreate.parse({
      department: options.department,
      name: options.name,
      codeProperty: options.codeProperty,
      nameProperty: options.nameProperty,
      crs: options.crs,
      featureCollection: readGeoJsonFile(file),
    });
    await withDatabase(async ({ db }) => {
      const jurisdictionId = await new TerritoryModule(db).resolveJurisdictionId(options.jurisdiction);
      const layer = await db
        .transaction()
        .execute((trx) => importLegacyLayer(trx, { jurisdictionId, request, actor: cliActor }));
      process.stdout.write(
        `legacy layer ${layer.id} ${layer.name}: ${layer.gridCount} grids, ${(layer.coveredGridShare * 100).toFixed(1)}% of unified grids overlap it\n`,
      );
    });
  });

program
  .command('create-jurisdiction')
  .description('Create a jurisdiction (outside the demo) from its outline, before importing its grids')
  .requiredOption('--code <code>', 'administrative division code, e.g. 370681')
  .requiredOption('--name <name>', 'e.g. 龙口市')
  .requiredOption(
    '--outline <file>',
    'GeoJSON Feature or FeatureCollection with the (Multi)Polygon outline, WGS-84',
  )
  .action(async (options: { code: string; name: string; outline: string }) => {
    const raw = JSON.parse(fs.readFileSync(options.outline, 'utf8')) as {
      type?: string;
      geometry?: unknown;
      features?: { geometry?: unknown }[];
    };
    const geometry =
      raw.type === 'FeatureCollection'
        ? raw.features?.[0]?.geometry
        : raw.type === 'Feature'
          ? raw.geometry
          : raw;
    const outline = AreaGeometry.parse(geometry);
    await withDatabase(async ({ db }) => {
      const created = await createJurisdiction(db, {
        code: options.code,
        name: options.name,
        geometry: outline,
        actor: cliActor,
      });
      process.stdout.write(`jurisdiction ${created.code} ${created.name} created (id ${created.id})\n`);
    });
  });

program
  .command('create-admin')
  .description('Create an administrator with a one-time password that must be changed at first sign-in')
  .option('--username <name>', 'username', 'admin')
  .option('--jurisdiction <code>', 'division code of the jurisdiction (default: the first)')
  .action(async (options: { username: string; jurisdiction?: string }) => {
    await withDatabase(async ({ db }) => {
      const jurisdictionId = await new TerritoryModule(db).resolveJurisdictionId(options.jurisdiction);
      const password = randomBytes(12).toString('base64url');
      await createInitialAdmin(db, {
        jurisdictionId,
        username: options.username,
        password,
        now: new Date(),
        actor: cliActor,
      });
      process.stdout.write(
        `administrator ${options.username} created. One-time password (shown once; it must be changed at first sign-in): ${password}\n`,
      );
    });
  });

program
  .command('verify-audit')
  .description('Recompute the audit log’s hash chain and name the first entry that was changed or removed')
  .action(async () => {
    await withDatabase(async ({ db }) => {
      const result = await verifyAuditChain(db);
      if (result.ok) {
        process.stdout.write(`audit log intact: ${result.checked} entries verified\n`);
        return;
      }
      process.stdout.write(
        `audit log BROKEN at entry ${result.firstBroken?.id}: ${result.firstBroken?.reason} (${result.checked} entries)\n`,
      );
      process.exitCode = 3;
    });
  });

program
  .command('seed')
  .description('Build the Longkou demo into an empty database')
  .option('--fresh', 'drop every table first and rebuild from scratch (refused in production)')
  .action(async (options: { fresh?: boolean }) => {
    const config = readConfig();
    if (options.fresh && config.nodeEnv === 'production') {
      throw new ConfigError('seed --fresh drops all data and is refused with NODE_ENV=production');
    }
    await withDatabase(async ({ db }) => {
      if (options.fresh) {
        await sql`drop schema public cascade; create schema public`.execute(db);
        await migrateToLatest(db);
      } else if (!(await isTerritoryEmpty(db))) {
        process.stdout.write('The database already holds a jurisdiction; use --fresh to rebuild it.\n');
        return;
      }
      const bar = progressBar('seed');
      const started = Date.now();
      await seedDemo(db, {
        now: new Date(),
        withAccounts: config.demoMode,
        personalData: PersonalDataCipher.fromBase64(
          resolvePersonalDataKey({
            configured: config.piiKey,
            production: config.nodeEnv === 'production',
            dataDir: config.dataDir,
          }),
        ),
        actor: cliActor,
        photosDir: photosDirOf(config.dataDir),
        onProgress: (p) => bar.update(p.done, p.total, p.step),
      });
      bar.stop();
      process.stdout.write(`Longkou demo built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) {
    process.stderr.write(`jingzhi: ${error.code}: ${error.message}\n`);
    printFeatureErrors(error.details);
  } else if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof DatabaseRefusedError ||
    error instanceof PersonalDataKeyError
  ) {
    process.stderr.write(`jingzhi: ${error.message}\n`);
  } else if (error instanceof z.ZodError) {
    process.stderr.write(
      `jingzhi: invalid option: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`,
    );
  } else {
    process.stderr.write(
      `jingzhi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exitCode = 1;
});
