import { z } from 'zod';
import { CaseStep } from './cases.ts';
import { Id } from './territory.ts';

/**
 * Measures of cases (考核指标, issue 4 §6): rows per place or department for a period of
 * Asia/Shanghai days, from the roll-ups the server maintains. Definitions: docs/measures.md.
 */

/** What each row is: a grid, community, subdistrict, department, or the whole city (one row). */
export const CaseMeasureLevel = z.enum(['city', 'subdistrict', 'community', 'grid', 'department']);
export type CaseMeasureLevel = z.infer<typeof CaseMeasureLevel>;

/** The longest period asked at once, in days. */
export const MAX_MEASURE_PERIOD_DAYS = 3 * 366;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'a real calendar day',
  );

const daysBetween = (from: string, to: string): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

export const CaseMeasuresQuery = z
  .object({
    level: CaseMeasureLevel,
    /** Only cases in this place (a subdistrict, community or grid); default: the viewer's scope. */
    within: Id.optional(),
    /** First and last day of the period (Asia/Shanghai, inclusive): cases reported on those days. */
    from: Day,
    to: Day,
  })
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['to'] })
  .refine((q) => daysBetween(q.from, q.to) < MAX_MEASURE_PERIOD_DAYS, {
    message: `at most ${MAX_MEASURE_PERIOD_DAYS} days`,
    path: ['to'],
  });
export type CaseMeasuresQuery = z.infer<typeof CaseMeasuresQuery>;

const Count = z.number().int();
/** A count that applies to places only, or to departments only: null on the other kind of row. */
const CountOrNull = Count.nullable();
const Rate = z.number().min(0).max(1).nullable();

export const CaseMeasureCounts = z.object({
  /** 有效案件: reported in the period, neither rejected nor merged — the rates' denominator. */
  cases: Count,
  reported: CountOrNull,
  rejected: CountOrNull,
  merged: CountOrNull,
  acceptedOnTime: CountOrNull,
  escalated: CountOrNull,
  dispatched: CountOrNull,
  resolvedOnTime: CountOrNull,
  resolved: Count,
  closed: CountOrNull,
  closedAtGrid: CountOrNull,
  rated: Count,
  satisfied: Count,
  basicallySatisfied: Count,
  dissatisfied: Count,
  reopened: CountOrNull,
  /** Department rows: times dispatched to it, acknowledged (报到), declined (退回), reported back. */
  tasks: CountOrNull,
  acknowledged: CountOrNull,
  acknowledgedOnTime: CountOrNull,
  declined: CountOrNull,
  reportedBack: CountOrNull,
  reportedBackOnTime: CountOrNull,
});
export type CaseMeasureCounts = z.infer<typeof CaseMeasureCounts>;

export const CaseMeasureRates = z.object({
  /** 响应率 */
  response: Rate,
  /** 按期解决率 */
  onTimeResolution: Rate,
  /** 解决率 */
  resolution: Rate,
  /** 满意率 */
  satisfaction: Rate,
  /** 网格结案率 (places only) */
  closedAtGrid: Rate,
  /** 吹哨率 (places only) */
  escalation: Rate,
});
export type CaseMeasureRates = z.infer<typeof CaseMeasureRates>;

export const CaseMeasureRow = z.object({
  /** The place or department (the jurisdiction for the city row). */
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  counts: CaseMeasureCounts,
  rates: CaseMeasureRates,
  /** Average natural hours per run of each step; null where none ended in the period's cases. */
  avgStepHours: z.record(CaseStep, z.number().nullable()),
});
export type CaseMeasureRow = z.infer<typeof CaseMeasureRow>;

export const CaseMeasures = z.object({
  level: CaseMeasureLevel,
  /** The place the rows are limited to (null: the whole jurisdiction). */
  within: z
    .object({ id: z.number().int(), name: z.string(), level: z.enum(['subdistrict', 'community', 'grid']) })
    .nullable(),
  from: z.string(),
  to: z.string(),
  rows: z.array(CaseMeasureRow),
  /** All rows together. */
  total: CaseMeasureRow,
});
export type CaseMeasures = z.infer<typeof CaseMeasures>;
