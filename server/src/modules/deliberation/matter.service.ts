import type {
  Matter,
  MatterCreate,
  MatterPage,
  MatterQuery,
  StepCompletion,
  Tally,
  TemplateStep,
} from '#contracts/deliberation.ts';
import { authorize, type Principal, scopeCovers } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { countGridHouseholds } from '../territory/index.ts';
import {
  type Decision,
  type DeliberationAction,
  decide,
  type MatterState,
} from './deliberation.lifecycle.ts';
import { type DeliberationPermission, deliberationPermission } from './deliberation.policy.ts';
import { matterState, presentMatter } from './deliberation.presenter.ts';
import {
  countVotes,
  findGrid,
  findMatter,
  findMatterPage,
  findStepRecords,
  findTemplateVersion,
  insertMatter,
  insertNotice,
  insertStepRecord,
  type MatterRow,
  matterInScope,
  placeChainOfGrid,
  type TemplateRow,
  updateMatterState,
} from './deliberation.repository.ts';
import type { Db } from './deliberation.table.ts';
import { countVotes as countChoices, tally } from './quorum.ts';
import { currentTemplate } from './template.service.ts';

/** Matters (议事事项): open one, read them, complete steps in order, withdraw. */

export interface LoadedMatter {
  row: MatterRow;
  template: TemplateRow;
  state: MatterState;
}

/** A matter the principal may see (else 404, as if it did not exist), with its template version. */
export async function loadMatter(
  db: Db,
  principal: Principal,
  matterId: number,
  options: { permission: DeliberationPermission; lock?: 'update' | 'share' },
): Promise<LoadedMatter> {
  const row = await findMatter(
    db,
    principal.jurisdictionId,
    matterId,
    options.lock ? { lock: options.lock } : {},
  );
  if (!row) throw notFound('Matter');
  authorize(
    principal,
    deliberationPermission(options.permission),
    { placeChain: placeChainOfGrid(matterGrid(row)) },
    {
      notFoundAs: 'Matter',
    },
  );
  return withTemplate(db, principal.jurisdictionId, row);
}

export async function withTemplate(db: Db, jurisdictionId: number, row: MatterRow): Promise<LoadedMatter> {
  const template = await findTemplateVersion(db, jurisdictionId, row.template_version);
  if (!template) throw new Error(`template version ${row.template_version} missing`);
  return { row, template, state: matterState(row, template.steps) };
}

function matterGrid(row: MatterRow) {
  return { id: row.grid_id, community_id: row.community_id, subdistrict_id: row.subdistrict_id };
}

/** Applies the machine's decision, or throws its refusal with the step the matter is at. */
export function decideOrThrow(
  state: MatterState,
  action: DeliberationAction,
  actor: { role: Principal['role']; inScope: boolean },
) {
  const decision: Decision = decide(state, action, actor);
  if (!decision.ok) {
    const step = state.steps[state.stepIndex];
    throw new AppError(decision.code, decision.message, {
      currentStep: state.status === 'in_progress' ? state.stepIndex + 1 : null,
      ...(step ? { stepName: step.name, roles: step.roles } : {}),
    });
  }
  return decision;
}

/** The vote's count: final once the vote step is recorded, else the votes so far. */
export async function tallyOf(
  db: Db,
  loaded: LoadedMatter,
  records?: { step_index: number; tally: Tally | null }[],
): Promise<Tally | null> {
  const { row, template, state } = loaded;
  const voteIndex = template.steps.findIndex((s) => s.vote);
  const recorded = records?.find((r) => r.step_index === voteIndex)?.tally;
  if (recorded) return recorded;
  if (state.status !== 'in_progress' || state.stepIndex !== voteIndex) return null;
  return countNow(db, row, template);
}

async function countNow(db: Db, row: MatterRow, template: TemplateRow): Promise<Tally> {
  const [eligible, votes] = await Promise.all([
    countGridHouseholds(db, row.jurisdiction_id, row.grid_id),
    countVotes(db, row.jurisdiction_id, [row.id]),
  ]);
  const choices = votes.flatMap((v) => Array.from({ length: v.n }, () => v.choice));
  return tally(countChoices(choices, eligible), template.quorum);
}

export async function presentLoaded(db: Db, loaded: LoadedMatter): Promise<Matter> {
  const records = await findStepRecords(db, loaded.row.jurisdiction_id, loaded.row.id);
  return presentMatter(loaded.row, loaded.template.steps, records, await tallyOf(db, loaded, records));
}

export async function createMatter(
  trx: Db,
  options: { principal: Principal; request: MatterCreate; actor: Actor; now: Date },
): Promise<Matter> {
  const { principal, request, now } = options;
  const grid = await findGrid(trx, principal.jurisdictionId, request.gridId);
  if (!grid) {
    authorize(principal, deliberationPermission('deliberation.manage'), null);
    throw new AppError(
      'deliberation.not_a_grid',
      'Matters are deliberated by a grid: that is not a current grid',
      {
        gridId: request.gridId,
      },
    );
  }
  authorize(
    principal,
    deliberationPermission('deliberation.manage'),
    { placeChain: placeChainOfGrid(grid) },
    {
      notFoundAs: 'Grid',
    },
  );
  const template = await currentTemplate(trx, principal.jurisdictionId, 'system');
  const id = await insertMatter(trx, {
    jurisdictionId: principal.jurisdictionId,
    gridId: grid.id,
    templateVersion: template.version,
    title: request.title,
    description: request.description,
    caseId: request.caseId ?? null,
    fund: request.fund ?? null,
    createdBy: principal.displayName,
    now,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'deliberation.matter_created',
    subjectType: 'deliberation_matter',
    subjectId: id,
    details: { gridId: grid.id, templateVersion: template.version, caseId: request.caseId ?? null },
  });
  return getMatter(trx, { principal, matterId: id });
}

