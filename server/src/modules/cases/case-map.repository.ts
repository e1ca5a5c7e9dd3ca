import { sql } from 'kysely';
import type { CaseStatus, TrafficLight } from '#contracts';
import { stepLightIs, stepLightSql, TERMINAL } from './case.repository.ts';
import type { Db } from './case.table.ts';
import { caseVisibleTo, type Viewer } from './case-scope.ts';

/** The city map's query: open cases in the viewer's scope as bare points, with their lights. */

export interface CaseMapFilter {
  light?: TrafficLight | undefined;
  /** A subcategory's code or a class's (大类). */
  categoryCode?: string | undefined;
  placeId?: number | undefined;
}

export interface CaseMapRow {
  id: number;
  lng: number;
  lat: number;
  light: TrafficLight | null;
  category_code: string;
  status: CaseStatus;
}

export interface LightCounts {
  red: number;
  yellow: number;
  green: number;
  total: number;
}

function openCasesInView(db: Db, viewer: Viewer, filter: CaseMapFilter) {
  let query = db
    .selectFrom('case_record as c')
    .where('c.jurisdiction_id', '=', viewer.jurisdictionId)
    .where(caseVisibleTo(viewer, 'c'))
    .where('c.status', 'not in', TERMINAL);
  const { categoryCode, placeId } = filter;
  if (categoryCode) {
    query = query.where('c.category_code', 'in', (eb) =>
      eb
        .selectFrom('case_category as k')
        .select('k.code')
        .where('k.jurisdiction_id', '=', viewer.jurisdictionId)
        .where((k) => k.or([k('k.code', '=', categoryCode), k('k.major_code', '=', categoryCode)])),
    );
  }
  if (placeId !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('c.unit_id', '=', placeId),
        eb('c.grid_id', '=', placeId),
        eb('c.community_id', '=', placeId),
        eb('c.subdistrict_id', '=', placeId),
      ]),
    );
  }
  return query;
}

/** How many open cases match the category and place, by light at `now` (the light filter aside). */
export async function countOpenCasesByLight(
  db: Db,
  options: { viewer: Viewer; filter: CaseMapFilter; now: Date },
): Promise<LightCounts> {
  const { now } = options;
  const row = await openCasesInView(db, options.viewer, options.filter)
    .select([
      sql<number>`count(*) filter (where ${stepLightIs('red', now)})`.as('red'),
      sql<number>`count(*) filter (where ${stepLightIs('yellow', now)})`.as('yellow'),
      sql<number>`count(*) filter (where ${stepLightIs('green', now)})`.as('green'),
      sql<number>`count(*)`.as('total'),
    ])
    .executeTakeFirstOrThrow();
  // count() is int8: a string on PostgreSQL.
  return {
    red: Number(row.red),
    yellow: Number(row.yellow),
    green: Number(row.green),
    total: Number(row.total),
  };
}

/** Open cases matching every filter as points, the most urgent first (the list's order), at most `limit`. */
export function findOpenCasePoints(
  db: Db,
  options: { viewer: Viewer; filter: CaseMapFilter; now: Date; limit: number },
): Promise<CaseMapRow[]> {
  const { filter, now } = options;
  let query = openCasesInView(db, options.viewer, filter);
  if (filter.light) query = query.where(stepLightIs(filter.light, now));
  return query
    .select(['c.id', 'c.lng', 'c.lat', stepLightSql(now).as('light'), 'c.category_code', 'c.status'])
    .orderBy(sql`c.step_deadline asc nulls last`)
    .orderBy('c.id', 'desc')
    .limit(options.limit)
    .execute();
}
