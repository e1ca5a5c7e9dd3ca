import { sql } from 'kysely';
import type { Db } from './case.table.ts';

/**
 * How many of a place's cases closed in a time range, and how many of them on time — a small direct
 * query for other modules' figures (the performance module's assessment of a grid's worker or a
 * community). A case counts as late when the time-limit job ever escalated or urged it
 * (a `system` `escalate` or `urge` entry in its timeline: a limit was breached); otherwise on time.
 * Places are grids or communities: a case counts for its own grid and community.
 */
export async function countClosedCasesOnTime(
  db: Db,
  options: { jurisdictionId: number; placeIds: readonly number[]; from: Date; to: Date },
): Promise<Map<number, { closed: number; onTime: number }>> {
  const result = new Map<number, { closed: number; onTime: number }>();
  if (options.placeIds.length === 0) return result;
  const rows = await db
    .selectFrom('case_record as c')
    .innerJoin(
      sql<{
        place_id: number;
      }>`(select unnest(cast(${sql.val([...options.placeIds])} as bigint[])) as place_id)`.as('p'),
      (join) =>
        join.on((eb) =>
          eb.or([
            eb('c.grid_id', '=', eb.ref('p.place_id')),
            eb('c.community_id', '=', eb.ref('p.place_id')),
          ]),
        ),
    )
    .where('c.jurisdiction_id', '=', options.jurisdictionId)
    .where('c.status', '=', 'closed')
    .where('c.closed_at', '>=', options.from)
    .where('c.closed_at', '<', options.to)
    .select((eb) => [
      'p.place_id',
      eb.fn.countAll<number>().as('closed'),
      sql<number>`count(*) filter (where not exists (
        select 1 from case_timeline t
        where t.jurisdiction_id = c.jurisdiction_id and t.case_id = c.id
          and t.actor_role = 'system' and t.event in ('escalate', 'urge')))`.as('late_free'),
    ])
    .groupBy('p.place_id')
    .execute();
  for (const row of rows) {
    result.set(Number(row.place_id), { closed: Number(row.closed), onTime: Number(row.late_free) });
  }
  return result;
}
