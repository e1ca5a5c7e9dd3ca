import type { Kysely } from 'kysely';
import type { OpeningHours } from '#contracts/services.ts';
import { createTestTerritory, type TestTerritory } from '../../../../test/factories.ts';
import { buildTestApp } from '../../../../test/test-app.ts';
import type { App } from '../../../app.ts';
import type { DatabaseHandle } from '../../../db/database.ts';
import type { Database } from '../../../db/schema.ts';
import { jsonb } from '../../../platform/audit.ts';
import { FakeClock } from '../../../platform/clock.ts';
import { ServicesModule, servicesRoutes } from '../index.ts';

export interface ServicesTestApp {
  app: App;
  services: ServicesModule;
  /** The services module's clock (bookings, deadlines); sessions keep the real one. */
  clock: FakeClock;
}

/**
 * The real app on a test database, with the services routes. Until app.ts registers them itself,
 * they are registered here, before the app is ready. Time is a fake clock (Tuesday 1 September 2026,
 * 09:00 in Shanghai, unless given).
 */
export async function buildServicesTestApp(
  database: DatabaseHandle,
  options: { now?: string } = {},
): Promise<ServicesTestApp> {
  const clock = new FakeClock(options.now ?? '2026-09-01T01:00:00Z');
  // The whole app runs on the fake clock (sessions too), with sessions long enough to outlive the
  // days the tests move the clock on.
  const app = await buildTestApp(database, {
    clock,
    config: { sessionIdleMinutes: 30 * 24 * 60, sessionAbsoluteHours: 30 * 24 },
  });
  if (app.hasDecorator('services')) {
    return { app, services: (app as App & { services: ServicesModule }).services, clock };
  }
  const services = new ServicesModule(database.db, { clock });
  await app.register(servicesRoutes(services));
  return { app, services, clock };
}

export const OFFICE_HOURS: OpeningHours = {
  weekdays: {
    1: [{ start: '08:30', end: '17:30', extended: false }],
    2: [{ start: '08:30', end: '17:30', extended: false }],
    3: [{ start: '08:30', end: '17:30', extended: false }],
    4: [{ start: '08:30', end: '17:30', extended: false }],
    5: [{ start: '08:30', end: '17:30', extended: false }],
    6: [],
    7: [],
  },
  holidays: [],
};

export interface ServicesFixtures {
  territory: TestTerritory;
  /** A centre per community, in the order of `territory.communities`. */
  centres: number[];
  /** A station per grid, in the order of `territory.grids`. */
  stations: number[];
  /** Residents: `perCommunity` per community, in community order. */
  residents: { id: number; communityIndex: number }[];
  departmentId: number;
}

/**
 * A fresh jurisdiction for services tests: `communities` communities of one grid each, one building
 * of households per grid, residents (names only: no personal data is needed here), a centre per
 * community and a station per grid with office hours, and a department.
 */
export async function createServicesFixtures(
  database: Kysely<Database>,
  options: { communities?: number; residentsPerCommunity?: number } = {},
): Promise<ServicesFixtures> {
  const db = database;
  const territory = await createTestTerritory(database, {
    communities: options.communities ?? 3,
    gridsPerCommunity: 1,
    unitsPerGrid: 1,
    buildingsPerUnit: 1,
  });
  const { jurisdictionId } = territory;
  const households = await db
    .selectFrom('territory_household as h')
    .innerJoin('territory_building as b', (j) =>
      j.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
    )
    .innerJoin('territory_place as u', (j) =>
      j.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
    )
    .select(['h.id', 'u.community_id'])
    .where('h.jurisdiction_id', '=', jurisdictionId)
    .orderBy('h.code')
    .execute();
  const perCommunity = options.residentsPerCommunity ?? 20;
  const residentValues = territory.communities.flatMap((community, c) => {
    const own = households.filter((h) => h.community_id === community.id);
    return Array.from({ length: perCommunity }, (_, r) => ({
      jurisdiction_id: jurisdictionId,
      household_id: (own[r % own.length] ?? households[0])?.id ?? 0,
      name: `居民${c + 1}-${r + 1}`,
      communityIndex: c,
    }));
  });
  const inserted = await db
    .insertInto('resident')
    .values(residentValues.map(({ communityIndex: _, ...row }) => row))
    .returning('id')
    .execute();
  const sites = await db
    .insertInto('service_site')
    .values([
      ...territory.communities.map((c, i) => ({
        jurisdiction_id: jurisdictionId,
        code: `C${i + 1}`,
        kind: 'centre' as const,
        name: `测试社区${i + 1}党群服务中心`,
        address: null,
        place_id: c.id,
        grid_id: null,
        community_id: c.id,
        subdistrict_id: territory.subdistrict.id,
        opening: jsonb(OFFICE_HOURS),
      })),
      ...territory.grids.map((g, i) => ({
        jurisdiction_id: jurisdictionId,
        code: `S${i + 1}`,
        kind: 'station' as const,
        name: `第${i + 1}网格服务站`,
        address: null,
        place_id: g.id,
        grid_id: g.id,
        community_id: territory.communities[i]?.id ?? 0,
        subdistrict_id: territory.subdistrict.id,
        opening: jsonb(OFFICE_HOURS),
      })),
    ])
    .returning(['id', 'kind'])
    .execute();
  const { id: departmentId } = await db
    .insertInto('department')
    .values({ jurisdiction_id: jurisdictionId, code: 'MZJ', name: '测试民政局' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    territory,
    centres: sites.filter((s) => s.kind === 'centre').map((s) => s.id),
    stations: sites.filter((s) => s.kind === 'station').map((s) => s.id),
    residents: inserted.map((row, i) => ({
      id: row.id,
      communityIndex: residentValues[i]?.communityIndex ?? 0,
    })),
    departmentId,
  };
}

/** A catalogue item handled by a site (or a department). */
export async function createServiceItem(
  database: Kysely<Database>,
  jurisdictionId: number,
  item: {
    code: string;
    handlerSiteId?: number;
    handlerDepartmentId?: number;
    bookable?: boolean;
    promisedDays?: number;
    materials?: string[];
  },
): Promise<number> {
  const { id } = await database
    .insertInto('service_item')
    .values({
      jurisdiction_id: jurisdictionId,
      code: item.code,
      name: `测试事项${item.code}`,
      kind: 'certificate',
      description: null,
      materials: jsonb(item.materials ?? ['居民身份证', '户口簿']),
      handler_site_id: item.handlerSiteId ?? null,
      handler_department_id: item.handlerDepartmentId ?? null,
      promised_days: item.promisedDays ?? 3,
      bookable: item.bookable ?? true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Makes a resident the own record of an account. */
export async function linkResident(
  database: Kysely<Database>,
  jurisdictionId: number,
  residentId: number,
  accountId: number,
) {
  await database
    .updateTable('resident')
    .set({ account_id: accountId })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', residentId)
    .execute();
}
