import type { CaseCategoryCatalogue, StaffPage, TreeResponse } from '#contracts';
import type {
  AssessmentSubject,
  AssessmentTable,
  HalfYearReport,
  LiaisonCompliance,
  LiaisonLink,
  ManualValueEntry,
  Pledge,
  PledgeClaim,
  PledgeList,
  PledgeReview,
  PledgeStanding,
  ReportList,
  ReportSubmit,
  Rubric,
  RubricCreate,
  Template,
  TemplateList,
  TemplateSave,
  Visit,
  VisitCreate,
  VisitList,
} from '#contracts/performance.ts';
import { apiGet, apiPost, apiRequest } from '../../../app/api.ts';

/** The performance API (履职考评): pledges, liaison, half-year reports, assessment. */

export const fetchPledges = (filter: { standing?: PledgeStanding | undefined }, signal?: AbortSignal) =>
  apiGet<PledgeList>('/api/performance/pledges', { standing: filter.standing, limit: 1000 }, signal);

export const claimPledge = (id: number, body: PledgeClaim) =>
  apiPost<Pledge>(`/api/performance/pledges/${id}/claim`, body);

export const reviewPledge = (id: number, body: PledgeReview) =>
  apiPost<Pledge>(`/api/performance/pledges/${id}/review`, body);

export const fetchCompliance = (quarter: string, signal?: AbortSignal) =>
  apiGet<LiaisonCompliance>('/api/performance/liaisons/compliance', { quarter }, signal);

export const fetchVisits = (query: { quarter?: string; year?: string }, signal?: AbortSignal) =>
  apiGet<VisitList>('/api/performance/visits', { quarter: query.quarter }, signal);

export const fetchReports = (halfYear: string, signal?: AbortSignal) =>
  apiGet<ReportList>('/api/performance/reports', { halfYear }, signal);

export const scoreReport = (id: number, scores: Record<string, number>) =>
  apiRequest<HalfYearReport>(`/api/performance/reports/${id}/score`, { method: 'PUT', body: { scores } });

export const fetchAssessment = (subject: AssessmentSubject, period: string, signal?: AbortSignal) =>
  apiGet<AssessmentTable>('/api/performance/assessment', { subject, period }, signal);

export const fetchTemplates = (signal?: AbortSignal) =>
  apiGet<TemplateList>('/api/performance/templates', undefined, signal);

export const saveTemplate = (body: TemplateSave) =>
  apiRequest<Template>('/api/performance/templates', { method: 'PUT', body });

export const enterManualValue = (body: ManualValueEntry) =>
  apiRequest<null>('/api/performance/manual-values', { method: 'PUT', body });

export const fetchRubrics = (signal?: AbortSignal) =>
  apiGet<{ rubrics: Rubric[] }>('/api/performance/rubrics', undefined, signal);

export const createRubric = (body: RubricCreate) => apiPost<Rubric>('/api/performance/rubrics', body);

export const submitReport = (body: ReportSubmit) => apiPost<HalfYearReport>('/api/performance/reports', body);

export const logVisit = (body: VisitCreate) => apiPost<Visit>('/api/performance/visits', body);

export const linkLiaison = (body: LiaisonLink) =>
  apiRequest<null>('/api/performance/liaisons', { method: 'PUT', body });

// What the forms pick from: staff (people), communities (territory), case categories (cases).

export const fetchStaff = (filter: { kind?: string; placeId?: number }, signal?: AbortSignal) =>
  apiGet<StaffPage>('/api/people/staff', { ...filter, limit: 100 }, signal);

export const fetchCommunities = async (signal?: AbortSignal) => {
  const tree = await apiGet<TreeResponse>('/api/territory/tree', undefined, signal);
  return tree.nodes.filter((n) => n.level === 'community');
};

export const fetchCategories = (signal?: AbortSignal) =>
  apiGet<CaseCategoryCatalogue>('/api/cases/categories', undefined, signal);