export async function getMatter(
  db: Db,
  options: { principal: Principal; matterId: number },
): Promise<Matter> {
  return presentLoaded(
    db,
    await loadMatter(db, options.principal, options.matterId, { permission: 'deliberation.read' }),
  );
}

export async function findMatters(
  db: Db,
  options: { principal: Principal; query: MatterQuery },
): Promise<MatterPage> {
  const { principal, query } = options;
  const page = await findMatterPage(db, {
    jurisdictionId: principal.jurisdictionId,
    inScope: matterInScope(principal),
    gridId: query.gridId,
    status: query.status,
    limit: query.limit,
    offset: query.offset,
  });
  const matters: Matter[] = [];
  for (const row of page.rows)
    matters.push(await presentLoaded(db, await withTemplate(db, principal.jurisdictionId, row)));
  return { total: page.total, matters };
}

/**
 * Completes the matter's current step with its record (`advance`): the step number must be the
 * current one, the role one the step names, the record must fit the step's line; the vote step is
 * counted here, and a disclosure step publishes on the grid's notice board — all in one transaction.
 */
export async function completeStep(
  trx: Db,
  options: {
    principal: Principal;
    matterId: number;
    stepNumber: number;
    request: StepCompletion;
    actor: Actor;
    now: Date;
  },
): Promise<Matter> {
  const { principal, request, now } = options;
  const loaded = await loadMatter(trx, principal, options.matterId, {
    permission: 'deliberation.read',
    lock: 'update',
  });
  const { row, template, state } = loaded;
  const stepIndex = options.stepNumber - 1;
  const step: TemplateStep | undefined = template.steps[state.stepIndex];
  const inScope = scopeCovers(principal, { placeChain: placeChainOfGrid(matterGrid(row)) });
  const isVote = step?.vote === true && stepIndex === state.stepIndex && state.status === 'in_progress';
  const count = isVote ? await countNow(trx, row, template) : null;
  const decision = decideOrThrow(
    state,
    { type: 'advance', record: { stepIndex, hasMeeting: request.meeting != null, tally: count } },
    { role: principal.role, inScope },
  );
  if (!step) throw new Error('no current step');
  const publishes = decision.effects.flatMap((e) => (e.type === 'publish' ? [e.kind] : []));
  if (publishes.length > 0) refusePersonalData([row.title, request.summary]);
  await insertStepRecord(trx, {
    jurisdictionId: principal.jurisdictionId,
    matterId: row.id,
    stepIndex,
    step,
    summary: request.summary,
    meeting: request.meeting ?? null,
    tally: count,
    completedBy: principal.displayName,
    completedByRole: principal.role,
    now,
  });
  const moved = await updateMatterState(trx, {
    jurisdictionId: principal.jurisdictionId,
    matterId: row.id,
    fromStepIndex: state.stepIndex,
    stepIndex: decision.next.stepIndex,
    status: decision.next.status,
    adopted: decision.next.adopted,
    resultingCaseId: request.resultingCaseId,
    now,
  });
  if (!moved)
    throw new AppError('deliberation.step_out_of_order', 'The matter moved on meanwhile: reload it');
  const resolutionTally =
    count ??
    (await findStepRecords(trx, principal.jurisdictionId, row.id)).find((r) => r.tally)?.tally ??
    null;
  for (const kind of publishes) {
    await insertNotice(trx, {
      jurisdictionId: principal.jurisdictionId,
      matterId: row.id,
      gridId: row.grid_id,
      kind,
      title: row.title,
      stepName: step.name,
      body: request.summary,
      tally: kind === 'resolution' ? resolutionTally : null,
      fund:
        row.fund_name !== null && row.fund_amount !== null
          ? { name: row.fund_name, amount: Number(row.fund_amount) }
          : null,
      now,
    });
  }
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'deliberation.step_completed',
    subjectType: 'deliberation_matter',
    subjectId: row.id,
    details: {
      step: options.stepNumber,
      key: step.key,
      offline: request.meeting != null,
      effects: decision.effects.map((e) => e.type),
      status: decision.next.status,
    },
  });
  return getMatter(trx, { principal, matterId: row.id });
}

export async function withdrawMatter(
  trx: Db,
  options: { principal: Principal; matterId: number; actor: Actor; now: Date },
): Promise<Matter> {
  const { principal, now } = options;
  const { row, state } = await loadMatter(trx, principal, options.matterId, {
    permission: 'deliberation.read',
    lock: 'update',
  });
  const inScope = scopeCovers(principal, { placeChain: placeChainOfGrid(matterGrid(row)) });
  const decision = decideOrThrow(state, { type: 'withdraw' }, { role: principal.role, inScope });
  await updateMatterState(trx, {
    jurisdictionId: principal.jurisdictionId,
    matterId: row.id,
    fromStepIndex: state.stepIndex,
    stepIndex: decision.next.stepIndex,
    status: decision.next.status,
    adopted: decision.next.adopted,
    now,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'deliberation.matter_withdrawn',
    subjectType: 'deliberation_matter',
    subjectId: row.id,
    details: { atStep: state.stepIndex + 1 },
  });
  return getMatter(trx, { principal, matterId: row.id });
}

/** Mobile numbers and ID numbers never go on the public board. */
const PERSONAL_NUMBER = /(?<!\d)(1[3-9]\d{9}|\d{17}[\dXx])(?!\d)/;

export function refusePersonalData(texts: string[]): void {
  if (texts.some((text) => PERSONAL_NUMBER.test(text.replace(/[\s-]/g, '')))) {
    throw new AppError(
      'deliberation.personal_data_in_notice',
      'A public disclosure may not carry a phone or ID number: publish counts only',
    );
  }
}
