import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  CASE_EVENT_TYPES,
  CASE_MOVES,
  CASE_STATUSES,
  type CaseActor,
  type CaseActorRole,
  type CaseEffect,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  type CaseStatus,
  currentHandlers,
  initialCaseState,
  runningClocks,
  transition,
} from './case.lifecycle.ts';

// ---------------------------------------------------------------------------------------------
// The expected matrix, written by hand from the issue and DOMAIN.md §3 — not generated from
// CASE_MOVES. Every (status, event) pair not listed is refused for every role.

const ROLE_CODES: Record<string, CaseActorRole> = {
  GW: 'grid_worker',
  CS: 'community_staff',
  SEC: 'community_secretary',
  SUB: 'subdistrict_staff',
  DEP: 'department_staff',
  ADM: 'admin',
  LDR: 'city_leader',
  GA: 'grid_assistant',
  STW: 'steward',
  PTW: 'part_time_worker',
  RES: 'resident',
  SYS: 'system',
};
const ALL_ROLES = Object.values(ROLE_CODES);

const EXPECTED = `
reported               accept             GW CS
reported               reject             GW CS SEC ADM
reported               merge              GW CS SEC ADM
reported               escalate           SYS
reported               urge               SEC SUB LDR ADM SYS
reported               reassign           CS SEC SUB ADM
reported               recategorise       GW CS SEC SUB ADM
reported               relocate           GW CS SEC SUB ADM

accepted               merge              GW CS SEC ADM
accepted               start_handling     GW
accepted               resolve            GW
accepted               escalate           GW SYS
accepted               urge               SEC SUB LDR ADM SYS
accepted               reassign           CS SEC SUB ADM
accepted               recategorise       GW CS SEC SUB ADM
accepted               relocate           GW CS SEC SUB ADM

in_progress            resolve            GW
in_progress            escalate           GW SYS
in_progress            urge               SEC SUB LDR ADM SYS
in_progress            reassign           CS SEC SUB ADM
in_progress            recategorise       GW CS SEC SUB ADM
in_progress            relocate           GW CS SEC SUB ADM

reopened               start_handling     GW
reopened               resolve            GW
reopened               escalate           GW SYS
reopened               urge               SEC SUB LDR ADM SYS
reopened               reassign           CS SEC SUB ADM
reopened               recategorise       GW CS SEC SUB ADM
reopened               relocate           GW CS SEC SUB ADM

escalated_community    escalate           CS SEC SYS
escalated_community    return_to_grid     CS SEC
escalated_community    dispatch           CS SEC
escalated_community    urge               SEC SUB LDR ADM SYS
escalated_community    recategorise       CS SEC SUB ADM
escalated_community    relocate           CS SEC SUB ADM

escalated_subdistrict  return_to_grid     SUB
escalated_subdistrict  dispatch           SUB
escalated_subdistrict  urge               SEC SUB LDR ADM SYS
escalated_subdistrict  recategorise       CS SEC SUB ADM
escalated_subdistrict  relocate           CS SEC SUB ADM

dispatched             acknowledge        DEP
dispatched             report_back        DEP
dispatched             decline            DEP
dispatched             urge               SEC SUB LDR ADM SYS
dispatched             reassign           CS SEC SUB ADM
dispatched             recategorise       CS SEC SUB ADM
dispatched             relocate           CS SEC SUB ADM

acknowledged           report_back        DEP
acknowledged           urge               SEC SUB LDR ADM SYS
acknowledged           reassign           CS SEC SUB ADM
acknowledged           recategorise       CS SEC SUB ADM
acknowledged           relocate           CS SEC SUB ADM

reported_back          verify             GW CS
reported_back          fail_verification  GW CS
reported_back          urge               SEC SUB LDR ADM SYS
reported_back          recategorise       CS SEC SUB ADM
reported_back          relocate           CS SEC SUB ADM

resolved_by_grid       verify             GW CS
resolved_by_grid       fail_verification  GW CS
resolved_by_grid       urge               SEC SUB LDR ADM SYS
resolved_by_grid       recategorise       CS SEC SUB ADM
resolved_by_grid       relocate           CS SEC SUB ADM

verified               rate               RES PTW
verified               close              GW CS SEC ADM SYS
verified               recategorise       CS SEC SUB ADM
verified               relocate           CS SEC SUB ADM

rated                  close              GW CS SEC ADM SYS
rated                  urge               SEC SUB LDR ADM SYS
rated                  recategorise       CS SEC SUB ADM
rated                  relocate           CS SEC SUB ADM
`;
// rejected, merged, closed: nothing.

