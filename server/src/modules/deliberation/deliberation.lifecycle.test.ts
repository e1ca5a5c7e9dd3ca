import { describe, expect, it } from 'vitest';
import { Role } from '#contracts';
import type { Tally } from '#contracts/deliberation.ts';
import { DEFAULT_QUORUM, DEFAULT_STEPS } from './default-template.ts';
import {
  advance,
  DELIBERATION_ACTION_TYPES,
  type DeliberationAction,
  type DeliberationActionType,
  decide,
  initialMatterState,
  type MatterState,
  stepStates,
} from './deliberation.lifecycle.ts';
import { countVotes, tally } from './quorum.ts';
import { findTemplateProblem } from './template-rules.ts';

// ---------------------------------------------------------------------------------------------
// The expected matrix for the default template, written by hand from DOMAIN.md §6 and the default
// steps — not generated from the machine. For each step and action: who may (role codes), or the
// refusal everyone else gets. Actors are in scope; out of scope is checked separately.

const CODES: Record<string, string> = {
  SEC: 'community_secretary',
  GW: 'grid_worker',
  RES: 'resident',
};
const ALL_ROLES = Role.options;

/** step (1-based) → action → roles allowed; a role not listed gets `refusedAs`, or role_not_allowed. */
const EXPECTED = `
1 advance           SEC GW        | meeting optional
1 post              SEC GW
1 comment           RES
1 vote_online       -             | not_voting
1 vote_paper        -             | not_voting
1 withdraw          SEC GW
2 advance           SEC           | meeting required
2 post              -             | line_closed for SEC
2 comment           -             | line_closed for RES
2 vote_online       -             | not_voting
2 vote_paper        -             | not_voting
2 withdraw          SEC
3 advance           SEC GW        | meeting not allowed
3 post              SEC GW
3 comment           RES
3 vote_online       -             | not_voting
3 vote_paper        -             | not_voting
3 withdraw          SEC GW
4 advance           SEC GW        | meeting optional
4 post              SEC GW
4 comment           RES
4 vote_online       -             | not_voting
4 vote_paper        -             | not_voting
4 withdraw          SEC GW
5 advance           SEC GW        | meeting optional
5 post              SEC GW
5 comment           RES
5 vote_online       RES
5 vote_paper        SEC GW
5 withdraw          SEC GW
6 advance           SEC           | meeting not allowed
6 post              SEC
6 comment           -             | line_closed for RES
6 vote_online       -             | not_voting
6 vote_paper        -             | not_voting
6 withdraw          -             | matter_closed for SEC
7 advance           SEC GW        | meeting optional
7 post              SEC GW
7 comment           -             | line_closed for RES
7 vote_online       -             | not_voting
7 vote_paper        -             | not_voting
7 withdraw          -             | matter_closed for SEC GW
`;

type ExpectedAction = 'advance' | 'post' | 'comment' | 'vote_online' | 'vote_paper' | 'withdraw';
interface Expectation {
  allowed: Set<string>;
  /** A refusal other than role_not_allowed, and for which roles (all when none named). */
  special: { code: string; roles: Set<string> | null } | null;
  meeting: 'optional' | 'required' | 'not allowed' | null;
}

function parseExpected(): Map<string, Expectation> {
  const map = new Map<string, Expectation>();
  for (const line of EXPECTED.trim().split('\n')) {
    const [left, right = ''] = line.split('|').map((s) => s.trim()) as [string, string?];
    const [step, action, ...roles] = left.split(/\s+/) as [string, string, ...string[]];
    const allowed = new Set(roles.filter((r) => r !== '-').map((r) => CODES[r] as string));
    let special: Expectation['special'] = null;
    let meeting: Expectation['meeting'] = null;
    if (right.startsWith('meeting')) meeting = right.replace('meeting ', '') as Expectation['meeting'];
    else if (right) {
      const [code, , ...forRoles] = right.split(/\s+/) as [string, ...string[]];
      special = {
        code: `deliberation.${code}`,
        roles: forRoles.length ? new Set(forRoles.map((r) => CODES[r] as string)) : null,
      };
    }
    map.set(`${step} ${action}`, { allowed, special, meeting });
  }
  return map;
}

const PASSING: Tally = tally(
  { eligibleHouseholds: 8, inFavour: 5, against: 1, abstained: 0 },
  DEFAULT_QUORUM,
);
const FAILING: Tally = tally(
  { eligibleHouseholds: 8, inFavour: 2, against: 3, abstained: 0 },
  DEFAULT_QUORUM,
);

function stateAt(stepIndex: number, adopted: boolean | null = stepIndex > 4 ? true : null): MatterState {
  return { ...initialMatterState(DEFAULT_STEPS), stepIndex, adopted };
}

