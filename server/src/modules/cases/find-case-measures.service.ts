import type { CaseMeasureCounts, CaseMeasureRow, CaseMeasures, CaseMeasuresQuery } from '#contracts';
import { authorize, type Principal } from '../../platform/access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import {
  averageStepHours,
  DEPARTMENT_COUNTERS,
  type DepartmentCounters,
  departmentRates,
  PLACE_COUNTERS,
  type PlaceCounters,
  placeRates,
} from './case.measures.ts';
import type { Db } from './case.table.ts';
import {
  findJurisdictionName,
  findMeasureDepartments,
  findMeasurePlace,
  findMeasurePlaces,
  type MeasurePlaceLevel,
  type MeasureSumQuery,
  sumDepartmentMeasures,
  sumPlaceMeasures,
} from './case-measures.repository.ts';

/**
 * The measures of the places (or departments) a viewer may see, for a period: one row per place of
 * the level inside `within` (default and bound: the viewer's own place), summed from the roll-ups.
 * Administrators and city leaders see the whole jurisdiction; subdistrict, community and grid staff
 * their place and what lies inside it; department staff their own department's row only.
 */

export interface FindCaseMeasuresOptions {
  principal: Principal;
  query: CaseMeasuresQuery;
  /** `direct`: the same figures by GROUP BY over the facts of every case (tests compare the two). */
  source?: 'rollup' | 'direct';
}

const RANK = { city: 0, subdistrict: 1, community: 2, grid: 3 } as const;
const COLUMN = { subdistrict: 'subdistrict_id', community: 'community_id', grid: 'grid_id' } as const;

export async function findCaseMeasures(db: Db, options: FindCaseMeasuresOptions): Promise<CaseMeasures> {
  const { principal, query } = options;
  authorize(principal, 'cases.measures', null);
  const jurisdictionId = principal.jurisdictionId;
  const within = await resolveWithin(db, principal, query.within);
  const sumQuery: Omit<MeasureSumQuery, 'groupBy'> = {
    jurisdictionId,
    from: query.from,
    to: query.to,
    within: within ? { column: COLUMN[within.level], id: within.id } : undefined,
    source: options.source ?? 'rollup',
  };
  const answer = (rows: CaseMeasureRow[], total: CaseMeasureRow): CaseMeasures => ({
    level: query.level,
    within: within ? { id: within.id, name: within.name, level: within.level } : null,
    from: query.from,
    to: query.to,
    rows,
    total,
  });

  if (query.level === 'department') {
    const scope = principal.scope;
    const ownDepartment = scope.level === 'department' ? scope.id : null;
    if (scope.level === 'department' && ownDepartment === null) throw notFound('Department');
    const sums = await sumDepartmentMeasures(db, {
      ...sumQuery,
      ...(ownDepartment !== null ? { departmentId: ownDepartment } : {}),
    });
    const departments = await findMeasureDepartments(db, jurisdictionId, ownDepartment);
    const rows = departments.map((d) => departmentRow(d, sums.get(d.id) ?? zeros(DEPARTMENT_COUNTERS)));
    const total = departmentRow(
      { id: within?.id ?? jurisdictionId, code: '', name: '合计' },
      addUp(DEPARTMENT_COUNTERS, [...sums.values()]),
    );
    return answer(rows, total);
  }

  // Department staff see their department's row, not the places' figures.
  if (principal.scope.level === 'department') {
    return answer([], placeRow({ id: jurisdictionId, code: '', name: '合计' }, zeros(PLACE_COUNTERS)));
  }
  if (within && RANK[query.level] < RANK[within.level]) {
    throw new AppError(
      'cases.measures_level_above_place',
      'The level is above the place the rows are limited to',
      {
        level: query.level,
        within: within.level,
      },
    );
  }
  const level = query.level;
  const sums = await sumPlaceMeasures(db, { ...sumQuery, groupBy: level === 'city' ? null : COLUMN[level] });
  let places: { id: number; code: string; name: string }[];
  if (level === 'city') {
    places = [await findJurisdictionName(db, jurisdictionId)];
    const sum = sums.get(0);
    sums.clear();
    if (sum) sums.set(jurisdictionId, sum);
  } else {
    places = await findMeasurePlaces(db, {
      jurisdictionId,
      level,
      withinId: within?.id ?? null,
      ids: [...sums.keys()],
    });
  }
  const rows = places.map((place) => placeRow(place, sums.get(place.id) ?? zeros(PLACE_COUNTERS)));
  const total = placeRow(
    { id: within?.id ?? jurisdictionId, code: '', name: '合计' },
    addUp(PLACE_COUNTERS, [...sums.values()]),
  );
  return answer(rows, total);
}

