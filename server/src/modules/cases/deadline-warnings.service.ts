import { sql } from 'kysely';
import type { CaseDeadlineWarnings } from '#contracts';
import { authorize, type Principal } from '../../platform/access.ts';
import type { Db } from './case.table.ts';
import { caseVisibleTo } from './case-scope.ts';

/**
 * The years without holiday data that running deadlines of the viewer's open cases rest on (each
 * stored clock names them; loading or correcting a year retimes the clocks it touches), so that a
 * list can warn about every such case, not only those on the page shown.
 */
export async function findDeadlineWarnings(
  db: Db,
  options: { principal: Principal },
): Promise<CaseDeadlineWarnings> {
  const { principal } = options;
  authorize(principal, 'cases.read', null);
  const rows = await db
    .selectFrom('case_record as c')
    .innerJoin(
      sql<{ year: number }>`lateral (
        select distinct cast(missing.year as integer) as year
        from jsonb_array_elements(c.clocks) as clock,
             jsonb_array_elements_text(clock->'missingYears') as missing(year))`.as('y'),
      (join) => join.onTrue(),
    )
    .select(['y.year', sql<number>`count(*)`.as('open_cases')])
    .where('c.jurisdiction_id', '=', principal.jurisdictionId)
    .where('c.status', 'not in', ['rejected', 'merged', 'closed'])
    .where(caseVisibleTo(principal, 'c'))
    .groupBy('y.year')
    .orderBy('y.year')
    .execute();
  return { years: rows.map((row) => ({ year: Number(row.year), openCases: Number(row.open_cases) })) };
}
