import type { Role } from '#contracts';
import type { DisclosureKind, MatterStatus, Tally, TemplateStep } from '#contracts/deliberation.ts';

/**
 * A matter's way through its template's steps: a pure state machine. The service loads the matter
 * and its template version, works out the actor's facts (role, and whether the matter's grid is in
 * the actor's scope — for a resident: whether it is the grid of their household) and the step
 * record, calls `decide` (or `advance`), and writes `next` and the effects only when it is ok.
 * Nothing here reads a clock or a database.
 *
 * In short: steps are completed one at a time, in order, by the roles the step names; the vote
 * step's count decides whether the resolution is adopted; completing a disclosure step publishes
 * it; a resolution that fails is published as such and ends the matter (`not_adopted`); the last
 * step ends it `completed`. Before the vote is counted, the council may withdraw the matter.
 */

export interface MatterState {
  status: MatterStatus;
  /** 0-based index of the current step (the number of steps done while in progress). */
  stepIndex: number;
  /** Set by the vote step's count. */
  adopted: boolean | null;
  /** The steps of the template version the matter started with. */
  steps: readonly TemplateStep[];
}

export interface DeliberationActor {
  role: Role;
  /** The matter's grid is in the actor's scope (a resident: it is their household's grid). */
  inScope: boolean;
}

/** The facts of a step record that the machine checks (the service writes the rest). */
export interface StepRecordFacts {
  /** 0-based index of the step the record is for. */
  stepIndex: number;
  /** An offline meeting (date, place, attendance, minutes) is recorded. */
  hasMeeting: boolean;
  /** The count of the votes, computed by the service, for the vote step. */
  tally: Tally | null;
}

export type DeliberationAction =
  | { type: 'advance'; record: StepRecordFacts } // complete the current step with its record
  | { type: 'post' } // a staff post on the online line
  | { type: 'comment' } // a resident's comment on the online line
  | { type: 'vote'; channel: 'online' | 'paper' } // a household's vote, on the phone or on paper
  | { type: 'withdraw' }; // 撤回, before the vote is counted

export type DeliberationActionType = DeliberationAction['type'];
export const DELIBERATION_ACTION_TYPES: readonly DeliberationActionType[] = [
  'advance',
  'post',
  'comment',
  'vote',
  'withdraw',
];

export type DeliberationEffect =
  | { type: 'tally_recorded'; tally: Tally }
  | { type: 'publish'; kind: DisclosureKind }
  | { type: 'closed'; status: Exclude<MatterStatus, 'in_progress'> };

export type DeliberationRefusal =
  | 'deliberation.matter_closed'
  | 'deliberation.step_out_of_order'
  | 'deliberation.role_not_allowed'
  | 'deliberation.meeting_required'
  | 'deliberation.meeting_not_allowed'
  | 'deliberation.line_closed'
  | 'deliberation.not_voting';

export type Decision =
  | { ok: true; next: MatterState; effects: DeliberationEffect[] }
  | { ok: false; code: DeliberationRefusal; message: string };

const STAFF_LINE_ROLES = (step: TemplateStep, actor: DeliberationActor) =>
  actor.inScope && step.roles.includes(actor.role);
const RESIDENT = (actor: DeliberationActor) => actor.inScope && actor.role === 'resident';

function refuse(code: DeliberationRefusal, message: string): Decision {
  return { ok: false, code, message };
}

/** A new matter, at its first step. */
export function initialMatterState(steps: readonly TemplateStep[]): MatterState {
  return { status: 'in_progress', stepIndex: 0, adopted: null, steps };
}

/** Completes the current step with its record: `advance(matter, record, actor)`. */
export function advance(matter: MatterState, record: StepRecordFacts, actor: DeliberationActor): Decision {
  return decide(matter, { type: 'advance', record }, actor);
}

