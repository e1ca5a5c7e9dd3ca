import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import { type CaseClockData, retimeClock } from './case.clocks.ts';
import { findOpenCasesWithClocksIn, updateCaseClocks } from './case.repository.ts';
import type { Db } from './case.table.ts';
import type { StepLimits } from './data/categories.ts';

/**
 * A calendar year was loaded or corrected (工作日历): every running clock of an open case whose span
 * from start to deadline touches that year is timed again from its start on the new calendar, with
 * the limit it started with. So a deadline estimated Monday–Friday in a year without data becomes
 * the real one, and is no longer flagged, once the year is loaded. Runs in the transaction that
 * saves the year; each case's version moves on (a move read before the change answers 409).
 */
export async function retimeClocksForYear(
  trx: Db,
  options: { jurisdictionId: number; year: number; calendar: WorkingCalendar },
): Promise<{ retimedCases: number }> {
  const { jurisdictionId, year, calendar } = options;
  // Shanghai is UTC+8 all year.
  const from = new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000);
  const to = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000);
  const rows = await findOpenCasesWithClocksIn(trx, jurisdictionId, from, to);
  let retimedCases = 0;
  for (const row of rows) {
    const touches = (clock: CaseClockData) =>
      new Date(clock.startedAt) < to && new Date(clock.deadline) >= from;
    let changed = false;
    const clocks = row.clocks.map((clock) => {
      if (!touches(clock)) return clock;
      const retimed = retimeClock(calendar, clock, row.limits as StepLimits);
      if (
        retimed.deadline === clock.deadline &&
        retimed.yellowAt === clock.yellowAt &&
        retimed.missingYears.join() === clock.missingYears.join()
      ) {
        return clock;
      }
      changed = true;
      return retimed;
    });
    if (!changed) continue;
    await updateCaseClocks(trx, { jurisdictionId, caseId: row.id, version: row.version }, clocks);
    retimedCases += 1;
  }
  return { retimedCases };
}
