import type { Job } from '../../platform/jobs.ts';
import type { CasesModule } from './cases.module.ts';
import { closeRatedCases } from './close-rated-cases.service.ts';
import { escalateBreachedCases } from './escalate-breached-cases.service.ts';

/** The cases module's scheduled jobs, for the runner main.ts starts (`JOBS=on`). */
export function casesJobs(
  cases: CasesModule,
  options: {
    breachIntervalMs?: number;
    closeIntervalMs?: number;
    /** Tests: only this jurisdiction. */
    jurisdictionId?: number;
  } = {},
): Job[] {
  return [
    {
      name: 'cases.escalate_breached',
      intervalMs: options.breachIntervalMs ?? 60_000,
      run: async () => {
        const result = await escalateBreachedCases(cases.db, {
          now: cases.clock.now(),
          calendar: (jurisdictionId) => cases.calendarFor(jurisdictionId),
          ...(options.jurisdictionId !== undefined ? { jurisdictionId: options.jurisdictionId } : {}),
        });
        return {
          escalated: result.escalated.length,
          urged: result.urged.length,
          skipped: result.skipped.length,
        };
      },
    },
    {
      name: 'cases.close_rated',
      intervalMs: options.closeIntervalMs ?? 5 * 60_000,
      run: async () => {
        const result = await closeRatedCases(cases.db, {
          now: cases.clock.now(),
          calendar: (jurisdictionId) => cases.calendarFor(jurisdictionId),
          ...(options.jurisdictionId !== undefined ? { jurisdictionId: options.jurisdictionId } : {}),
        });
        return { closed: result.closed.length, skipped: result.skipped.length };
      },
    },
  ];
}