export function decide(matter: MatterState, action: DeliberationAction, actor: DeliberationActor): Decision {
  if (matter.status !== 'in_progress') {
    return refuse('deliberation.matter_closed', `The matter is ${matter.status}: nothing more can happen`);
  }
  const step = matter.steps[matter.stepIndex];
  if (!step) throw new RangeError(`step ${matter.stepIndex} is not in the template`);
  switch (action.type) {
    case 'advance':
      return decideAdvance(matter, step, action.record, actor);
    case 'post':
      if (!STAFF_LINE_ROLES(step, actor))
        return refuse('deliberation.role_not_allowed', `The role ${actor.role} does not act at ${step.name}`);
      if (step.mode === 'offline')
        return refuse('deliberation.line_closed', `${step.name} is held offline: record it as a meeting`);
      return { ok: true, next: matter, effects: [] };
    case 'comment':
      if (!RESIDENT(actor))
        return refuse('deliberation.role_not_allowed', 'Only residents of the grid comment');
      if (step.mode === 'offline' || step.disclosure !== null)
        return refuse('deliberation.line_closed', `${step.name} takes no comments online`);
      return { ok: true, next: matter, effects: [] };
    case 'vote': {
      if (!step.vote) return refuse('deliberation.not_voting', `${step.name} is not the vote`);
      const online = action.channel === 'online';
      const allowed = online ? RESIDENT(actor) : STAFF_LINE_ROLES(step, actor);
      if (!allowed)
        return refuse(
          'deliberation.role_not_allowed',
          online
            ? 'Only residents of the grid vote online'
            : `The role ${actor.role} does not record ballots`,
        );
      if (step.mode === (online ? 'offline' : 'online'))
        return refuse('deliberation.line_closed', `The vote is held ${step.mode} only`);
      return { ok: true, next: matter, effects: [] };
    }
    case 'withdraw':
      if (!STAFF_LINE_ROLES(step, actor))
        return refuse('deliberation.role_not_allowed', `The role ${actor.role} does not act at ${step.name}`);
      if (matter.adopted !== null)
        return refuse(
          'deliberation.matter_closed',
          'The vote is counted: the matter can no longer be withdrawn',
        );
      return {
        ok: true,
        next: { ...matter, status: 'withdrawn' },
        effects: [{ type: 'closed', status: 'withdrawn' }],
      };
    default: {
      const unknown: never = action;
      throw new RangeError(`unknown action ${JSON.stringify(unknown)}`);
    }
  }
}

function decideAdvance(
  matter: MatterState,
  step: TemplateStep,
  record: StepRecordFacts,
  actor: DeliberationActor,
): Decision {
  if (record.stepIndex !== matter.stepIndex) {
    return refuse(
      'deliberation.step_out_of_order',
      `Step ${record.stepIndex + 1} cannot be recorded: the matter is at step ${matter.stepIndex + 1} (${step.name})`,
    );
  }
  if (!STAFF_LINE_ROLES(step, actor))
    return refuse('deliberation.role_not_allowed', `The role ${actor.role} does not act at ${step.name}`);
  switch (step.mode) {
    case 'offline':
      if (!record.hasMeeting)
        return refuse('deliberation.meeting_required', `${step.name} is a meeting: record it`);
      break;
    case 'online':
      if (record.hasMeeting)
        return refuse('deliberation.meeting_not_allowed', `${step.name} is held online only`);
      break;
    case 'both':
      break;
    default: {
      const unknown: never = step.mode;
      throw new RangeError(`unknown mode ${String(unknown)}`);
    }
  }
  const effects: DeliberationEffect[] = [];
  let adopted = matter.adopted;
  if (step.vote) {
    if (!record.tally) throw new RangeError('the vote step is completed with its count');
    adopted = record.tally.adopted;
    effects.push({ type: 'tally_recorded', tally: record.tally });
  }
  if (step.disclosure !== null) effects.push({ type: 'publish', kind: step.disclosure });
  const last = matter.stepIndex === matter.steps.length - 1;
  const failedAndPublished = step.disclosure === 'resolution' && adopted === false;
  if (last || failedAndPublished) {
    const status = failedAndPublished ? 'not_adopted' : 'completed';
    effects.push({ type: 'closed', status });
    return { ok: true, next: { ...matter, adopted, status }, effects };
  }
  return { ok: true, next: { ...matter, adopted, stepIndex: matter.stepIndex + 1 }, effects };
}

/** Each step's state for display: done, current, pending, or skipped (after a failed resolution). */
export function stepStates(matter: MatterState): ('done' | 'current' | 'pending' | 'skipped')[] {
  return matter.steps.map((_, index) => {
    switch (matter.status) {
      case 'in_progress':
        return index < matter.stepIndex ? 'done' : index === matter.stepIndex ? 'current' : 'pending';
      case 'completed':
        return 'done';
      case 'not_adopted':
      case 'withdrawn':
        return index < matter.stepIndex || (matter.status === 'not_adopted' && index === matter.stepIndex)
          ? 'done'
          : 'skipped';
      default: {
        const unknown: never = matter.status;
        throw new RangeError(`unknown status ${String(unknown)}`);
      }
    }
  });
}
