import { describe, expect, it } from 'vitest';
import { CALENDAR_YEARS } from '../../platform/working-calendar.data.ts';
import { createWorkingCalendar } from '../../platform/working-calendar.ts';
import {
  type CaseActorRole,
  type CaseEvent,
  type CaseState,
  initialCaseState,
  type Rating,
  transition,
} from './case.lifecycle.ts';
import {
  type CaseMeasureFacts,
  contributionOf,
  deriveCaseMeasureFacts,
  type MeasuredEntry,
  measureDeltas,
  PLACE_COUNTERS,
  type PlaceCounters,
  placeRates,
} from './case.measures.ts';
import type { StepLimits } from './data/categories.ts';

/**
 * The measures' pure core: facts derived from timelines that the real state machine produces (each
 * move's effects as the service records them), contributions, and the deltas between two facts.
 */

const calendar = createWorkingCalendar(CALENDAR_YEARS);
const hour = (amount: number) => ({ amount, unit: 'urgent_hour' as const });
/** Natural hours throughout, so that deadlines are plain arithmetic. */
const LIMITS: StepLimits = {
  accept: hour(1),
  grid_handle: hour(24),
  community_response: hour(4),
  subdistrict_response: hour(4),
  acknowledge: hour(1),
  department_handle: hour(48),
  verify: hour(2),
  rate: hour(72),
};
const STRICT: StepLimits = { ...LIMITS, grid_handle: hour(2) };
const CATEGORIES: Record<string, StepLimits> = { normal: LIMITS, strict: STRICT };
const DEPARTMENTS: Record<string, number> = { ZHZF: 11, SCJG: 12 };
const context = {
  calendar,
  limitsOf: (code: string) => CATEGORIES[code],
  departmentIdOf: (code: string) => DEPARTMENTS[code],
};

const START = Date.parse('2026-12-02T01:00:00Z'); // 09:00 in Shanghai

interface Step {
  /** Hours after the report. */
  at: number;
  event: CaseEvent;
  role?: CaseActorRole;
}

const photos = ['p1'];

/** Plays a walk through `transition`, returning the timeline the services would have written. */
function play(steps: Step[], options: { category?: string; ratingExpected?: boolean } = {}) {
  let state: CaseState = initialCaseState({ ratingExpected: options.ratingExpected ?? true });
  const timeline: MeasuredEntry[] = [
    {
      at: new Date(START),
      event: 'report',
      departmentCode: null,
      toStatus: 'reported',
      effects: [
        { kind: 'set_category', categoryCode: options.category ?? 'normal' },
        { kind: 'start_clock', step: 'accept', department: null },
      ],
    },
  ];
  let rating: Rating | null = null;
  for (const step of steps) {
    const role = step.role ?? roleFor(step.event);
    const result = transition(state, step.event, {
      role,
      inScope: true,
      isReporter: role === 'resident',
      departmentMatches: true,
    });
    if (!result.ok) throw new Error(`${step.event.type} refused: ${result.message}`);
    for (const effect of result.effects) if (effect.kind === 'record_rating') rating = effect.rating;
    timeline.push({
      at: new Date(START + step.at * 3_600_000),
      event: step.event.type,
      departmentCode: 'department' in step.event ? step.event.department : null,
      toStatus: result.next.status,
      effects: result.effects,
    });
    state = result.next;
  }
  return { state, timeline, rating };
}

function roleFor(event: CaseEvent): CaseActorRole {
  switch (event.type) {
    case 'dispatch':
    case 'return_to_grid':
      return 'community_staff';
    case 'acknowledge':
    case 'report_back':
    case 'decline':
      return 'department_staff';
    case 'rate':
      return 'resident';
    case 'recategorise':
    case 'reassign':
      return 'community_staff';
    default:
      return 'grid_worker';
  }
}

function factsOf(
  played: ReturnType<typeof play>,
  place: { gridId?: number; category?: string } = {},
): CaseMeasureFacts {
  return deriveCaseMeasureFacts(
    {
      jurisdictionId: 1,
      id: 7,
      reportedAt: new Date(START),
      status: played.state.status,
      rating: played.rating,
      subdistrictId: 100,
      communityId: 200,
      gridId: place.gridId ?? 300,
      categoryCode: place.category ?? 'normal',
    },
    played.timeline,
    context,
  );
}

const grid = { accept: { type: 'accept' } } as const;
const fixAtGrid: Step[] = [
  { at: 0.5, event: grid.accept },
  { at: 3, event: { type: 'resolve', photoIds: photos } },
  { at: 4, event: { type: 'verify', photoIds: photos } },
  { at: 10, event: { type: 'rate', rating: 'satisfied' } },
  { at: 11, event: { type: 'close' }, role: 'grid_worker' },
];

