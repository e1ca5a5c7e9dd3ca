import type {
  Appointment,
  AppointmentPage,
  AppointmentReminderList,
  ResidentPage,
  ServiceItemPage,
  ServiceRequest,
  ServiceRequestPage,
  ServiceSitePage,
  SiteSchedule,
  Slot,
  StewardRequest,
  StewardRequestPage,
  StewardServiceKind,
  StewardStats,
  StewardVisit,
  StewardVisitCreate,
  StewardVisitPage,
} from '#contracts';
import { apiGet, apiPost } from '../../../app/api.ts';

/** The services and stewards routes (contracts: services.ts, stewards.ts; server: modules/services). */

/** Residents in the worker's places by name, for the desk (people's route; phone and ID stay masked). */
export const findResidentsByName = (q: string, signal?: AbortSignal) =>
  apiGet<ResidentPage>('/api/people/residents', { q, limit: 20 }, signal);

export const fetchItems = (query: { q?: string; bookable?: boolean; limit?: number }, signal?: AbortSignal) =>
  apiGet<ServiceItemPage>(
    '/api/services/items',
    {
      q: query.q || undefined,
      bookable: query.bookable === undefined ? undefined : String(query.bookable),
      limit: query.limit ?? 50,
    },
    signal,
  );
export const fetchSites = (query: { kind?: string; placeId?: number | null }, signal?: AbortSignal) =>
  apiGet<ServiceSitePage>(
    '/api/services/sites',
    { kind: query.kind, placeId: query.placeId ?? undefined, limit: 500 },
    signal,
  );
export const fetchSlots = (
  query: { siteId: number; itemId?: number; from?: string; to?: string },
  signal?: AbortSignal,
) => apiGet<{ slots: Slot[] }>('/api/services/slots', query, signal);
export const fetchSchedule = (siteId: number, date: string, signal?: AbortSignal) =>
  apiGet<SiteSchedule>(`/api/services/sites/${siteId}/schedule`, { date }, signal);

export const fetchAppointments = (signal?: AbortSignal) =>
  apiGet<AppointmentPage>('/api/services/appointments', { limit: 100 }, signal);
export const bookSlot = (slotId: number, residentId?: number) =>
  apiPost<Appointment>('/api/services/appointments', residentId ? { slotId, residentId } : { slotId });
export const cancelAppointment = (id: number) =>
  apiPost<Appointment>(`/api/services/appointments/${id}/cancel`, {});
export const markAppointment = (id: number, status: 'attended' | 'no-show') =>
  apiPost<Appointment>(`/api/services/appointments/${id}/${status}`, {});
export const fetchReminders = (signal?: AbortSignal) =>
  apiGet<AppointmentReminderList>('/api/services/reminders', undefined, signal);

export const fetchRequests = (query: { status?: string }, signal?: AbortSignal) =>
  apiGet<ServiceRequestPage>('/api/services/requests', { status: query.status, limit: 100 }, signal);
export const fetchRequest = (id: number, signal?: AbortSignal) =>
  apiGet<ServiceRequest>(`/api/services/requests/${id}`, undefined, signal);
export const takeRequest = (body: {
  itemId: number;
  residentId: number;
  siteId: number;
  materials: string[];
  note?: string;
}) => apiPost<ServiceRequest>('/api/services/requests', body);
export const acceptRequest = (id: number) =>
  apiPost<ServiceRequest>(`/api/services/requests/${id}/accept`, {});
export const completeRequest = (id: number, result: string) =>
  apiPost<ServiceRequest>(`/api/services/requests/${id}/complete`, { result });
export const rateRequest = (id: number, rating: number, comment?: string) =>
  apiPost<ServiceRequest>(`/api/services/requests/${id}/rate`, comment ? { rating, comment } : { rating });

export const fetchStewardRequests = (query: { status?: string; mine?: boolean }, signal?: AbortSignal) =>
  apiGet<StewardRequestPage>(
    '/api/stewards/requests',
    { status: query.status, mine: query.mine ? 'true' : undefined, limit: 100 },
    signal,
  );
export const askSteward = (body: { kind: StewardServiceKind; description: string; residentId?: number }) =>
  apiPost<StewardRequest>('/api/stewards/requests', body);
export const moveStewardRequest = (id: number, move: 'take' | 'confirm' | 'cancel') =>
  apiPost<StewardRequest>(`/api/stewards/requests/${id}/${move}`, {});
export const completeStewardRequest = (id: number, result: string) =>
  apiPost<StewardRequest>(`/api/stewards/requests/${id}/complete`, { result });
export const fetchStewardStats = (signal?: AbortSignal) =>
  apiGet<StewardStats>('/api/stewards/stats', undefined, signal);
export const fetchStewardVisits = (signal?: AbortSignal) =>
  apiGet<StewardVisitPage>('/api/stewards/visits', { limit: 20 }, signal);
export const recordVisit = (body: StewardVisitCreate) => apiPost<StewardVisit>('/api/stewards/visits', body);
