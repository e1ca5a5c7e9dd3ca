import type {
  Bulletin,
  BulletinList,
  DispatchMeeting,
  DispatchMeetingList,
  DutyRecord,
  DutyRecordUnits,
  FlagColour,
  FlagInbox,
  FlagList,
  NotReportedBoard,
  SubscriptionList,
  Task,
  TaskBoard,
  TaskPlaces,
  TaskStatus,
  UnitFlag,
  WeeklyReport,
  WeeklyReportList,
} from '#contracts';
import { apiGet, apiPost, apiRequest } from '../../../app/api.ts';

/** The accountability routes (contracts/src/accountability*.ts, server/src/modules/accountability). */

export const fetchBoard = (
  filter: { leadDepartmentId?: number; status?: TaskStatus },
  signal?: AbortSignal,
) => apiGet<TaskBoard>('/api/accountability/tasks', filter, signal);
export const fetchTask = (id: number, signal?: AbortSignal) =>
  apiGet<Task>(`/api/accountability/tasks/${id}`, undefined, signal);
export const fetchTaskPlaces = (signal?: AbortSignal) =>
  apiGet<TaskPlaces>('/api/accountability/task-places', undefined, signal);
export const fetchNotReported = (signal?: AbortSignal) =>
  apiGet<NotReportedBoard>('/api/accountability/not-reported', undefined, signal);

export const postWeeklyReport = (
  taskId: number,
  body: { weekOf?: string; progress: string; problems: string; nextWeekPlan: string },
) => apiPost<WeeklyReport>(`/api/accountability/tasks/${taskId}/reports`, body);
export const postMilestoneDone = (
  taskId: number,
  milestoneId: number,
  body: { doneOn: string; evidence: string },
) => apiPost<Task>(`/api/accountability/tasks/${taskId}/milestones/${milestoneId}/done`, body);
export const postTaskStatus = (
  taskId: number,
  body: { action: 'complete' | 'suspend' | 'resume'; on?: string; reason: string },
) => apiPost<Task>(`/api/accountability/tasks/${taskId}/status`, body);

export const fetchMeetings = (signal?: AbortSignal) =>
  apiGet<DispatchMeetingList>('/api/accountability/meetings', undefined, signal);
export const postMeeting = (body: {
  heldOn: string;
  title: string;
  chairedBy: string;
  attendees: string;
  summary: string;
  decisions: { content: string; departmentId: number; dueOn: string }[];
}) => apiPost<DispatchMeeting>('/api/accountability/meetings', body);
export const postDecisionDone = (
  meetingId: number,
  decisionId: number,
  body: { doneOn: string; note: string },
) => apiPost<DispatchMeeting>(`/api/accountability/meetings/${meetingId}/decisions/${decisionId}/done`, body);

export const fetchBulletins = (signal?: AbortSignal) =>
  apiGet<BulletinList>('/api/accountability/bulletins', undefined, signal);
export const fetchBulletin = (id: number, signal?: AbortSignal) =>
  apiGet<Bulletin>(`/api/accountability/bulletins/${id}`, undefined, signal);
export const generateBulletin = (month: string) =>
  apiPost<Bulletin>('/api/accountability/bulletins', { month });
export const saveBulletinRemarks = (
  id: number,
  body: { remarks: string; unitRemarks: Record<string, string> },
) => apiRequest<Bulletin>(`/api/accountability/bulletins/${id}/remarks`, { method: 'PUT', body });
export const publishBulletin = (id: number) =>
  apiPost<Bulletin>(`/api/accountability/bulletins/${id}/publish`, {});
export const bulletinXlsxUrl = (id: number) => `/api/accountability/bulletins/${id}/xlsx`;

export const fetchFlags = (quarter: string, signal?: AbortSignal) =>
  apiGet<FlagList>('/api/accountability/flags', { quarter }, signal);
export const computeFlags = (quarter: string) =>
  apiPost<FlagList>('/api/accountability/flags/compute', { quarter });
export const overrideFlag = (id: number, body: { colour: FlagColour; reason: string }) =>
  apiPost<UnitFlag>(`/api/accountability/flags/${id}/override`, body);
export const publishFlags = (quarter: string) =>
  apiPost<FlagList>('/api/accountability/flags/publish', { quarter });

export const fetchSubscriptions = (signal?: AbortSignal) =>
  apiGet<SubscriptionList>('/api/accountability/subscriptions', undefined, signal);
export const saveSubscriptions = (departmentIds: number[]) =>
  apiRequest<SubscriptionList>('/api/accountability/subscriptions', {
    method: 'PUT',
    body: { departmentIds },
  });
export const fetchInbox = (signal?: AbortSignal) =>
  apiGet<FlagInbox>('/api/accountability/inbox', undefined, signal);
export const markNoticeRead = (id: number) => apiPost<FlagInbox>(`/api/accountability/inbox/${id}/read`, {});

export const fetchDutyUnits = (signal?: AbortSignal) =>
  apiGet<DutyRecordUnits>('/api/accountability/duty-records', undefined, signal);
export const fetchDutyRecord = (departmentId: number, signal?: AbortSignal) =>
  apiGet<DutyRecord>(`/api/accountability/duty-records/${departmentId}`, undefined, signal);
export const fetchTaskReports = (id: number, signal?: AbortSignal) =>
  apiGet<WeeklyReportList>(`/api/accountability/tasks/${id}/reports`, undefined, signal);
