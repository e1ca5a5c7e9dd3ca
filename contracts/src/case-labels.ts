import type { CaseEventType, CaseStatus } from './cases.ts';

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