function actionFor(kind: ExpectedAction, stepIndex: number, hasMeeting: boolean): DeliberationAction {
  switch (kind) {
    case 'advance':
      return { type: 'advance', record: { stepIndex, hasMeeting, tally: stepIndex === 4 ? PASSING : null } };
    case 'post':
      return { type: 'post' };
    case 'comment':
      return { type: 'comment' };
    case 'vote_online':
      return { type: 'vote', channel: 'online' };
    case 'vote_paper':
      return { type: 'vote', channel: 'paper' };
    case 'withdraw':
      return { type: 'withdraw' };
  }
}

describe('deliberation step machine (default template)', () => {
  const expected = parseExpected();
  const kinds: ExpectedAction[] = ['advance', 'post', 'comment', 'vote_online', 'vote_paper', 'withdraw'];

  it('the matrix covers every step and every action type', () => {
    expect(expected.size).toBe(DEFAULT_STEPS.length * kinds.length);
    const covered = new Set<DeliberationActionType>(kinds.map((k) => actionFor(k, 0, false).type));
    expect([...covered].sort()).toEqual([...DELIBERATION_ACTION_TYPES].sort());
  });

  for (let stepIndex = 0; stepIndex < DEFAULT_STEPS.length; stepIndex += 1) {
    for (const kind of kinds) {
      const expectation = expected.get(`${stepIndex + 1} ${kind}`) as Expectation;
      it(`step ${stepIndex + 1} × ${kind}: every role`, () => {
        for (const role of ALL_ROLES) {
          const state = stateAt(stepIndex);
          const meetings = kind === 'advance' ? [false, true] : [false];
          for (const hasMeeting of meetings) {
            const decision = decide(state, actionFor(kind, stepIndex, hasMeeting), { role, inScope: true });
            const specialApplies =
              expectation.special !== null &&
              (expectation.special.roles === null || expectation.special.roles.has(role));
            if (specialApplies) {
              expect(decision, `${role}`).toMatchObject({ ok: false, code: expectation.special?.code });
              continue;
            }
            if (!expectation.allowed.has(role)) {
              expect(decision, `${role}`).toMatchObject({ ok: false, code: 'deliberation.role_not_allowed' });
              continue;
            }
            if (kind === 'advance' && expectation.meeting === 'required' && !hasMeeting) {
              expect(decision).toMatchObject({ ok: false, code: 'deliberation.meeting_required' });
            } else if (kind === 'advance' && expectation.meeting === 'not allowed' && hasMeeting) {
              expect(decision).toMatchObject({ ok: false, code: 'deliberation.meeting_not_allowed' });
            } else {
              expect(decision.ok, `${role} ${hasMeeting}`).toBe(true);
            }
            // Out of scope, nobody may.
            const outside = decide(state, actionFor(kind, stepIndex, hasMeeting), { role, inScope: false });
            expect(outside.ok).toBe(false);
          }
        }
      });
    }
  }

  it('refuses a step out of order, before and after the current one, for everyone', () => {
    for (const role of ALL_ROLES) {
      for (const recordFor of [0, 1, 3, 6]) {
        const decision = advance(
          stateAt(2),
          { stepIndex: recordFor, hasMeeting: false, tally: null },
          { role, inScope: true },
        );
        expect(decision).toMatchObject({ ok: false, code: 'deliberation.step_out_of_order' });
      }
    }
  });

  it('refuses everything once the matter is closed', () => {
    for (const status of ['completed', 'not_adopted', 'withdrawn'] as const) {
      for (const kind of kinds) {
        for (const role of ALL_ROLES) {
          const state = { ...stateAt(6), status };
          expect(decide(state, actionFor(kind, 6, false), { role, inScope: true })).toMatchObject({
            ok: false,
            code: 'deliberation.matter_closed',
          });
        }
      }
    }
  });

  it('walks all seven steps: the vote records the count, steps 6 and 7 publish, the last completes', () => {
    let state = initialMatterState(DEFAULT_STEPS);
    const effects: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const step = DEFAULT_STEPS[i];
      const decision = advance(
        state,
        { stepIndex: i, hasMeeting: step?.mode === 'offline', tally: i === 4 ? PASSING : null },
        { role: 'community_secretary', inScope: true },
      );
      if (!decision.ok) throw new Error(decision.message);
      effects.push(...decision.effects.map((e) => (e.type === 'publish' ? `publish:${e.kind}` : e.type)));
      state = decision.next;
    }
    expect(effects).toEqual(['tally_recorded', 'publish:resolution', 'publish:result', 'closed']);
    expect(state).toMatchObject({ status: 'completed', adopted: true, stepIndex: 6 });
    expect(stepStates(state)).toEqual(Array(7).fill('done'));
  });

  it('a failed vote is published as such at step 6 and ends the matter: step 7 is skipped', () => {
    const atVote = stateAt(4, null);
    const voted = advance(
      atVote,
      { stepIndex: 4, hasMeeting: true, tally: FAILING },
      { role: 'grid_worker', inScope: true },
    );
    if (!voted.ok) throw new Error(voted.message);
    expect(voted.next).toMatchObject({ stepIndex: 5, adopted: false, status: 'in_progress' });
    const published = advance(
      voted.next,
      { stepIndex: 5, hasMeeting: false, tally: null },
      { role: 'community_secretary', inScope: true },
    );
    if (!published.ok) throw new Error(published.message);
    expect(published.effects).toEqual([
      { type: 'publish', kind: 'resolution' },
      { type: 'closed', status: 'not_adopted' },
    ]);
    expect(stepStates(published.next)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'skipped']);
  });

  it('withdrawing before the vote closes the matter with the rest skipped', () => {
    const decision = decide(stateAt(3), { type: 'withdraw' }, { role: 'grid_worker', inScope: true });
    if (!decision.ok) throw new Error(decision.message);
    expect(decision.next.status).toBe('withdrawn');
    expect(stepStates(decision.next)).toEqual([
      'done',
      'done',
      'done',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
  });
});

