import { type CaseMapPoint, type CaseMapQuery, type CaseMapResponse, casesLimits } from '#contracts';
import { authorize, type Principal } from '../../platform/access.ts';
import type { Db } from './case.table.ts';
import { countOpenCasesByLight, findOpenCasePoints } from './case-map.repository.ts';

/**
 * The city map of open cases by light (城市案件地图): every open case in the viewer's scope as a
 * compact point, the most urgent first and capped, with the counts by light for the legend.
 */
export async function findCaseMap(
  db: Db,
  options: { principal: Principal; now: Date; query: CaseMapQuery },
): Promise<CaseMapResponse> {
  const { principal, now, query } = options;
  authorize(principal, 'cases.read', null);
  const filter = { categoryCode: query.categoryCode, placeId: query.placeId };
  const limit = casesLimits.maxMapPoints;
  const [counts, rows] = await Promise.all([
    countOpenCasesByLight(db, { viewer: principal, filter, now }),
    findOpenCasePoints(db, {
      viewer: principal,
      filter: { ...filter, light: query.light },
      now,
      limit: limit + 1,
    }),
  ]);
  const points = rows
    .slice(0, limit)
    .map((row): CaseMapPoint => [row.id, row.lng, row.lat, row.light, row.category_code, row.status]);
  return {
    counts: {
      red: counts.red,
      yellow: counts.yellow,
      green: counts.green,
      none: counts.total - counts.red - counts.yellow - counts.green,
    },
    points,
    truncated: rows.length > limit,
  };
}
