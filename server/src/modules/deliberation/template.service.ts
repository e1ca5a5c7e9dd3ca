import type { DeliberationTemplate, TemplateUpdate } from '#contracts/deliberation.ts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { DEFAULT_QUORUM, DEFAULT_STEPS } from './default-template.ts';
import { deliberationPermission } from './deliberation.policy.ts';
import { presentTemplate } from './deliberation.presenter.ts';
import { findLatestTemplate, insertTemplate, type TemplateRow } from './deliberation.repository.ts';
import type { Db } from './deliberation.table.ts';
import { findTemplateProblem } from './template-rules.ts';

/** The jurisdiction's template (议事规则): read, edit (a new version), and the version new matters use. */

export async function getTemplate(db: Db, options: { principal: Principal }): Promise<DeliberationTemplate> {
  const latest = await findLatestTemplate(db, options.principal.jurisdictionId);
  return presentTemplate(latest ?? null, { steps: [...DEFAULT_STEPS], quorum: DEFAULT_QUORUM });
}

/** Stores a new version; running matters keep theirs. */
export async function updateTemplate(
  trx: Db,
  options: { principal: Principal; request: TemplateUpdate; actor: Actor },
): Promise<DeliberationTemplate> {
  const { principal, request } = options;
  authorize(principal, deliberationPermission('deliberation.configure'), null);
  const problem = findTemplateProblem(request.steps);
  if (problem)
    throw new AppError('deliberation.invalid_template', `The template cannot be used: ${problem}`, {
      problem,
    });
  const latest = await findLatestTemplate(trx, principal.jurisdictionId);
  const version = (latest?.version ?? 0) + 1;
  const inserted = await insertTemplate(trx, {
    jurisdictionId: principal.jurisdictionId,
    version,
    steps: request.steps,
    quorum: request.quorum,
    createdBy: principal.displayName,
  });
  if (!inserted)
    throw new AppError('platform.conflict', 'The template was changed at the same time: reload and retry');
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'deliberation.template_updated',
    subjectType: 'deliberation_template',
    subjectId: version,
    details: { steps: request.steps.map((s) => s.key), quorum: request.quorum },
  });
  const stored = await findLatestTemplate(trx, principal.jurisdictionId);
  return presentTemplate(stored ?? null, request);
}

/** The newest version, writing the built-in default as version 1 on first use. */
export async function currentTemplate(
  trx: Db,
  jurisdictionId: number,
  createdBy: string,
): Promise<TemplateRow> {
  const latest = await findLatestTemplate(trx, jurisdictionId);
  if (latest) return latest;
  await insertTemplate(trx, {
    jurisdictionId,
    version: 1,
    steps: DEFAULT_STEPS,
    quorum: DEFAULT_QUORUM,
    createdBy,
  });
  const written = await findLatestTemplate(trx, jurisdictionId);
  if (!written) throw new Error('default template not written');
  return written;
}
