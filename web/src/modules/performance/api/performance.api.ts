import type {
  AssessmentSubject,
  AssessmentTable,
  HalfYearReport,
  LiaisonCompliance,
  Pledge,
  PledgeClaim,
  PledgeList,
  PledgeReview,
  PledgeStanding,
  ReportList,
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
