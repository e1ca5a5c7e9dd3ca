import type { Actor } from '../../platform/audit.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import type { Db } from './case.table.ts';
import { resolveCalendars, systemMove } from './escalate-breached-cases.service.ts';

/**
 * The closing job (结案): `system` closes cases the loop has finished with — rated by the reporter,
 * verified with no rating expected (anonymous or staff reports), or verified and left unrated past
 * the rating window (评价时限: the `rate` clock). Each close is a normal move (timeline + audit).
 * Safe to run twice and on two servers at once, as the breach job is: rows claimed with
 * `FOR UPDATE SKIP LOCKED`, moves at the version read.
 */

export interface CloseRatedCasesOptions {
  jurisdictionId?: number;
  now: Date;
  /** One calendar, or each jurisdiction's (`CasesModule.calendarFor`). */
  calendar: WorkingCalendar | ((jurisdictionId: number) => Promise<WorkingCalendar>);
  batchSize?: number;
  actor?: Actor;
}

export interface CloseRunResult {
  closed: number[];
  skipped: number[];
}

export async function closeRatedCases(db: Db, options: CloseRatedCasesOptions): Promise<CloseRunResult> {
  const result: CloseRunResult = { closed: [], skipped: [] };
  const calendarOf = await resolveCalendars(db, options);
  const batchSize = options.batchSize ?? 50;
  const seen: number[] = [];
  for (;;) {
    const claimed = await db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('case_record')
        .select(['jurisdiction_id', 'id', 'version'])
        .where((eb) =>
          eb.or([
            eb('status', '=', 'rated'),
            eb.and([
              eb('status', '=', 'verified'),
              eb.or([
                eb('step', 'is', null),
                eb.and([eb('step', '=', 'rate'), eb('step_deadline', '<', options.now)]),
              ]),
            ]),
          ]),
        )
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .skipLocked();
      if (seen.length > 0) query = query.where('id', 'not in', seen);
      if (options.jurisdictionId !== undefined)
        query = query.where('jurisdiction_id', '=', options.jurisdictionId);
      const rows = await query.execute();
      for (const row of rows) {
        seen.push(row.id);
        const moved = await systemMove(trx, { ...options, calendarOf }, row, { type: 'close' });
        (moved ? result.closed : result.skipped).push(row.id);
      }
      return rows.length;
    });
    if (claimed < batchSize) return result;
  }
}
