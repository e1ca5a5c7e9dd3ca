import type {
  AssessmentSubject,
  AssessmentTable,
  IndicatorSource,
  ManualValueEntry,
  Template,
  TemplateSave,
} from '#contracts/performance.ts';
import type { Principal } from '../../platform/access.ts';
import { type Actor, jsonb, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { countClosedCasesOnTime } from '../cases/index.ts';
import { findLiaisons } from './performance.repository.ts';
import type { Db } from './performance.table.ts';
import {
  assessmentScore,
  halfYearRange,
  type IndicatorValue,
  instantRange,
  payBandOf,
  quarterRange,
  quartersSoFar,
  rankByScore,
  shanghaiDate,
  share,
} from './performance-rules.ts';
import { loadReports } from './review.service.ts';

/**
 * Dual performance assessment (双绩效考核) of communities and community workers: a template per
 * subject names the indicators with their weights and the pay bands; each indicator's value (0–100)
 * comes from the system where it has it — cases closed on time in the worker's grid or the
 * community, the community's pledges kept, its liaison visits, its secretary's half-year report —
 * and from manual entry (audited) where it does not. Scores are computed when asked, per half year,
 * with each indicator's contribution, so a change in the underlying data shows up at once and is
 * explained by the indicator that moved.
 */

export async function saveTemplate(
  trx: Db,
  options: { principal: Principal; actor: Actor; body: TemplateSave },
): Promise<Template> {
  const { principal, body } = options;
  const keys = body.indicators.map((i) => i.key);
  if (new Set(keys).size !== keys.length) {
    throw new AppError('performance.not_manual', 'Indicator keys repeat', { keys });
  }
  const row = await trx
    .insertInto('performance_template')
    .values({
      jurisdiction_id: principal.jurisdictionId,
      subject: body.subject,
      name: body.name,
      indicators: jsonb(body.indicators),
      pay_bands: jsonb(body.payBands),
    })
    .onConflict((oc) =>
      oc.columns(['jurisdiction_id', 'subject']).doUpdateSet({
        name: body.name,
        indicators: jsonb(body.indicators),
        pay_bands: jsonb(body.payBands),
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'performance.template_saved',
    subjectType: 'performance_template',
    subjectId: Number(row.id),
    details: { ...body },
  });
  return { id: Number(row.id), ...body };
}

export async function findTemplates(db: Db, jurisdictionId: number): Promise<Template[]> {
  const rows = await db
    .selectFrom('performance_template')
    .where('jurisdiction_id', '=', jurisdictionId)
    .select(['id', 'subject', 'name', 'indicators', 'pay_bands'])
    .orderBy('subject')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    subject: r.subject,
    name: r.name,
    indicators: r.indicators,
    payBands: r.pay_bands,
  }));
}

async function requireTemplate(
  db: Db,
  jurisdictionId: number,
  subject: AssessmentSubject,
): Promise<Template> {
  const template = (await findTemplates(db, jurisdictionId)).find((t) => t.subject === subject);
  if (!template) throw new AppError('performance.no_template', `No ${subject} assessment template`);
  return template;
}

/** A value entered by hand for a manual indicator; audited with the value it replaces. */
export async function enterManualValue(
  trx: Db,
  options: { principal: Principal; actor: Actor; body: ManualValueEntry; now: Date },
): Promise<void> {
  const { principal, body } = options;
  const jurisdictionId = principal.jurisdictionId;
  const template = await requireTemplate(trx, jurisdictionId, body.subject);
  const indicator = template.indicators.find((i) => i.key === body.indicatorKey);
  if (indicator?.source !== 'manual') {
    throw new AppError('performance.not_manual', `${body.indicatorKey} is not a manual indicator`);
  }
  const subjects = await findSubjects(trx, jurisdictionId, body.subject, shanghaiDate(options.now));
  if (!subjects.some((s) => s.id === body.subjectId)) {
    throw new AppError('performance.unknown_reference', `No ${body.subject} ${body.subjectId}`, {
      field: 'subjectId',
    });
  }
  const key = {
    jurisdiction_id: jurisdictionId,
    template_id: template.id,
    period: body.period,
    subject_id: body.subjectId,
    indicator_key: body.indicatorKey,
  };
  const before = await trx
    .selectFrom('performance_manual_value')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('template_id', '=', template.id)
    .where('period', '=', body.period)
    .where('subject_id', '=', body.subjectId)
    .where('indicator_key', '=', body.indicatorKey)
    .select('value')
    .executeTakeFirst();
  await trx
    .insertInto('performance_manual_value')
    .values({
      ...key,
      value: body.value,
      reason: body.reason,
      entered_by: options.actor.id,
      entered_at: options.now,
    })
    .onConflict((oc) =>
      oc.columns(['jurisdiction_id', 'template_id', 'period', 'subject_id', 'indicator_key']).doUpdateSet({
        value: body.value,
        reason: body.reason,
        entered_by: options.actor.id,
        entered_at: options.now,
      }),
    )
    .execute();
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'performance.manual_value_entered',
    subjectType: `performance_${body.subject}`,
    subjectId: body.subjectId,
    details: {
      period: body.period,
      indicatorKey: body.indicatorKey,
      before: before ? Number(before.value) : null,
      after: body.value,
      reason: body.reason,
    },
  });
}