function parseExpected(text: string): Map<string, Set<CaseActorRole>> {
  const matrix = new Map<string, Set<CaseActorRole>>();
  for (const line of text.split('\n')) {
    const [status, event, ...codes] = line.trim().split(/\s+/);
    if (!status || !event) continue;
    const key = `${status} ${event}`;
    if (matrix.has(key)) throw new Error(`listed twice: ${key}`);
    matrix.set(
      key,
      new Set(
        codes.map((code) => {
          const role = ROLE_CODES[code];
          if (!role) throw new Error(`unknown role code ${code}`);
          return role;
        }),
      ),
    );
  }
  return matrix;
}
const EXPECTED_MATRIX = parseExpected(EXPECTED);

// ---------------------------------------------------------------------------------------------
// Samples: one state per status, one valid event per type for that state.

const common = { reopenCount: 0, ratingExpected: false };
const SAMPLE_STATES: Record<CaseStatus, CaseState> = {
  reported: { ...common, status: 'reported' },
  accepted: { ...common, status: 'accepted' },
  rejected: { ...common, status: 'rejected', reason: 'not a public matter' },
  merged: { ...common, status: 'merged', intoCaseId: 7 },
  in_progress: { ...common, status: 'in_progress' },
  escalated_community: { ...common, status: 'escalated_community' },
  escalated_subdistrict: { ...common, status: 'escalated_subdistrict' },
  dispatched: {
    ...common,
    status: 'dispatched',
    dispatchedBy: 'community',
    departments: [
      { department: 'ZHZF', status: 'dispatched' },
      { department: 'SCJG', status: 'acknowledged' },
    ],
  },
  acknowledged: {
    ...common,
    status: 'acknowledged',
    dispatchedBy: 'community',
    departments: [
      { department: 'ZHZF', status: 'acknowledged' },
      { department: 'SCJG', status: 'reported_back' },
    ],
  },
  reported_back: {
    ...common,
    status: 'reported_back',
    dispatchedBy: 'community',
    departments: [{ department: 'ZHZF', status: 'reported_back' }],
  },
  resolved_by_grid: { ...common, status: 'resolved_by_grid' },
  verified: { ...common, status: 'verified', resolvedBy: 'grid' },
  rated: { ...common, status: 'rated', resolvedBy: 'grid', rating: 'satisfied' },
  closed: { ...common, status: 'closed', resolvedBy: 'grid', rating: 'satisfied' },
  reopened: { ...common, status: 'reopened', reopenCount: 1 },
};

/** A valid event of a type for a sample state (department moves name a department that can make them). */
function sampleEvent(type: CaseEventType, status: CaseStatus): CaseEvent {
  switch (type) {
    case 'accept':
    case 'start_handling':
    case 'close':
      return { type };
    case 'reject':
    case 'escalate':
    case 'return_to_grid':
      return { type, reason: 'needs the department' };
    case 'merge':
      return { type, intoCaseId: 42, reason: 'same pothole' };
    case 'resolve':
    case 'verify':
      return { type, photoIds: ['p1'] };
    case 'fail_verification':
      return { type, photoIds: ['p1'], reason: 'rubbish still there' };
    case 'dispatch':
      return { type, departments: ['ZHZF', 'SCJG'] };
    case 'acknowledge':
    case 'decline':
      return type === 'acknowledge'
        ? { type, department: 'ZHZF' }
        : { type, department: 'ZHZF', reason: 'not ours' };
    case 'report_back':
      return { type, department: status === 'dispatched' ? 'SCJG' : 'ZHZF', photoIds: ['p2'] };
    case 'rate':
      return { type, rating: 'satisfied' };
    case 'urge':
      return { type, note: '请今日内处置' };
    case 'reassign':
      return status === 'dispatched' || status === 'acknowledged'
        ? { type, target: { kind: 'department', from: 'ZHZF', to: 'ZJJ' }, reason: '权责清单' }
        : { type, target: { kind: 'grid', gridId: 12 }, reason: 'wrong grid' };
    case 'recategorise':
      return { type, categoryCode: '200102', reason: 'it is exposed rubbish' };
    case 'relocate':
      return { type, point: { lng: 120.47, lat: 37.64 }, reason: 'pin was off' };
    default: {
      const unknown: never = type;
      throw new Error(`no sample for ${String(unknown)}`);
    }
  }
}