interface Within {
  id: number;
  name: string;
  level: MeasurePlaceLevel;
}

/**
 * The place the rows are limited to: the one asked for, which must lie in the viewer's place, or
 * else the viewer's place (none for the whole jurisdiction). A place the viewer may not see is
 * answered as missing.
 */
async function resolveWithin(
  db: Db,
  principal: Principal,
  asked: number | undefined,
): Promise<Within | null> {
  const { scope } = principal;
  const placeScoped = scope.level === 'subdistrict' || scope.level === 'community' || scope.level === 'grid';
  if (placeScoped && scope.id === null) throw notFound('Place');
  const id = asked ?? (placeScoped ? scope.id : null);
  if (id === null) return null;
  const place = await findMeasurePlace(db, principal.jurisdictionId, id);
  if (!place || (place.level !== 'subdistrict' && place.level !== 'community' && place.level !== 'grid')) {
    throw notFound('Place');
  }
  if (placeScoped) {
    const chain = [place.id, place.subdistrict_id, place.community_id, place.grid_id];
    if (!chain.includes(scope.id)) throw notFound('Place');
  }
  return { id: place.id, name: place.name, level: place.level };
}

const zeros = <C extends string>(names: readonly C[]): Record<C, number> =>
  Object.fromEntries(names.map((name) => [name, 0])) as Record<C, number>;

function addUp<C extends string>(names: readonly C[], all: readonly Record<C, number>[]): Record<C, number> {
  const total = zeros(names);
  for (const counters of all) for (const name of names) total[name] += counters[name];
  return total;
}

const DEPARTMENT_ONLY = {
  tasks: null,
  acknowledged: null,
  acknowledgedOnTime: null,
  declined: null,
  reportedBack: null,
  reportedBackOnTime: null,
} as const;

function placeRow(place: { id: number; code: string; name: string }, c: PlaceCounters): CaseMeasureRow {
  const counts: CaseMeasureCounts = {
    cases: c.cases,
    reported: c.reported,
    rejected: c.rejected,
    merged: c.merged,
    acceptedOnTime: c.accepted_on_time,
    escalated: c.escalated,
    dispatched: c.dispatched,
    resolvedOnTime: c.resolved_on_time,
    resolved: c.resolved,
    closed: c.closed,
    closedAtGrid: c.closed_at_grid,
    rated: c.rated,
    satisfied: c.satisfied,
    basicallySatisfied: c.basically_satisfied,
    dissatisfied: c.dissatisfied,
    reopened: c.reopened,
    ...DEPARTMENT_ONLY,
  };
  return { ...place, counts, rates: placeRates(c), avgStepHours: averageStepHours(c) };
}

function departmentRow(
  department: { id: number; code: string; name: string },
  c: DepartmentCounters,
): CaseMeasureRow {
  const counts: CaseMeasureCounts = {
    cases: c.cases,
    reported: null,
    rejected: null,
    merged: null,
    acceptedOnTime: null,
    escalated: null,
    dispatched: null,
    resolvedOnTime: null,
    resolved: c.resolved,
    closed: null,
    closedAtGrid: null,
    rated: c.rated,
    satisfied: c.satisfied,
    basicallySatisfied: c.basically_satisfied,
    dissatisfied: c.dissatisfied,
    reopened: null,
    tasks: c.tasks,
    acknowledged: c.acknowledged,
    acknowledgedOnTime: c.acknowledged_on_time,
    declined: c.declined,
    reportedBack: c.reported_back,
    reportedBackOnTime: c.reported_back_on_time,
  };
  return { ...department, counts, rates: departmentRates(c), avgStepHours: averageStepHours(c) };
}
