import { isDeepStrictEqual } from 'node:util';
import {
  type CaseActorRole,
  type CaseEvent,
  type CaseState,
  initialCaseState,
  type Rating,
  transition,
} from '../case.lifecycle.ts';

/**
 * Replays a case's stored timeline through the state machine: each entry becomes the event it
 * records (its department, reason, rating and dispatch come from the entry's own columns and
 * effects), and `transition` must accept it from the entry's `from` status and reach its `to`.
 * Returns the state reached, or the first disagreement. Demo cases keep no evidence photos, so a
 * placeholder stands in where the machine requires one.
 */

export interface StoredEntry {
  event: string;
  actor_role: string;
  department_code: string | null;
  from_status: string | null;
  to_status: string;
  note: string | null;
  photo_ids: string[];
  effects: unknown;
}

type Effect = {
  kind: string;
  step?: string;
  department?: string | null;
  rating?: Rating;
  intoCaseId?: number;
};

export function replayTimeline(
  entries: readonly StoredEntry[],
  ratingExpected: boolean,
): { ok: true; state: CaseState } | { ok: false; index: number; message: string } {
  const [first, ...moves] = entries;
  if (first?.event !== 'report' || first.from_status !== null || first.to_status !== 'reported') {
    return { ok: false, index: 0, message: 'the first entry is not the report' };
  }
  let state = initialCaseState({ ratingExpected });
  for (const [i, entry] of moves.entries()) {
    if (entry.from_status !== state.status) {
      return {
        ok: false,
        index: i + 1,
        message: `from ${entry.from_status}, but the case was ${state.status}`,
      };
    }
    const event = eventOf(entry);
    const role = entry.actor_role as CaseActorRole;
    const result = transition(state, event, {
      role,
      inScope: true,
      isReporter: role === 'resident' || role === 'part_time_worker',
      departmentMatches: true,
    });
    if (!result.ok) return { ok: false, index: i + 1, message: `${entry.event} refused: ${result.message}` };
    if (result.next.status !== entry.to_status) {
      return {
        ok: false,
        index: i + 1,
        message: `${entry.event} reaches ${result.next.status}, not ${entry.to_status}`,
      };
    }
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(result.effects)), entry.effects)) {
      return { ok: false, index: i + 1, message: `${entry.event}: effects differ` };
    }
    state = result.next;
  }
  return { ok: true, state };
}

function eventOf(entry: StoredEntry): CaseEvent {
  const effects = (Array.isArray(entry.effects) ? entry.effects : []) as Effect[];
  const photoIds = entry.photo_ids.length > 0 ? entry.photo_ids : ['demo-evidence'];
  const reason = entry.note ?? '';
  const department = entry.department_code ?? '';
  const note = entry.note ? { note: entry.note } : {};
  switch (entry.event) {
    case 'accept':
    case 'start_handling':
    case 'close':
      return { type: entry.event };
    case 'reject':
    case 'escalate':
    case 'return_to_grid':
      return { type: entry.event, reason };
    case 'merge':
      return {
        type: 'merge',
        intoCaseId: effects.find((e) => e.kind === 'link_duplicate')?.intoCaseId ?? 0,
        reason,
      };
    case 'resolve':
    case 'verify':
      return { type: entry.event, photoIds, ...note };
    case 'fail_verification':
      return { type: 'fail_verification', photoIds, reason };
    case 'dispatch':
      return {
        type: 'dispatch',
        departments: effects
          .filter((e) => e.kind === 'start_clock' && e.step === 'acknowledge' && e.department)
          .map((e) => e.department as string),
        ...note,
      };
    case 'acknowledge':
      return { type: 'acknowledge', department };
    case 'report_back':
      return { type: 'report_back', department, photoIds, ...note };
    case 'decline':
      return { type: 'decline', department, reason };
    case 'rate': {
      const rating = effects.find((e) => e.kind === 'record_rating')?.rating ?? 'satisfied';
      return { type: 'rate', rating, ...(entry.note ? { comment: entry.note } : {}) };
    }
    case 'urge':
      return { type: 'urge', note: entry.note ?? '' };
    default:
      throw new Error(`cannot replay ${entry.event}`);
  }
}