/** The actor with every fact in its favour for its role. */
function actor(role: CaseActorRole, facts: Partial<Omit<CaseActor, 'role'>> = {}): CaseActor {
  return {
    role,
    inScope: true,
    isReporter: role === 'resident' || role === 'part_time_worker',
    departmentMatches: role === 'department_staff',
    ...facts,
  };
}

// ---------------------------------------------------------------------------------------------

describe('the move table', () => {
  it('has at most one row per event and status, and names only known statuses', () => {
    const seen = new Set<string>();
    for (const move of CASE_MOVES) {
      for (const status of move.from) {
        expect(CASE_STATUSES).toContain(status);
        const key = `${status} ${move.event}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
  });

  it('the expected matrix names only real statuses and events', () => {
    for (const key of EXPECTED_MATRIX.keys()) {
      const [status, event] = key.split(' ');
      expect(CASE_STATUSES).toContain(status);
      expect(CASE_EVENT_TYPES).toContain(event);
    }
  });
});

describe('every (status × event × role)', () => {
  const combinations = CASE_STATUSES.flatMap((status) =>
    CASE_EVENT_TYPES.flatMap((event) => ALL_ROLES.map((role) => ({ status, event, role }))),
  );

  it(`covers ${CASE_STATUSES.length} statuses × ${CASE_EVENT_TYPES.length} events × ${ALL_ROLES.length} roles`, () => {
    expect(CASE_STATUSES).toHaveLength(15);
    expect(CASE_EVENT_TYPES).toHaveLength(19);
    expect(combinations).toHaveLength(15 * 19 * 12);
  });

  it('is allowed exactly as the hand-written matrix says, and refused with the right reason otherwise', () => {
    const mismatches: string[] = [];
    for (const { status, event, role } of combinations) {
      const roles = EXPECTED_MATRIX.get(`${status} ${event}`);
      const result = transition(SAMPLE_STATES[status], sampleEvent(event, status), actor(role));
      const expected = !roles ? 'invalid_in_state' : roles.has(role) ? 'ok' : 'role_not_permitted';
      const got = result.ok ? 'ok' : result.reason;
      if (got !== expected)
        mismatches.push(`${status} × ${event} × ${role}: expected ${expected}, got ${got}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('allowedEvents lists exactly the matrix row for each status and role', () => {
    for (const status of CASE_STATUSES) {
      for (const role of ALL_ROLES) {
        const expected = CASE_EVENT_TYPES.filter((event) =>
          EXPECTED_MATRIX.get(`${status} ${event}`)?.has(role),
        );
        expect(allowedEvents(SAMPLE_STATES[status], actor(role)), `${status} × ${role}`).toEqual(expected);
      }
    }
  });

  it('refuses every allowed move to an actor out of scope', () => {
    for (const [key, roles] of EXPECTED_MATRIX) {
      const [status, event] = key.split(' ') as [CaseStatus, CaseEventType];
      for (const role of roles) {
        const result = transition(
          SAMPLE_STATES[status],
          sampleEvent(event, status),
          actor(role, { inScope: false }),
        );
        expect(result, `${key} × ${role}`).toMatchObject({ ok: false, reason: 'out_of_scope' });
      }
    }
  });

  it('refuses department moves for another department, and rating by anyone but the reporter', () => {
    for (const status of ['dispatched', 'acknowledged'] as const) {
      for (const event of ['acknowledge', 'report_back', 'decline'] as const) {
        if (!EXPECTED_MATRIX.get(`${status} ${event}`)) continue;
        const result = transition(
          SAMPLE_STATES[status],
          sampleEvent(event, status),
          actor('department_staff', { departmentMatches: false }),
        );
        expect(result).toMatchObject({ ok: false, reason: 'department_mismatch' });
      }
    }
    for (const role of ['resident', 'part_time_worker'] as const) {
      const result = transition(
        SAMPLE_STATES.verified,
        sampleEvent('rate', 'verified'),
        actor(role, { isReporter: false }),
      );
      expect(result).toMatchObject({ ok: false, reason: 'not_reporter' });
    }
  });
});

describe('event data', () => {
  const gw = actor('grid_worker');
  const dep = actor('department_staff');
  it.each<[string, CaseStatus, CaseEvent, CaseActor]>([
    ['escalate without a reason', 'in_progress', { type: 'escalate', reason: '  ' }, gw],
    ['reject without a reason', 'reported', { type: 'reject', reason: '' }, gw],
    ['merge without a case', 'reported', { type: 'merge', intoCaseId: 0, reason: 'dup' }, gw],
    ['resolve without a photo', 'in_progress', { type: 'resolve', photoIds: [] }, gw],
    ['resolve with ten photos', 'in_progress', { type: 'resolve', photoIds: 'abcdefghij'.split('') }, gw],
    ['resolve with a photo twice', 'in_progress', { type: 'resolve', photoIds: ['a', 'a'] }, gw],
    [
      'report back without a photo',
      'dispatched',
      { type: 'report_back', department: 'SCJG', photoIds: [] },
      dep,
    ],
    ['verify without a photo', 'resolved_by_grid', { type: 'verify', photoIds: [] }, gw],
    [
      'fail verification without a reason',
      'resolved_by_grid',
      { type: 'fail_verification', photoIds: ['p'], reason: '' },
      gw,
    ],
    [
      'dispatch to nobody',
      'escalated_community',
      { type: 'dispatch', departments: [] },
      actor('community_staff'),
    ],
    [
      'dispatch twice to one',
      'escalated_community',
      { type: 'dispatch', departments: ['ZHZF', 'ZHZF'] },
      actor('community_staff'),
    ],
    ['decline without a reason', 'dispatched', { type: 'decline', department: 'ZHZF', reason: '' }, dep],
    ['urge without a note', 'in_progress', { type: 'urge', note: '' }, actor('community_secretary')],
    [
      'recategorise without a reason',
      'in_progress',
      { type: 'recategorise', categoryCode: '200102', reason: '' },
      gw,
    ],
    [
      'relocate off the globe',
      'in_progress',
      { type: 'relocate', point: { lng: 200, lat: 0 }, reason: 'x' },
      gw,
    ],
    [
      'reassign without a reason',
      'in_progress',
      { type: 'reassign', target: { kind: 'grid', gridId: 3 }, reason: '' },
      actor('community_staff'),
    ],
    [
      'reassign a grid case to a department',
      'in_progress',
      { type: 'reassign', target: { kind: 'department', from: 'ZHZF', to: 'ZJJ' }, reason: 'x' },
      actor('community_staff'),
    ],
    [
      'reassign a dispatched case to a grid',
      'dispatched',
      { type: 'reassign', target: { kind: 'grid', gridId: 3 }, reason: 'x' },
      actor('community_staff'),
    ],
    [
      'reassign to a department already on the case',
      'dispatched',
      { type: 'reassign', target: { kind: 'department', from: 'ZHZF', to: 'SCJG' }, reason: 'x' },
      actor('community_staff'),
    ],
  ])('refuses %s', (_what, status, event, who) => {
    expect(transition(SAMPLE_STATES[status], event, who)).toMatchObject({
      ok: false,
      reason: 'invalid_data',
    });
  });

  it('refuses a rating that is not one of the three', () => {
    const event = { type: 'rate', rating: 'great' } as unknown as CaseEvent;
    expect(transition(SAMPLE_STATES.verified, event, actor('resident'))).toMatchObject({
      ok: false,
      reason: 'invalid_data',
    });
  });
});

describe('departments', () => {
  const community = actor('community_staff');
  const dep = actor('department_staff');
  const escalated: CaseState = { ...common, status: 'escalated_community' };

  function run(state: CaseState, steps: [CaseEvent, CaseActor][]): CaseState {
    let current = state;
    for (const [event, who] of steps) {
      const result = transition(current, event, who);
      if (!result.ok) throw new Error(`${event.type}: ${result.reason} ${result.message}`);
      current = result.next;
    }
    return current;
  }

  it('is acknowledged when every department has acknowledged, reported back when every one has', () => {
    let state = run(escalated, [[{ type: 'dispatch', departments: ['ZHZF', 'SCJG'] }, community]]);
    expect(state).toMatchObject({ status: 'dispatched', dispatchedBy: 'community' });
    state = run(state, [[{ type: 'acknowledge', department: 'ZHZF' }, dep]]);
    expect(state.status).toBe('dispatched');
    state = run(state, [[{ type: 'report_back', department: 'ZHZF', photoIds: ['a'] }, dep]]);
    expect(state.status).toBe('dispatched'); // SCJG has not even acknowledged
    state = run(state, [[{ type: 'acknowledge', department: 'SCJG' }, dep]]);
    expect(state.status).toBe('acknowledged');
    state = run(state, [[{ type: 'report_back', department: 'SCJG', photoIds: ['b'] }, dep]]);
    expect(state).toEqual({
      ...common,
      status: 'reported_back',
      dispatchedBy: 'community',
      departments: [
        { department: 'ZHZF', status: 'reported_back' },
        { department: 'SCJG', status: 'reported_back' },
      ],
    });
  });

  it('refuses a department that is not on the case or at another step', () => {
    const dispatched = run(escalated, [[{ type: 'dispatch', departments: ['ZHZF'] }, community]]);
    expect(transition(dispatched, { type: 'acknowledge', department: 'GAJ' }, dep)).toMatchObject({
      ok: false,
      reason: 'department_not_dispatched',
    });
    expect(
      transition(dispatched, { type: 'report_back', department: 'ZHZF', photoIds: ['a'] }, dep),
    ).toMatchObject({
      ok: false,
      reason: 'department_wrong_step',
    });
    const acknowledged = run(dispatched, [[{ type: 'acknowledge', department: 'ZHZF' }, dep]]);
    expect(transition(acknowledged, { type: 'acknowledge', department: 'ZHZF' }, dep)).toMatchObject({
      ok: false,
      reason: 'invalid_in_state',
    });
    const twoDepartments = run(escalated, [
      [{ type: 'dispatch', departments: ['ZHZF', 'SCJG'] }, community],
      [{ type: 'acknowledge', department: 'ZHZF' }, dep],
    ]);
    expect(transition(twoDepartments, { type: 'acknowledge', department: 'ZHZF' }, dep)).toMatchObject({
      ok: false,
      reason: 'department_wrong_step',
    });
    expect(
      transition(twoDepartments, { type: 'decline', department: 'ZHZF', reason: 'x' }, dep),
    ).toMatchObject({
      ok: false,
      reason: 'department_wrong_step',
    });
  });

  it('lists department moves by the department’s own sub-state', () => {
    const state = SAMPLE_STATES.dispatched; // ZHZF dispatched, SCJG acknowledged
    expect(allowedEvents(state, dep, 'ZHZF')).toEqual(['acknowledge', 'decline']);
    expect(allowedEvents(state, dep, 'SCJG')).toEqual(['report_back']);
    expect(allowedEvents(state, dep, 'GAJ')).toEqual([]);
  });

  it('goes back to the level that dispatched it when its only department declines', () => {
    const fromSubdistrict = run({ ...common, status: 'escalated_subdistrict' }, [
      [{ type: 'dispatch', departments: ['ZRZY'] }, actor('subdistrict_staff')],
    ]);
    const result = transition(
      fromSubdistrict,
      { type: 'decline', department: 'ZRZY', reason: '不属于本部门' },
      dep,
    );
    expect(result).toMatchObject({ ok: true, next: { status: 'escalated_subdistrict' } });
    const twoDepartments = run(escalated, [
      [{ type: 'dispatch', departments: ['ZHZF', 'SCJG'] }, community],
      [{ type: 'acknowledge', department: 'SCJG' }, dep],
    ]);
    expect(run(twoDepartments, [[{ type: 'decline', department: 'ZHZF', reason: 'x' }, dep]])).toMatchObject({
      status: 'acknowledged',
      departments: [{ department: 'SCJG', status: 'acknowledged' }],
    });
  });

  it('replaces a department on reassignment, restarting its clocks', () => {
    const result = transition(
      SAMPLE_STATES.acknowledged,
      { type: 'reassign', target: { kind: 'department', from: 'ZHZF', to: 'ZJJ' }, reason: '权责清单' },
      actor('subdistrict_staff'),
    );
    expect(result).toMatchObject({
      ok: true,
      next: {
        status: 'dispatched',
        departments: [
          { department: 'ZJJ', status: 'dispatched' },
          { department: 'SCJG', status: 'reported_back' },
        ],
      },
    });
    expect(result.ok && result.effects).toEqual([
      { kind: 'stop_clock', step: 'department_handle', department: 'ZHZF' },
      { kind: 'start_clock', step: 'acknowledge', department: 'ZJJ' },
      { kind: 'start_clock', step: 'department_handle', department: 'ZJJ' },
      { kind: 'notify', to: { kind: 'department', department: 'ZJJ' }, about: 'action_needed' },
    ]);
  });
});

describe('rating and closing', () => {
  it('waits for the reporter’s rating unless the window has passed (system)', () => {
    const waiting: CaseState = { ...SAMPLE_STATES.verified, ratingExpected: true };
    expect(transition(waiting, { type: 'close' }, actor('grid_worker'))).toMatchObject({
      ok: false,
      reason: 'awaiting_rating',
    });
    expect(allowedEvents(waiting, actor('grid_worker'))).toEqual([]);
    expect(transition(waiting, { type: 'close' }, actor('system'))).toMatchObject({
      ok: true,
      next: { status: 'closed', rating: null, resolvedBy: 'grid' },
    });
  });

  it('closes a rated case with its rating', () => {
    const result = transition(SAMPLE_STATES.rated, { type: 'close' }, actor('grid_worker'));
    expect(result).toMatchObject({
      ok: true,
      next: { status: 'closed', rating: 'satisfied', resolvedBy: 'grid' },
    });
  });

  it('reopens on 不满意 and on a failed verification, counting reopenings', () => {
    const rated = transition(
      SAMPLE_STATES.verified,
      { type: 'rate', rating: 'dissatisfied' },
      actor('resident'),
    );
    expect(rated).toMatchObject({ ok: true, next: { status: 'reopened', reopenCount: 1 } });
    expect(rated.ok && rated.effects).toContainEqual({ kind: 'record_rating', rating: 'dissatisfied' });
    const failed = transition(
      { ...SAMPLE_STATES.resolved_by_grid, reopenCount: 1 },
      { type: 'fail_verification', photoIds: ['x'], reason: '未清理干净' },
      actor('grid_worker'),
    );
    expect(failed).toMatchObject({ ok: true, next: { status: 'reopened', reopenCount: 2 } });
  });

  it('records 基本满意 as a positive rating', () => {
    const result = transition(
      SAMPLE_STATES.verified,
      { type: 'rate', rating: 'basically_satisfied' },
      actor('part_time_worker'),
    );
    expect(result).toMatchObject({ ok: true, next: { status: 'rated', rating: 'basically_satisfied' } });
  });
});

describe('supervision', () => {
  it('urging changes nothing but records it and tells whoever must act', () => {
    const result = transition(
      SAMPLE_STATES.dispatched,
      { type: 'urge', note: '今日办结' },
      actor('city_leader'),
    );
    expect(result).toEqual({
      ok: true,
      next: SAMPLE_STATES.dispatched,
      effects: [
        { kind: 'urge', note: '今日办结' },
        { kind: 'notify', to: { kind: 'department', department: 'ZHZF' }, about: 'urged' },
        { kind: 'notify', to: { kind: 'department', department: 'SCJG' }, about: 'urged' },
      ],
    });
  });

  it('moving a case to another grid puts it back in that grid’s queue', () => {
    const result = transition(
      SAMPLE_STATES.in_progress,
      { type: 'reassign', target: { kind: 'grid', gridId: 12 }, reason: '不在本网格' },
      actor('community_secretary'),
    );
    expect(result).toEqual({
      ok: true,
      next: { ...common, status: 'reported' },
      effects: [
        { kind: 'assign_grid', gridId: 12 },
        { kind: 'notify', to: { kind: 'grid' }, about: 'reassigned' },
        { kind: 'stop_clock', step: 'grid_handle', department: null },
        { kind: 'start_clock', step: 'accept', department: null },
      ],
    });
  });

  it('recategorising and relocating keep the status and hand the change to the service', () => {
    expect(
      transition(
        SAMPLE_STATES.escalated_community,
        sampleEvent('recategorise', 'escalated_community'),
        actor('admin'),
      ),
    ).toEqual({
      ok: true,
      next: SAMPLE_STATES.escalated_community,
      effects: [{ kind: 'set_category', categoryCode: '200102' }],
    });
    expect(
      transition(SAMPLE_STATES.accepted, sampleEvent('relocate', 'accepted'), actor('grid_worker')),
    ).toEqual({
      ok: true,
      next: SAMPLE_STATES.accepted,
      effects: [{ kind: 'set_location', point: { lng: 120.47, lat: 37.64 } }],
    });
  });
});

describe('clocks and handlers', () => {
  it('runs exactly the clocks of the current step', () => {
    expect(runningClocks(SAMPLE_STATES.reported)).toEqual([{ step: 'accept', department: null }]);
    expect(runningClocks(SAMPLE_STATES.dispatched)).toEqual([
      { step: 'acknowledge', department: 'ZHZF' },
      { step: 'department_handle', department: 'ZHZF' },
      { step: 'department_handle', department: 'SCJG' },
    ]);
    expect(runningClocks(SAMPLE_STATES.reported_back)).toEqual([{ step: 'verify', department: null }]);
    expect(runningClocks({ ...SAMPLE_STATES.verified, ratingExpected: true })).toEqual([
      { step: 'rate', department: null },
    ]);
    for (const status of ['rejected', 'merged', 'closed', 'rated'] as const) {
      expect(runningClocks(SAMPLE_STATES[status])).toEqual([]);
    }
  });

  it('has a handler for every open status and none for the ends', () => {
    for (const status of CASE_STATUSES) {
      const ended = status === 'rejected' || status === 'merged' || status === 'closed';
      expect(currentHandlers(SAMPLE_STATES[status]).length === 0, status).toBe(ended);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Whole paths.

type Step = [event: CaseEvent, who: CaseActor, status: CaseStatus];

/** Walks the steps; before each, every other role (all facts in its favour) must be refused. */
function walk(start: CaseState, steps: Step[]): { state: CaseState; effects: CaseEffect[][] } {
  let state = start;
  const effects: CaseEffect[][] = [];
  for (const [event, who, status] of steps) {
    const allowedRoles = EXPECTED_MATRIX.get(`${state.status} ${event.type}`) ?? new Set();
    for (const role of ALL_ROLES) {
      if (allowedRoles.has(role)) continue;
      const wrong = transition(state, event, actor(role));
      expect(wrong.ok, `${role} must not ${event.type} a ${state.status} case`).toBe(false);
    }
    const result = transition(state, event, who);
    if (!result.ok) throw new Error(`${event.type} by ${who.role}: ${result.reason}: ${result.message}`);
    expect(result.next.status).toBe(status);
    state = result.next;
    effects.push(result.effects);
  }
  return { state, effects };
}

const rider = actor('part_time_worker');
const gridWorker = actor('grid_worker');
const communityStaff = actor('community_staff');
const department = actor('department_staff');

describe('the issue’s walk (Done when)', () => {
  it('rider report → grid → community → department → verified → 不满意 → reopened → fixed → 满意 → closed', () => {
    const { state, effects } = walk(initialCaseState({ ratingExpected: true }), [
      [{ type: 'accept' }, gridWorker, 'accepted'],
      [{ type: 'escalate', reason: '需执法部门拆除' }, gridWorker, 'escalated_community'],
      [{ type: 'dispatch', departments: ['ZHZF'] }, communityStaff, 'dispatched'],
      [{ type: 'acknowledge', department: 'ZHZF' }, department, 'acknowledged'],
      [{ type: 'report_back', department: 'ZHZF', photoIds: ['after-1'] }, department, 'reported_back'],
      [{ type: 'verify', photoIds: ['check-1'] }, gridWorker, 'verified'],
      [{ type: 'rate', rating: 'dissatisfied', comment: '还有残留' }, rider, 'reopened'],
      [{ type: 'start_handling' }, gridWorker, 'in_progress'],
      [{ type: 'resolve', photoIds: ['after-2'] }, gridWorker, 'resolved_by_grid'],
      [{ type: 'verify', photoIds: ['check-2'] }, gridWorker, 'verified'],
      [{ type: 'rate', rating: 'satisfied' }, rider, 'rated'],
      [{ type: 'close' }, gridWorker, 'closed'],
    ]);
    expect(state).toEqual({
      status: 'closed',
      resolvedBy: 'grid',
      rating: 'satisfied',
      reopenCount: 1,
      ratingExpected: true,
    });
    expect(effects[0]).toEqual([
      { kind: 'stop_clock', step: 'accept', department: null },
      { kind: 'start_clock', step: 'grid_handle', department: null },
      { kind: 'notify', to: { kind: 'reporter' }, about: 'status_changed' },
    ]);
    expect(effects[2]).toEqual([
      { kind: 'stop_clock', step: 'community_response', department: null },
      { kind: 'start_clock', step: 'acknowledge', department: 'ZHZF' },
      { kind: 'start_clock', step: 'department_handle', department: 'ZHZF' },
      { kind: 'notify', to: { kind: 'department', department: 'ZHZF' }, about: 'action_needed' },
    ]);
    expect(effects[6]).toEqual([
      { kind: 'record_rating', rating: 'dissatisfied' },
      { kind: 'stop_clock', step: 'rate', department: null },
      { kind: 'start_clock', step: 'grid_handle', department: null },
      { kind: 'notify', to: { kind: 'grid' }, about: 'action_needed' },
    ]);
    expect(effects.at(-1)).toEqual([{ kind: 'notify', to: { kind: 'reporter' }, about: 'status_changed' }]);
  });

  it('the same walk where the department fixes it again after a second escalation', () => {
    const { state } = walk(
      { ...initialCaseState({ ratingExpected: true }), status: 'verified', resolvedBy: 'departments' },
      [
        [{ type: 'rate', rating: 'dissatisfied' }, rider, 'reopened'],
        [{ type: 'escalate', reason: '部门整改不到位' }, gridWorker, 'escalated_community'],
        [{ type: 'escalate', reason: '需街道协调' }, actor('community_secretary'), 'escalated_subdistrict'],
        [{ type: 'dispatch', departments: ['ZHZF', 'ZJJ'] }, actor('subdistrict_staff'), 'dispatched'],
        [{ type: 'acknowledge', department: 'ZHZF' }, department, 'dispatched'],
        [{ type: 'acknowledge', department: 'ZJJ' }, department, 'acknowledged'],
        [{ type: 'report_back', department: 'ZJJ', photoIds: ['z'] }, department, 'acknowledged'],
        [{ type: 'report_back', department: 'ZHZF', photoIds: ['h'] }, department, 'reported_back'],
        [{ type: 'verify', photoIds: ['v'] }, communityStaff, 'verified'],
        [{ type: 'rate', rating: 'basically_satisfied' }, rider, 'rated'],
        [{ type: 'close' }, communityStaff, 'closed'],
      ],
    );
    expect(state).toMatchObject({
      status: 'closed',
      resolvedBy: 'departments',
      rating: 'basically_satisfied',
    });
  });

  it('the grid-level path of most cases (75%): accept → handle → resolve → verify → rate → close', () => {
    const { state } = walk(initialCaseState({ ratingExpected: true }), [
      [{ type: 'accept' }, gridWorker, 'accepted'],
      [{ type: 'start_handling' }, gridWorker, 'in_progress'],
      [{ type: 'resolve', photoIds: ['a'] }, gridWorker, 'resolved_by_grid'],
      [{ type: 'verify', photoIds: ['b'] }, gridWorker, 'verified'],
      [{ type: 'rate', rating: 'satisfied' }, actor('resident'), 'rated'],
      [{ type: 'close' }, gridWorker, 'closed'],
    ]);
    expect(state).toMatchObject({ status: 'closed', resolvedBy: 'grid', reopenCount: 0 });
  });

  it('a staff-reported case closes without a rating; a late grid is escalated by the job', () => {
    const { state } = walk(initialCaseState({ ratingExpected: false }), [
      [{ type: 'escalate', reason: '受理超时' }, actor('system'), 'escalated_community'],
      [{ type: 'return_to_grid', reason: '网格可自行处置' }, actor('community_secretary'), 'in_progress'],
      [{ type: 'resolve', photoIds: ['a'] }, gridWorker, 'resolved_by_grid'],
      [{ type: 'verify', photoIds: ['b'] }, communityStaff, 'verified'],
      [{ type: 'close' }, gridWorker, 'closed'],
    ]);
    expect(state).toMatchObject({ status: 'closed', rating: null });
  });
});