describe('quorum rule', () => {
  const rule = DEFAULT_QUORUM;
  it.each([
    // eligible, for, against, abstain, turnout, approval
    [8, 5, 0, 0, true, true],
    [8, 4, 0, 0, false, true], // exactly half voted: not more than half
    [8, 3, 2, 0, true, true],
    [8, 3, 3, 0, true, false], // half in favour: not more than half
    [8, 2, 1, 2, true, false], // abstentions count as votes cast
    [0, 0, 0, 0, false, false],
    [3, 2, 0, 0, true, true],
  ])(
    '%i households, %i/%i/%i → turnout %s, approval %s',
    (eligible, inFavour, against, abstained, turnout, approval) => {
      const result = tally({ eligibleHouseholds: eligible, inFavour, against, abstained }, rule);
      expect(result.turnoutMet).toBe(turnout);
      expect(result.approvalMet).toBe(approval);
      expect(result.adopted).toBe(turnout && approval);
    },
  );

  it('counts choices', () => {
    expect(countVotes(['for', 'for', 'against', 'abstain'], 10)).toEqual({
      eligibleHouseholds: 10,
      inFavour: 2,
      against: 1,
      abstained: 1,
    });
  });

  it('a stricter rule (two thirds turnout) is configurable', () => {
    const strict = { turnoutAbovePercent: 66, approvalAbovePercent: 50 };
    expect(tally({ eligibleHouseholds: 9, inFavour: 6, against: 0, abstained: 0 }, strict).adopted).toBe(
      true,
    );
    expect(tally({ eligibleHouseholds: 9, inFavour: 5, against: 0, abstained: 0 }, strict).adopted).toBe(
      false,
    );
  });
});

describe('template rules', () => {
  it('the default template is usable and has seven steps, the last two the disclosures', () => {
    expect(findTemplateProblem(DEFAULT_STEPS)).toBeNull();
    expect(DEFAULT_STEPS.map((s) => s.disclosure)).toEqual([
      null,
      null,
      null,
      null,
      null,
      'resolution',
      'result',
    ]);
  });
  it.each([
    ['no vote', DEFAULT_STEPS.map((s) => ({ ...s, vote: false }))],
    ['two votes', DEFAULT_STEPS.map((s, i) => ({ ...s, vote: i === 3 || i === 4 }))],
    [
      'resolution before the vote',
      DEFAULT_STEPS.map((s, i) => ({
        ...s,
        disclosure: i === 3 ? ('resolution' as const) : i === 6 ? ('result' as const) : null,
      })),
    ],
    [
      'result not last',
      [
        ...DEFAULT_STEPS.slice(0, 6),
        { ...(DEFAULT_STEPS[6] as (typeof DEFAULT_STEPS)[0]), disclosure: null },
        { ...(DEFAULT_STEPS[6] as (typeof DEFAULT_STEPS)[0]), key: 'extra', disclosure: 'result' as const },
      ].map((s, i) => (i === 6 ? { ...s, disclosure: 'result' as const } : s)),
    ],
    ['duplicate keys', DEFAULT_STEPS.map((s) => ({ ...s, key: 'same' }))],
    ['residents acting', DEFAULT_STEPS.map((s, i) => (i === 0 ? { ...s, roles: ['resident' as const] } : s))],
    ['offline disclosure', DEFAULT_STEPS.map((s, i) => (i === 5 ? { ...s, mode: 'offline' as const } : s))],
  ])('refuses a template with %s', (_name, steps) => {
    expect(findTemplateProblem(steps)).not.toBeNull();
  });
});
