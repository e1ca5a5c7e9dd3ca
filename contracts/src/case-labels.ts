import type { Role } from './access.ts';
import type { CaseEventType, CaseStatus, CategoryKind, PublicStatusGroup, TimeUnit } from './cases.ts';

/**
 * Chinese labels of the case loop's statuses and moves, for the server (timeline, presenters) and
 * the web alike. No zod here: the web imports it as `#contracts/case-labels.ts`.
 */

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  reported: '上报',
  accepted: '受理',
  rejected: '不予受理',
  merged: '合并',
  in_progress: '网格处置中',
  escalated_community: '上报社区',
  escalated_subdistrict: '上报街道',
  dispatched: '派遣至部门',
  acknowledged: '部门已报到',
  reported_back: '部门已反馈',
  resolved_by_grid: '网格已处置',
  verified: '已核查',
  rated: '已评价',
  closed: '结案',
  reopened: '重新办理',
};

export const CASE_EVENT_LABELS: Record<CaseEventType, string> = {
  accept: '受理',
  reject: '不予受理',
  merge: '合并',
  start_handling: '开始处置',
  resolve: '处置完毕',
  escalate: '上报',
  return_to_grid: '退回网格',
  dispatch: '派遣',
  acknowledge: '报到',
  report_back: '反馈',
  decline: '退回',
  verify: '核查通过',
  fail_verification: '核查不通过',
  rate: '评价',
  close: '结案',
  urge: '督办',
  reassign: '改派',
  recategorise: '改类',
  relocate: '改位置',
};

/** Chinese names of the measures (考核指标, docs/measures.md): table and Excel headers. */
export const CASE_MEASURE_LEVEL_LABELS = {
  city: '全市',
  subdistrict: '街道',
  community: '社区',
  grid: '网格',
  department: '部门',
} as const;

export const CASE_MEASURE_RATE_LABELS = {
  response: '响应率',
  onTimeResolution: '按期解决率',
  resolution: '解决率',
  satisfaction: '满意率',
  closedAtGrid: '网格结案率',
  escalation: '吹哨率',
} as const;

export const CASE_MEASURE_COUNT_LABELS = {
  cases: '有效案件',
  reported: '上报',
  rejected: '不予受理',
  merged: '合并',
  acceptedOnTime: '按时受理',
  escalated: '上报社区（吹哨）',
  dispatched: '派遣部门',
  resolvedOnTime: '按期解决',
  resolved: '已解决',
  closed: '结案',
  closedAtGrid: '网格结案',
  rated: '已评价',
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
  reopened: '重新办理',
  tasks: '派遣次数',
  acknowledged: '报到',
  acknowledgedOnTime: '按时报到',
  declined: '退回',
  reportedBack: '反馈',
  reportedBackOnTime: '按时反馈',
} as const;

export const CASE_MEASURE_STEP_LABELS = {
  accept: '受理',
  grid_handle: '网格处置',
  community_response: '社区响应',
  subdistrict_response: '街道响应',
  acknowledge: '部门报到',
  department_handle: '部门处置',
  verify: '核查',
  rate: '评价',
} as const;
/**
 * Statuses as the public sees them (查询进度, the public map): waiting to be accepted, being
 * handled (in the grid or up the ladder), handled and waiting for verification or rating, closed.
 * Rejected and merged cases are not public cases (null).
 */
export const PUBLIC_STATUS_GROUPS: Record<CaseStatus, PublicStatusGroup | null> = {
  reported: 'reported',
  accepted: 'handling',
  in_progress: 'handling',
  reopened: 'handling',
  escalated_community: 'handling',
  escalated_subdistrict: 'handling',
  dispatched: 'handling',
  acknowledged: 'handling',
  reported_back: 'resolved',
  resolved_by_grid: 'resolved',
  verified: 'resolved',
  rated: 'resolved',
  closed: 'closed',
  rejected: null,
  merged: null,
};

export const PUBLIC_STATUS_GROUP_LABELS: Record<PublicStatusGroup, string> = {
  reported: '待受理',
  handling: '办理中',
  resolved: '已处置待核查',
  closed: '已结案',
};

/**
 * Who made a move, as the public timeline says it: the kind of office, never a person. Residents and
 * riders appear only as the reporter (上报人) or not at all.
 */
export const PUBLIC_ACTOR_LABELS: Record<Role | 'system', string> = {
  admin: '管理人员',
  city_leader: '市级领导',
  subdistrict_staff: '街道',
  community_secretary: '社区',
  community_staff: '社区',
  grid_worker: '网格员',
  grid_assistant: '网格员',
  part_time_worker: '网格员',
  steward: '网格员',
  department_staff: '职能部门',
  resident: '上报人',
  system: '系统',
};

export const CATEGORY_KIND_LABELS: Record<CategoryKind, string> = {
  event: '事件',
  component: '部件',
  grid_work: '网格事项',
};

export const TIME_UNIT_LABELS: Record<TimeUnit, string> = {
  urgent_hour: '紧急工作时',
  work_hour: '工作时',
  work_day: '工作日',
  natural_day: '自然日',
};