interface Subject {
  id: number;
  name: string;
  placeName: string;
  /** The grid (worker) or community whose cases count. */
  placeId: number;
}

/** The communities (current) or community workers posted to a grid (on `today`). */
async function findSubjects(
  db: Db,
  jurisdictionId: number,
  subject: AssessmentSubject,
  today: string,
): Promise<Subject[]> {
  if (subject === 'community') {
    const rows = await db
      .selectFrom('territory_place as c')
      .innerJoin('territory_place as s', (join) =>
        join.onRef('s.jurisdiction_id', '=', 'c.jurisdiction_id').onRef('s.id', '=', 'c.subdistrict_id'),
      )
      .where('c.jurisdiction_id', '=', jurisdictionId)
      .where('c.level', '=', 'community')
      .where('c.valid_to', 'is', null)
      .select(['c.id', 'c.name', 's.name as subdistrict_name'])
      .orderBy('c.code')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      placeName: r.subdistrict_name,
      placeId: Number(r.id),
    }));
  }
  const rows = await db
    .selectFrom('staff_member as m')
    .innerJoin('posting as p', (join) =>
      join.onRef('p.jurisdiction_id', '=', 'm.jurisdiction_id').onRef('p.staff_member_id', '=', 'm.id'),
    )
    .innerJoin('territory_place as g', (join) =>
      join.onRef('g.jurisdiction_id', '=', 'p.jurisdiction_id').onRef('g.id', '=', 'p.place_id'),
    )
    .where('m.jurisdiction_id', '=', jurisdictionId)
    .where('m.kind', '=', 'community_worker')
    .where('g.level', '=', 'grid')
    .where('p.starts_on', '<=', today)
    .where((eb) => eb.or([eb('p.ends_on', 'is', null), eb('p.ends_on', '>=', today)]))
    .select(['m.id', 'm.name', 'g.id as grid_id', 'g.name as grid_name'])
    .orderBy('m.id')
    .orderBy('p.starts_on', 'desc')
    .execute();
  const seen = new Set<number>();
  const subjects: Subject[] = [];
  for (const r of rows) {
    if (seen.has(Number(r.id))) continue;
    seen.add(Number(r.id));
    subjects.push({ id: Number(r.id), name: r.name, placeName: r.grid_name, placeId: Number(r.grid_id) });
  }
  return subjects;
}

