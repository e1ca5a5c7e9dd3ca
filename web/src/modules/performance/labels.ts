import type {
  AssessmentSubject,
  IndicatorSource,
  PledgeStanding,
  ProjectLevel,
} from '#contracts/performance.ts';

/** Chinese labels and tag colours of the performance pages. */
export const STANDING_LABELS: Record<PledgeStanding, { label: string; color: string }> = {
  kept: { label: '已践诺', color: 'green' },
  kept_late: { label: '逾期践诺', color: 'gold' },
  claimed: { label: '待审核', color: 'blue' },
  open: { label: '推进中', color: 'default' },
  late: { label: '已逾期', color: 'red' },
};

export const LEVEL_LABELS: Record<ProjectLevel, string> = {
  city: '市级',
  subdistrict: '街道',
  community: '社区',
};

/** The Shanghai calendar day of now, `YYYY-MM-DD`. */
export const shanghaiToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export const quarterOf = (date: string): string =>
  `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;

export const halfYearOf = (date: string): string =>
  `${date.slice(0, 4)}-H${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;

/** The last `count` quarters up to `quarter`, oldest first. */
export function quartersUpTo(quarter: string, count: number): string[] {
  let year = Number(quarter.slice(0, 4));
  let q = Number(quarter.slice(6, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.unshift(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

/** The last `count` half years up to `halfYear`, newest first. */
export function halfYearsUpTo(halfYear: string, count: number): string[] {
  let year = Number(halfYear.slice(0, 4));
  let h = Number(halfYear.slice(6, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-H${h}`);
    h -= 1;
    if (h === 0) {
      h = 2;
      year -= 1;
    }
  }
  return out;
}

export const halfYearLabel = (halfYear: string): string =>
  `${halfYear.slice(0, 4)}年${halfYear.endsWith('H1') ? '上半年' : '下半年'}`;

export const SUBJECT_LABELS: Record<AssessmentSubject, string> = {
  community: '社区',
  worker: '社区工作者',
};

/** Where an indicator's value comes from (数据来源). */
export const SOURCE_LABELS: Record<IndicatorSource, string> = {
  cases_on_time: '系统：按时结案率',
  pledges_kept: '系统：承诺按期践诺率',
  visit_compliance: '系统：挂点走访达标率',
  report_score: '系统：述职评议得分',
  manual: '人工录入',
};
