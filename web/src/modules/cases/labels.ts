import type {
  CaseEventType,
  CaseRating,
  CaseStatus,
  CaseStep,
  CaseTimelineEntry,
  TimeUnit,
  TrafficLight,
} from '#contracts';
import { CASE_EVENT_LABELS, CASE_STATUS_LABELS } from '#contracts/case-labels.ts';

/** Labels of the case loop, shared with the server. */
export const STATUS_LABELS: Record<CaseStatus, string> = CASE_STATUS_LABELS;
export const STATUSES = Object.keys(STATUS_LABELS) as CaseStatus[];

export const EVENT_LABELS: Record<CaseEventType | 'report', string> = {
  report: '上报',
  ...CASE_EVENT_LABELS,
  // 吹哨: the grid calls up to the community (or on to the subdistrict), not the report itself.
  escalate: '上报上级',
};

/** The order move buttons appear in: the loop's forward moves first, supervision last. */
export const EVENT_ORDER: readonly CaseEventType[] = [
  'accept',
  'start_handling',
  'resolve',
  'escalate',
  'dispatch',
  'acknowledge',
  'report_back',
  'verify',
  'fail_verification',
  'rate',
  'close',
  'return_to_grid',
  'decline',
  'reject',
  'merge',
  'urge',
  'reassign',
  'recategorise',
  'relocate',
];

export const LIGHT_LABELS: Record<TrafficLight, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
export const LIGHT_COLORS: Record<TrafficLight, string> = {
  green: '#389e0d',
  yellow: '#d48806',
  red: '#cf1322',
};

export const STEP_LABELS: Record<CaseStep, string> = {
  accept: '受理',
  grid_handle: '网格处置',
  community_response: '社区响应',
  subdistrict_response: '街道响应',
  acknowledge: '部门报到',
  department_handle: '部门处置',
  verify: '核查',
  rate: '评价',
};

export const UNIT_LABELS: Record<TimeUnit, string> = {
  urgent_hour: '紧急工作时',
  work_hour: '工作时',
  work_day: '工作日',
  natural_day: '自然日',
};

export const RATING_LABELS: Record<CaseRating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

export const CHANNEL_LABELS: Record<string, string> = {
  resident: '居民',
  rider: '兼职网格员（骑手）',
  grid_worker: '网格员',
  hotline: '12345 热线',
  api: '接口（Open311）',
};

export const DEPARTMENT_TASK_LABELS: Record<string, string> = {
  dispatched: '待报到',
  acknowledged: '已报到',
  reported_back: '已反馈',
  declined: '已退回',
  replaced: '已改派',
};

/** Statuses open for work (not rejected, merged or closed). */
export const OPEN_STATUSES: readonly CaseStatus[] = STATUSES.filter(
  (status) => status !== 'rejected' && status !== 'merged' && status !== 'closed',
);

/**
 * A timeline entry's title. A rating says which: 不满意 is the one that reopened the case, and a
 * positive one is the case's rating (the loop ends with at most one).
 */
export function entryTitle(entry: CaseTimelineEntry, rating: CaseRating | null): string {
  if (entry.event !== 'rate') return EVENT_LABELS[entry.event];
  const given = entry.to === 'reopened' ? 'dissatisfied' : rating;
  return given ? `${EVENT_LABELS.rate}：${RATING_LABELS[given]}` : EVENT_LABELS.rate;
}