/** The period's assessment: each subject's score, its indicators' contributions, rank and pay band. */
export async function assess(
  db: Db,
  options: { principal: Principal; subject: AssessmentSubject; period: string; now: Date },
): Promise<AssessmentTable> {
  const jurisdictionId = options.principal.jurisdictionId;
  const template = await requireTemplate(db, jurisdictionId, options.subject);
  const today = shanghaiDate(options.now);
  const subjects = await findSubjects(db, jurisdictionId, options.subject, today);
  const range = halfYearRange(options.period);
  const sources = new Set<IndicatorSource>(template.indicators.map((i) => i.source));
  const values = new Map<IndicatorSource, Map<number, IndicatorValue>>();
  const notApplicable: IndicatorValue = { value: null, basis: '不适用' };

  if (sources.has('cases_on_time')) {
    const { start, end } = instantRange(range);
    const counts = await countClosedCasesOnTime(db, {
      jurisdictionId,
      placeIds: subjects.map((s) => s.placeId),
      from: start,
      to: end,
    });
    values.set(
      'cases_on_time',
      new Map(
        subjects.map((s) => {
          const c = counts.get(s.placeId) ?? { closed: 0, onTime: 0 };
          return [s.id, { value: share(c.onTime, c.closed), basis: `按时结案 ${c.onTime}/${c.closed}` }];
        }),
      ),
    );
  }
  const communityOnly = (compute: () => Promise<Map<number, IndicatorValue>>) =>
    options.subject === 'community'
      ? compute()
      : Promise.resolve(new Map(subjects.map((s) => [s.id, notApplicable])));
  if (sources.has('pledges_kept')) {
    values.set(
      'pledges_kept',
      await communityOnly(async () => {
        const dueTo = [range.to, today].sort()[0] as string;
        const rows = await db
          .selectFrom('performance_pledge as g')
          .innerJoin('performance_project as p', (join) =>
            join.onRef('p.jurisdiction_id', '=', 'g.jurisdiction_id').onRef('p.id', '=', 'g.project_id'),
          )
          .where('g.jurisdiction_id', '=', jurisdictionId)
          .where('p.level', '=', 'community')
          .where('g.due_on', '>=', range.from)
          .where('g.due_on', '<=', dueTo)
          .select((eb) => [
            'p.place_id',
            eb.fn.countAll<number>().as('due'),
            eb.fn
              .count<number>('g.id')
              .filterWhere((w) =>
                w.and([w('g.status', '=', 'kept'), w('g.claimed_on', '<=', w.ref('g.due_on'))]),
              )
              .as('kept'),
          ])
          .groupBy('p.place_id')
          .execute();
        const byCommunity = new Map(rows.map((r) => [Number(r.place_id), r]));
        return new Map(
          subjects.map((s) => {
            const r = byCommunity.get(s.id);
            const due = r ? Number(r.due) : 0;
            const kept = r ? Number(r.kept) : 0;
            return [s.id, { value: share(kept, due), basis: `按期践诺 ${kept}/${due}` }];
          }),
        );
      }),
    );
  }
  if (sources.has('visit_compliance')) {
    values.set(
      'visit_compliance',
      await communityOnly(async () => {
        const quarters = quartersSoFar(options.period, today);
        const liaisons = await findLiaisons(db, jurisdictionId);
        const visits = await db
          .selectFrom('performance_visit')
          .where('jurisdiction_id', '=', jurisdictionId)
          .where('visited_on', '>=', range.from)
          .where('visited_on', '<=', range.to)
          .select(['staff_member_id', 'community_id'])
          .select((eb) =>
            eb.fn.agg<string[]>('array_agg', [eb.cast(eb.ref('visited_on'), 'text')]).as('days'),
          )
          .groupBy(['staff_member_id', 'community_id'])
          .execute();
        const daysOf = new Map(visits.map((v) => [`${v.staff_member_id}:${v.community_id}`, v.days]));
        return new Map(
          subjects.map((s) => {
            const linked = liaisons.filter((l) => l.community_id === s.id);
            let due = 0;
            let done = 0;
            for (const l of linked) {
              const days = daysOf.get(`${l.staff_member_id}:${l.community_id}`) ?? [];
              for (const q of quarters) {
                const qr = quarterRange(q);
                due += 1;
                if (days.some((d) => d >= qr.from && d <= qr.to)) done += 1;
              }
            }
            return [s.id, { value: share(done, due), basis: `季度走访 ${done}/${due}` }];
          }),
        );
      }),
    );
  }
  if (sources.has('report_score')) {
    values.set(
      'report_score',
      await communityOnly(async () => {
        const reports = await loadReports(db, jurisdictionId, { halfYear: options.period });
        const byCommunity = new Map(reports.map((r) => [r.communityId, r]));
        return new Map(
          subjects.map((s) => {
            const r = byCommunity.get(s.id);
            return [
              s.id,
              r?.result.score != null
                ? { value: r.result.score, basis: `述职评议 ${r.result.reviewers} 人评分` }
                : { value: null, basis: r ? '尚无评分' : '未提交述职' },
            ];
          }),
        );
      }),
    );
  }
  const manual = await db
    .selectFrom('performance_manual_value')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('template_id', '=', template.id)
    .where('period', '=', options.period)
    .select(['subject_id', 'indicator_key', 'value', 'entered_by'])
    .execute();
  const manualOf = new Map(manual.map((m) => [`${m.subject_id}:${m.indicator_key}`, m]));

  const rows = subjects.map((s) => {
    const perIndicator = new Map<string, IndicatorValue>();
    for (const indicator of template.indicators) {
      if (indicator.source === 'manual') {
        const m = manualOf.get(`${s.id}:${indicator.key}`);
        perIndicator.set(
          indicator.key,
          m
            ? { value: Number(m.value), basis: `手工录入（${m.entered_by}）` }
            : { value: null, basis: '未录入' },
        );
      } else {
        perIndicator.set(indicator.key, values.get(indicator.source)?.get(s.id) ?? notApplicable);
      }
    }
    const { score, indicators } = assessmentScore(template.indicators, perIndicator);
    return {
      subjectId: s.id,
      name: s.name,
      placeName: s.placeName,
      score,
      payBand: payBandOf(template.payBands, score),
      indicators,
    };
  });
  return { subject: options.subject, period: options.period, template, rows: rankByScore(rows) };
}
