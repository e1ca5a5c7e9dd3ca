import { describe, expect, it } from 'vitest';
import type { Criterion, Indicator } from '#contracts/performance.ts';
import {
  aggregateReview,
  assessmentScore,
  halfYearOf,
  halfYearRange,
  instantRange,
  payBandOf,
  pledgeStanding,
  quarterRange,
  quartersSoFar,
  rankByScore,
  reviewTotal,
  shanghaiDate,
} from './performance-rules.ts';

const criteria: Criterion[] = [
  { key: 'work', label: '工作实绩', weight: 60, maxScore: 10 },
  { key: 'style', label: '作风建设', weight: 40, maxScore: 10 },
];

describe('calendar', () => {
  it('names Shanghai days, quarters and half years', () => {
    expect(shanghaiDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(quarterRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterRange('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(halfYearRange('2026-H1')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(halfYearOf('2026-07-01')).toBe('2026-H2');
    expect(instantRange({ from: '2026-07-01', to: '2026-12-31' })).toEqual({
      start: new Date('2026-06-30T16:00:00Z'),
      end: new Date('2026-12-31T16:00:00Z'),
    });
    expect(quartersSoFar('2026-H2', '2026-08-01')).toEqual(['2026-Q3']);
    expect(quartersSoFar('2026-H2', '2026-11-01')).toEqual(['2026-Q3', '2026-Q4']);
  });
});

describe('pledge standing', () => {
  const today = '2026-12-02';
  it('is kept when accepted, kept late when claimed after the due day', () => {
    expect(pledgeStanding({ status: 'kept', dueOn: '2026-11-30', claimedOn: '2026-11-30' }, today)).toBe(
      'kept',
    );
    expect(pledgeStanding({ status: 'kept', dueOn: '2026-11-30', claimedOn: '2026-12-01' }, today)).toBe(
      'kept_late',
    );
  });
  it('is late once the due day is over and it is not kept', () => {
    for (const status of ['open', 'claimed', 'sent_back'] as const) {
      expect(pledgeStanding({ status, dueOn: '2026-12-01', claimedOn: null }, today)).toBe('late');
    }
    expect(pledgeStanding({ status: 'open', dueOn: today, claimedOn: null }, today)).toBe('open');
    expect(pledgeStanding({ status: 'claimed', dueOn: today, claimedOn: today }, today)).toBe('claimed');
  });
});

describe('rubric aggregation', () => {
  it('weights each criterion by its share of the maximum', () => {
    expect(reviewTotal(criteria, { work: 10, style: 5 })).toBe(80);
  });
  it('drops the highest and lowest totals from five reviewers, keeps all of four', () => {
    const rule = { dropHighestAndLowestFrom: 5 };
    const reviews = [
      { reviewer: 'a', scores: { work: 10, style: 10 } }, // 100
      { reviewer: 'b', scores: { work: 8, style: 8 } }, // 80
      { reviewer: 'c', scores: { work: 7, style: 7 } }, // 70
      { reviewer: 'd', scores: { work: 9, style: 9 } }, // 90
      { reviewer: 'e', scores: { work: 0, style: 0 } }, // 0
    ];
    const five = aggregateReview(criteria, rule, reviews);
    expect(five.score).toBe(80);
    expect(five.totals.filter((t) => t.dropped).map((t) => t.reviewer)).toEqual(['a', 'e']);
    const four = aggregateReview(criteria, rule, reviews.slice(0, 4));
    expect(four.score).toBe(85);
    expect(four.totals.some((t) => t.dropped)).toBe(false);
    expect(aggregateReview(criteria, { dropHighestAndLowestFrom: null }, reviews).score).toBe(68);
    expect(aggregateReview(criteria, rule, []).score).toBeNull();
  });
});

describe('assessment score', () => {
  const indicators: Indicator[] = [
    { key: 'cases', label: '案件按时办结率', source: 'cases_on_time', weight: 60 },
    { key: 'conduct', label: '日常表现', source: 'manual', weight: 40 },
  ];
  it('adds each indicator weight × value and explains the parts', () => {
    const result = assessmentScore(
      indicators,
      new Map([
        ['cases', { value: 50, basis: '1/2' }],
        ['conduct', { value: 90, basis: '手工录入' }],
      ]),
    );
    expect(result.score).toBe(66);
    expect(result.indicators.map((i) => i.contribution)).toEqual([30, 36]);
  });
  it('counts an unknown value as 0', () => {
    expect(assessmentScore(indicators, new Map([['cases', { value: 100, basis: '' }]])).score).toBe(60);
  });
  it('maps scores to pay bands and ranks ties together', () => {
    const bands = [
      { band: 'A', minScore: 90 },
      { band: 'B', minScore: 75 },
      { band: 'C', minScore: 0 },
    ];
    expect([95, 90, 80, 10].map((s) => payBandOf(bands, s))).toEqual(['A', 'A', 'B', 'C']);
    expect(
      rankByScore([{ score: 70 }, { score: 90 }, { score: 70 }, { score: 50 }]).map((r) => r.rank),
    ).toEqual([1, 2, 2, 4]);
  });
});
