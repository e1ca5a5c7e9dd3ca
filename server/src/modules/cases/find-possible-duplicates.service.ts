import type { PossibleDuplicates } from '#contracts';
import { casesLimits } from '#contracts/limits.ts';
import { authorize, type Principal } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { CASE_STATUS_LABELS } from './case.lifecycle.ts';
import { findCategory } from './case.repository.ts';
import type { Db } from './case.table.ts';
import { countFollowers, findOpenCasesNear } from './case-followers.repository.ts';

/**
 * Possible duplicates (疑似重复) offered on intake: open cases (not closed, rejected or merged) of the
 * same category, reported in the last `duplicateWindowDays` natural days (7), whose point lies within
 * the category's `duplicate_radius_m` of the given one — nearest first, at most ten. Nothing
 * personal leaves: no reporter, no photos, the description cut to its first characters. The reporter
 * may then say "me too" (follow) instead of making a second case.
 */

const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_M;
const SHORT_DESCRIPTION = 40;

export interface FindPossibleDuplicatesOptions {
  principal: Principal;
  now: Date;
  categoryCode: string;
  /** WGS-84 (converted by the route). */
  point: { lng: number; lat: number };
  excludeCaseId?: number | undefined;
}

export async function findPossibleDuplicates(
  db: Db,
  options: FindPossibleDuplicatesOptions,
): Promise<PossibleDuplicates> {
  const { principal, point } = options;
  authorize(principal, 'cases.report', null);
  const jurisdictionId = principal.jurisdictionId;
  const category = await findCategory(db, jurisdictionId, options.categoryCode);
  if (!category?.active) {
    throw new AppError('cases.unknown_category', `No case category ${options.categoryCode}`, {
      categoryCode: options.categoryCode,
    });
  }
  const radiusM = category.duplicate_radius_m;
  const windowDays = casesLimits.duplicateWindowDays;
  const rows = await findOpenCasesNear(db, {
    jurisdictionId,
    categoryCode: category.code,
    since: new Date(options.now.getTime() - windowDays * 86_400_000),
    box: boxAround(point, radiusM),
    excludeCaseId: options.excludeCaseId,
  });
  const near = rows
    .map((row) => ({ row, distanceM: distanceInMetres(point, row) }))
    .filter((candidate) => candidate.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM || b.row.id - a.row.id)
    .slice(0, casesLimits.maxDuplicatesOffered);
  const followers = await countFollowers(
    db,
    jurisdictionId,
    near.map(({ row }) => row.id),
  );
  return {
    radiusM,
    windowDays,
    cases: near.map(({ row, distanceM }) => ({
      id: row.id,
      trackingCode: row.tracking_code,
      category: {
        code: category.code,
        name: category.name,
        majorName: category.major_name,
        urgent: category.urgent,
      },
      status: row.status,
      statusLabel: CASE_STATUS_LABELS[row.status],
      distanceM: Math.round(distanceM),
      reportedAt: row.reported_at.toISOString(),
      description: shorten(row.description, SHORT_DESCRIPTION),
      followers: followers.get(row.id) ?? 0,
    })),
  };
}

/** Great-circle distance (haversine) between two WGS-84 points, in metres. */
export function distanceInMetres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A box that holds every point within `radiusM` of `point` (a little larger, never smaller). */
export function boxAround(point: { lng: number; lat: number }, radiusM: number) {
  const dLat = (radiusM / METRES_PER_DEGREE) * 1.01;
  const cosLat = Math.max(0.01, Math.cos(((Math.abs(point.lat) + dLat) * Math.PI) / 180));
  const dLng = dLat / cosLat;
  return { west: point.lng - dLng, east: point.lng + dLng, south: point.lat - dLat, north: point.lat + dLat };
}

function shorten(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}