describe('facts of a case', () => {
  it('a case fixed in the grid in time: responded, resolved on time, closed at grid level, 满意', () => {
    const facts = factsOf(play(fixAtGrid));
    expect(facts).toMatchObject({
      day: '2026-12-02',
      outcome: 'counted',
      acceptedOnTime: true,
      escalated: false,
      dispatched: false,
      resolvedOnTime: true,
      resolved: true,
      closed: true,
      closedAtGrid: true,
      rating: 'satisfied',
      reopened: false,
      departments: [],
    });
    expect(facts.steps).toMatchObject({
      accept_seconds: 1800,
      accept_runs: 1,
      grid_handle_seconds: 2.5 * 3600,
      grid_handle_runs: 1,
      verify_seconds: 3600,
      verify_runs: 1,
      rate_seconds: 6 * 3600,
      rate_runs: 1,
      community_response_runs: 0,
    });
  });

  it('a late acceptance: not responded, and the resolution is late too', () => {
    const facts = factsOf(play([{ at: 1.5, event: grid.accept }, ...fixAtGrid.slice(1)]));
    expect(facts.acceptedOnTime).toBe(false);
    expect(facts.resolvedOnTime).toBe(false);
    expect(facts.resolved).toBe(true);
  });

  it('the report day is the Asia/Shanghai day: 23:30 UTC is the next day', () => {
    const played = play([]);
    const facts = deriveCaseMeasureFacts(
      {
        jurisdictionId: 1,
        id: 1,
        reportedAt: new Date('2026-12-01T23:30:00Z'),
        status: 'reported',
        rating: null,
        subdistrictId: 1,
        communityId: 2,
        gridId: 3,
        categoryCode: 'normal',
      },
      played.timeline,
      context,
    );
    expect(facts.day).toBe('2026-12-02');
  });

  it('the issue’s walk: escalated, dispatched, 不满意, reopened, fixed, 满意, closed — one case, its last rating', () => {
    const played = play([
      { at: 0.5, event: grid.accept },
      { at: 1, event: { type: 'escalate', reason: '需要执法' } },
      { at: 2, event: { type: 'dispatch', departments: ['ZHZF'] } },
      { at: 2.5, event: { type: 'acknowledge', department: 'ZHZF' } },
      { at: 20, event: { type: 'report_back', department: 'ZHZF', photoIds: photos } },
      { at: 21, event: { type: 'verify', photoIds: photos } },
      { at: 22, event: { type: 'rate', rating: 'dissatisfied' } },
      { at: 23, event: { type: 'start_handling' } },
      { at: 26, event: { type: 'resolve', photoIds: photos } },
      { at: 27, event: { type: 'verify', photoIds: photos } },
      { at: 30, event: { type: 'rate', rating: 'satisfied' } },
      { at: 31, event: { type: 'close' } },
    ]);
    const facts = factsOf(played);
    expect(facts).toMatchObject({
      acceptedOnTime: true,
      escalated: true,
      dispatched: true,
      resolvedOnTime: true,
      resolved: true,
      closed: true,
      closedAtGrid: false,
      rating: 'satisfied',
      reopened: true,
    });
    expect(facts.departments).toEqual([
      {
        departmentId: 11,
        tasks: 1,
        acknowledged: 1,
        acknowledgedOnTime: 1,
        declined: 0,
        reportedBack: 1,
        reportedBackOnTime: 1,
        acknowledgeSeconds: 1800,
        acknowledgeRuns: 1,
        departmentHandleSeconds: 18 * 3600,
        departmentHandleRuns: 1,
      },
    ]);
    expect(facts.steps.grid_handle_runs).toBe(2); // before the escalation, and after reopening
    expect(facts.steps.verify_runs).toBe(2);
    const contribution = contributionOf(facts);
    expect(contribution?.place.counters).toMatchObject({
      reported: 1,
      cases: 1,
      rated: 1,
      satisfied: 1,
      dissatisfied: 0,
      reopened: 1,
    });
    expect(contribution?.departments.map((d) => d.counters.cases)).toEqual([1]);
  });

  it('departments: a late acknowledgement, a decline, and a replacement each count for their department', () => {
    const played = play([
      { at: 0.5, event: grid.accept },
      { at: 1, event: { type: 'escalate', reason: '需要部门' } },
      { at: 2, event: { type: 'dispatch', departments: ['ZHZF', 'SCJG'] } },
      { at: 2.5, event: { type: 'decline', department: 'SCJG', reason: '不属本部门' } },
      { at: 4, event: { type: 'acknowledge', department: 'ZHZF' } }, // 2 h: late
      { at: 10, event: { type: 'report_back', department: 'ZHZF', photoIds: photos } },
    ]);
    const facts = factsOf(played);
    expect(facts.departments).toEqual([
      expect.objectContaining({
        departmentId: 11,
        tasks: 1,
        acknowledged: 1,
        acknowledgedOnTime: 0,
        reportedBackOnTime: 1,
      }),
      expect.objectContaining({
        departmentId: 12,
        tasks: 1,
        acknowledged: 0,
        declined: 1,
        departmentHandleRuns: 0,
      }),
    ]);
    expect(facts.resolvedOnTime).toBe(false); // a step was late before the first resolution
    expect(facts.resolved).toBe(false); // not verified yet
  });

  it('a change of category times the running clocks again from their start, as the move does', () => {
    // Grid handling of 3 h: on time for `normal` (24 h), late for `strict` (2 h).
    const steps = (recategoriseAt: number): Step[] => [
      { at: 0.5, event: grid.accept },
      { at: recategoriseAt, event: { type: 'recategorise', categoryCode: 'strict', reason: '改类' } },
      { at: 3.5, event: { type: 'resolve', photoIds: photos } },
    ];
    expect(factsOf(play(steps(1)), { category: 'strict' }).resolvedOnTime).toBe(false);
    // Changed after the first resolution: the resolution was judged by the category it ran under.
    const later: Step[] = [
      { at: 0.5, event: grid.accept },
      { at: 3.5, event: { type: 'resolve', photoIds: photos } },
      { at: 4, event: { type: 'recategorise', categoryCode: 'strict', reason: '改类' } },
    ];
    expect(factsOf(play(later), { category: 'strict' }).resolvedOnTime).toBe(true);
  });

  it('without the intake’s category (bulk-loaded data) the current one is taken', () => {
    const played = play([
      { at: 0.5, event: grid.accept },
      { at: 3.5, event: { type: 'resolve', photoIds: photos } },
    ]);
    const first = played.timeline[0];
    if (!first) throw new Error('no intake');
    const bare = {
      ...played,
      timeline: [{ ...first, effects: first.effects.slice(1) }, ...played.timeline.slice(1)],
    };
    expect(factsOf(bare, { category: 'strict' }).resolvedOnTime).toBe(false);
    expect(factsOf(bare, { category: 'normal' }).resolvedOnTime).toBe(true);
  });

  it('rejected and merged cases are reported but never counted in the rates', () => {
    const rejected = factsOf(play([{ at: 0.2, event: { type: 'reject', reason: '无效' } }]));
    expect(rejected.outcome).toBe('rejected');
    expect(contributionOf(rejected)).toEqual({
      place: { key: expect.any(Object), counters: { reported: 1, rejected: 1 } },
      departments: [],
    });
    const merged = factsOf(
      play([
        { at: 0.2, event: grid.accept },
        { at: 0.3, event: { type: 'merge', intoCaseId: 3, reason: '重复' } },
      ]),
    );
    expect(contributionOf(merged)?.place.counters).toEqual({ reported: 1, merged: 1 });
  });
});

