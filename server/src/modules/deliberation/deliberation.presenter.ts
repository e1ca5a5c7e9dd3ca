import type {
  DeliberationTemplate,
  Matter,
  Meeting,
  Post,
  PublicNotice,
  Tally,
  TemplateStep,
} from '#contracts/deliberation.ts';
import { type MatterState, stepStates } from './deliberation.lifecycle.ts';
import type { MatterRow, NoticeRow, PostRow, StepRecordRow, TemplateRow } from './deliberation.repository.ts';

/** Rows → API types: the only way deliberation data leaves the server. */

export function presentTemplate(
  template: TemplateRow | null,
  fallback: Pick<TemplateRow, 'steps' | 'quorum'>,
): DeliberationTemplate {
  return template
    ? {
        version: template.version,
        steps: template.steps,
        quorum: template.quorum,
        updatedAt: template.created_at.toISOString(),
        updatedBy: template.created_by,
      }
    : { version: 0, steps: [...fallback.steps], quorum: fallback.quorum, updatedAt: null, updatedBy: null };
}

export function matterState(row: MatterRow, steps: readonly TemplateStep[]): MatterState {
  return { status: row.status, stepIndex: row.step_index, adopted: row.adopted, steps };
}

export function presentMatter(
  row: MatterRow,
  steps: readonly TemplateStep[],
  records: Pick<StepRecordRow, 'step_index' | 'completed_at'>[],
  tally: Tally | null,
): Matter {
  const states = stepStates(matterState(row, steps));
  const completedAt = new Map(records.map((r) => [r.step_index, r.completed_at.toISOString()]));
  return {
    id: row.id,
    grid: { id: row.grid_id, code: row.grid_code, name: row.grid_name },
    title: row.title,
    description: row.description,
    status: row.status,
    templateVersion: row.template_version,
    currentStep: row.status === 'in_progress' ? row.step_index + 1 : null,
    steps: steps.map((step, index) => ({
      ...step,
      number: index + 1,
      state: states[index] ?? 'pending',
      completedAt: completedAt.get(index) ?? null,
    })),
    caseId: row.case_id,
    resultingCaseId: row.resulting_case_id,
    fund: fundOf(row),
    tally,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function fundOf(row: { fund_name: string | null; fund_amount: number | null }) {
  return row.fund_name !== null && row.fund_amount !== null
    ? { name: row.fund_name, amount: Number(row.fund_amount) }
    : null;
}

export function presentMeeting(row: StepRecordRow): Meeting | null {
  if (
    row.meeting_held_at === null ||
    row.meeting_place === null ||
    row.attendance_expected === null ||
    row.attendance_present === null ||
    row.minutes === null
  )
    return null;
  return {
    heldAt: row.meeting_held_at.toISOString(),
    place: row.meeting_place,
    attendanceExpected: row.attendance_expected,
    attendancePresent: row.attendance_present,
    minutes: row.minutes,
  };
}

/** Staff appear by their display name; a resident only as 居民 (no names of residents leave here). */
export function presentPost(row: PostRow): Post {
  return {
    id: row.id,
    step: row.step_index + 1,
    kind: row.kind,
    parentId: row.parent_id,
    author: { role: row.author_role, label: row.kind === 'comment' ? '居民' : row.author_label },
    body: row.body,
    createdAt: row.created_at.toISOString(),
  };
}

/** A public disclosure: title, text and counts — nothing about any person. */
export function presentNotice(row: NoticeRow): PublicNotice {
  return {
    id: row.id,
    matterId: row.matter_id,
    kind: row.kind,
    title: row.title,
    stepName: row.step_name,
    text: row.body,
    tally: row.tally,
    fund: fundOf(row),
    publishedAt: row.published_at.toISOString(),
  };
}
