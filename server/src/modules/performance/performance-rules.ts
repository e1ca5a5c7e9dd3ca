import type { Role } from '#contracts';
import type {
  Criterion,
  Indicator,
  IndicatorContribution,
  OutlierRule,
  PayBand,
  PledgeStanding,
  PledgeStatus,
  ProjectLevel,
} from '#contracts/performance.ts';

/**
 * The pure rules of the performance module (tested in `performance-rules.test.ts`): the Shanghai
 * calendar of quarters and half years, a pledge's standing, who reviews a pledge, the rubric
 * aggregation with its outlier rule, and an assessment score from its indicators.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The calendar day (Asia/Shanghai, fixed UTC+8) of an instant, `YYYY-MM-DD`. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-Q4` for a date. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** `2026-H2` for a date. */
export function halfYearOf(date: string): string {
  return `${date.slice(0, 4)}-H${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;
}

export interface DateRange {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

const lastDayOfMonth = (year: number, month: number): string =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

export function quarterRange(quarter: string): DateRange {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6, 7));
  return {
    from: `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`,
    to: lastDayOfMonth(year, q * 3),
  };
}

export function halfYearRange(halfYear: string): DateRange {
  const year = Number(halfYear.slice(0, 4));
  return halfYear.endsWith('H1')
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
}

/** The instants a range of Shanghai days spans: [start, end). */
export function instantRange(range: DateRange): { start: Date; end: Date } {
  const start = new Date(Date.parse(`${range.from}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
  const end = new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000 - SHANGHAI_OFFSET_MS);
  return { start, end };
}

/** The quarters of a half year that have begun by `today` (at least the first). */
export function quartersSoFar(halfYear: string, today: string): string[] {
  const year = halfYear.slice(0, 4);
  const quarters = halfYear.endsWith('H1') ? [`${year}-Q1`, `${year}-Q2`] : [`${year}-Q3`, `${year}-Q4`];
  const begun = quarters.filter((q) => quarterRange(q).from <= today);
  return begun.length > 0 ? begun : quarters.slice(0, 1);
}

// ---- pledges ------------------------------------------------------------------------------------

/**
 * What a pledge shows as of `today`: kept when accepted (kept_late when the accepted claim came
 * after the due day); otherwise late once the due day is over (the due day itself is on time), else
 * claimed (waiting for review) or open (sent back counts as open).
 */
export function pledgeStanding(
  pledge: { status: PledgeStatus; dueOn: string; claimedOn: string | null },
  today: string,
): PledgeStanding {
  switch (pledge.status) {
    case 'kept':
      return pledge.claimedOn !== null && pledge.claimedOn > pledge.dueOn ? 'kept_late' : 'kept';
    case 'claimed':
      return today > pledge.dueOn ? 'late' : 'claimed';
    case 'open':
    case 'sent_back':
      return today > pledge.dueOn ? 'late' : 'open';
  }
}

/** Who accepts or sends back a pledge: the level above the project's (an administrator always). */
export function reviewerRoles(level: ProjectLevel): readonly Role[] {
  switch (level) {
    case 'community':
      return ['admin', 'city_leader', 'subdistrict_staff'];
    case 'subdistrict':
      return ['admin', 'city_leader'];
    case 'city':
      return ['admin'];
  }
}

// ---- rubric aggregation (述职评议) -------------------------------------------------------------

/** One reviewer's total on a 0–100 scale: Σ weight × score/max ÷ Σ weight × 100, one decimal. */
export function reviewTotal(criteria: readonly Criterion[], scores: Record<string, number>): number {
  const weights = criteria.reduce((sum, c) => sum + c.weight, 0);
  const points = criteria.reduce(
    (sum, c) => sum + (c.weight * Math.min(scores[c.key] ?? 0, c.maxScore)) / c.maxScore,
    0,
  );
  return round1((points / weights) * 100);
}

/** Scores that name an unknown criterion, miss one, or exceed a maximum. */
export function invalidScores(criteria: readonly Criterion[], scores: Record<string, number>): string[] {
  const known = new Set(criteria.map((c) => c.key));
  return [
    ...Object.keys(scores).filter((key) => !known.has(key)),
    ...criteria
      .filter((c) => scores[c.key] === undefined || (scores[c.key] as number) > c.maxScore)
      .map((c) => c.key),
  ];
}

export interface AggregatedReview {
  totals: { reviewer: string; total: number; dropped: boolean }[];
  score: number | null;
}

/**
 * The report's score: the mean of the reviewers' totals, after dropping one highest and one lowest
 * total when the rubric says so and there are at least that many reviewers. Ties: the first in
 * reviewer order is dropped.
 */
export function aggregateReview(
  criteria: readonly Criterion[],
  rule: OutlierRule,
  reviews: readonly { reviewer: string; scores: Record<string, number> }[],
): AggregatedReview {
  const totals = [...reviews]
    .sort((a, b) => a.reviewer.localeCompare(b.reviewer))
    .map((r) => ({ reviewer: r.reviewer, total: reviewTotal(criteria, r.scores), dropped: false }));
  if (totals.length === 0) return { totals, score: null };
  const from = rule.dropHighestAndLowestFrom;
  if (from !== null && totals.length >= from) {
    const byTotal = [...totals].sort((a, b) => a.total - b.total);
    (byTotal[0] as (typeof totals)[number]).dropped = true;
    (byTotal[byTotal.length - 1] as (typeof totals)[number]).dropped = true;
  }
  const kept = totals.filter((t) => !t.dropped);
  return { totals, score: round1(kept.reduce((sum, t) => sum + t.total, 0) / kept.length) };
}

// ---- assessment (双绩效考核) --------------------------------------------------------------------

export interface IndicatorValue {
  value: number | null;
  basis: string;
}

/**
 * The score (0–100, one decimal) and each indicator's contribution: weight × value ÷ Σ weights. A
 * value not yet known counts as 0. Contributions are rounded to two decimals; the score is the
 * rounded sum of the exact ones.
 */
export function assessmentScore(
  indicators: readonly Indicator[],
  values: ReadonlyMap<string, IndicatorValue>,
): { score: number; indicators: IndicatorContribution[] } {
  const weights = indicators.reduce((sum, i) => sum + i.weight, 0);
  let total = 0;
  const contributions = indicators.map((indicator) => {
    const { value, basis } = values.get(indicator.key) ?? { value: null, basis: '—' };
    const exact = ((value ?? 0) * indicator.weight) / weights;
    total += exact;
    return {
      key: indicator.key,
      label: indicator.label,
      source: indicator.source,
      weight: indicator.weight,
      value,
      contribution: Math.round(exact * 100) / 100,
      basis,
    };
  });
  return { score: round1(total), indicators: contributions };
}

/** The pay band of a score: the band with the highest `minScore` at or below it (else the lowest band). */
export function payBandOf(bands: readonly PayBand[], score: number): string {
  const sorted = [...bands].sort((a, b) => b.minScore - a.minScore);
  return (sorted.find((b) => score >= b.minScore) ?? sorted[sorted.length - 1])?.band ?? '—';
}

/** Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4). */
export function rankByScore<T extends { score: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  return sorted.map((row, i) => ({
    ...row,
    rank: sorted.findIndex((other) => other.score === row.score) + 1 || i + 1,
  }));
}

/** A share as 0–100 with one decimal; `whenNone` where there is nothing to measure. */
export function share(part: number, whole: number, whenNone: number | null = 100): number | null {
  return whole === 0 ? whenNone : round1((part / whole) * 100);
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