describe('deltas', () => {
  const base = factsOf(play(fixAtGrid));

  it('no change, no row', () => {
    expect(measureDeltas([{ before: base, after: { ...base } }])).toEqual({
      places: [],
      communities: [],
      departments: [],
    });
  });

  it('a new case adds its contribution; a reassigned one moves all of it, once', () => {
    const added = measureDeltas([{ before: null, after: base }]);
    expect(added.places).toHaveLength(1);
    expect(added.places[0]?.counters.cases).toBe(1);
    const moved = measureDeltas([{ before: base, after: { ...base, gridId: 299 } }]);
    expect(moved.places.map((row) => [row.key.gridId, row.counters.cases, row.counters.closed])).toEqual([
      [299, 1, 1],
      [300, -1, -1],
    ]);
  });

  it('many cases sharing a row add up into one row, in key order', () => {
    const other = { ...base, caseId: 8, day: '2026-12-01' };
    const third = { ...base, caseId: 9 };
    const deltas = measureDeltas([
      { before: null, after: base },
      { before: null, after: other },
      { before: null, after: third },
    ]);
    expect(deltas.places.map((row) => [row.key.day, row.counters.cases])).toEqual([
      ['2026-12-01', 1],
      ['2026-12-02', 2],
    ]);
  });

  it('a reopening changes the facts, never the number of cases', () => {
    const reopened = {
      ...base,
      resolved: false,
      closed: false,
      closedAtGrid: false,
      rating: 'dissatisfied' as const,
      reopened: true,
    };
    const deltas = measureDeltas([{ before: base, after: reopened }]);
    expect(deltas.places[0]?.counters).toMatchObject({
      cases: 0,
      reported: 0,
      resolved: -1,
      satisfied: -1,
      dissatisfied: 1,
      reopened: 1,
    });
  });

  it('rates from counters; none without a denominator', () => {
    const rates = placeRates({ ...emptyPlace(), ...contributionOf(base)?.place.counters });
    expect(rates).toEqual({
      response: 1,
      onTimeResolution: 1,
      resolution: 1,
      satisfaction: 1,
      closedAtGrid: 1,
      escalation: 0,
    });
    expect(placeRates(emptyPlace()).response).toBeNull();
  });
});

function emptyPlace(): PlaceCounters {
  return Object.fromEntries(PLACE_COUNTERS.map((name) => [name, 0])) as PlaceCounters;
}
