import { z } from 'zod';

/**
 * Roles (who), scopes (where) and permissions (what). The policy that joins them lives on the
 * server (`*.policy.ts` per module); `GET /api/auth/me` tells the web which permissions an account
 * has, so menus follow the policy instead of repeating it.
 */
export const Role = z.enum([
  'admin', // 系统管理员: the whole jurisdiction
  'city_leader', // 市级领导: reads the whole jurisdiction
  'subdistrict_staff', // 街道工作人员
  'community_secretary', // 社区书记
  'community_staff', // 社区工作人员
  'grid_worker', // 网格员 / 社区工作者 (定岗网格)
  'grid_assistant', // 网格助理员: property staff, building heads, volunteers
  'part_time_worker', // 兼职网格员: couriers and riders registered at a community
  'steward', // 善治红管家, attached to buildings
  'department_staff', // 部门工作人员: answers what is dispatched to the department
  'resident', // 居民: their own records
]);
export type Role = z.infer<typeof Role>;

export const ScopeLevel = z.enum([
  'jurisdiction',
  'subdistrict',
  'community',
  'grid',
  'building',
  'department',
  'self',
]);
export type ScopeLevel = z.infer<typeof ScopeLevel>;

/** Where an account may act: a place (by id), its department, or only its own records. */
export const Scope = z.object({ level: ScopeLevel, id: z.number().int().nullable() });
export type Scope = z.infer<typeof Scope>;

export const Permission = z.enum([
  'territory.read',
  'territory.write',
  'people.read', // staff directory and postings
  'people.write', // postings, accounts
  'residents.read', // residents and households, personal data masked
  'residents.write',
  'residents.unmask', // reveal one record's phone / ID number, with a reason (audited)
  'party.read', // party membership and structure
  'audit.read',
  'self.read', // a resident's own records and export
  'cases.report', // report a case (随手拍) and, as its reporter, rate it
  'cases.read', // cases in one's scope (own reports for residents and riders, tasks for departments)
  'cases.handle', // the field moves of the closed loop
  'cases.supervise', // urge (督办), reassign, change category or location
  'cases.import', // import 12345 hotline work orders from a spreadsheet
  'cases.measures', // the measures (考核指标) of the places or department in one's scope, and their export
  'cases.configure', // the category catalogue and responsibility list (案件分类, 权责清单)
  'calendar.manage', // the working calendar: holidays and make-up working days per year (节假日安排)
  'deliberation.read', // grid council matters in one's scope, and their printable records
  'deliberation.manage', // open matters, post, record meetings and paper ballots, complete steps
  'deliberation.vote', // a resident: vote for their household and comment, in their grid
  'deliberation.configure', // edit the jurisdiction's deliberation template
  'services.read', // the service catalogue, sites and slots; requests in one's scope (residents: their own)
  'services.intake', // take a request at a window for any item (一窗受理)
  'services.handle', // accept and complete requests routed to one's place or department
  'services.rate', // rate one's own finished request
  'stewards.ask', // ask a steward for one of the six basic services (residents; workers for them)
  'stewards.read', // steward requests and visits in one's scope (residents: their own), counts
  'stewards.serve', // a steward: take, do and record a request of their building or grid; visits
  'appointments.book', // book, move, cancel (residents their own; workers on a resident's behalf)
  'appointments.manage', // a site's hours and slots, its day schedule, no-shows
  'accountability.read', // the battle map: tasks, who has not reported, the quarter's flags
  'accountability.report', // the lead unit's Monday report on its task, a milestone done
  'accountability.manage', // create tasks; compute, override and publish the quarter's flags
  'accountability.subscribe', // a leader's subscriptions to units and their inbox of published flags
  'performance.read', // pledges, liaison visits and compliance, half-year reports, assessment tables
  'performance.pledge', // a secretary's breakthrough project and pledges, fulfilment claimed with evidence
  'performance.review', // accept or send back a pledge (level above); score half-year reports
  'performance.liaison', // a leader's visit to their linked community
  'performance.report', // a community secretary's half-year report
  'performance.manage', // liaison links, rubrics, assessment templates, manual values
]);
export type Permission = z.infer<typeof Permission>;

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  /** The 6-digit code of the authenticator app, where the account has TOTP. */
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Me = z.object({
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scope: Scope,
  /** The scope's place or department name, for the header. */
  scopeName: z.string().nullable(),
  permissions: z.array(Permission),
  mustChangePassword: z.boolean(),
  /** An administrator who must set up the second factor before anything else. */
  mustSetUpTotp: z.boolean(),
  /** Whether sign-in asks this account for a TOTP code. */
  totpEnabled: z.boolean(),
  /** Send back as X-CSRF-Token on every write. */
  csrfToken: z.string(),
  sessionExpiresAt: z.string(),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const DemoAccount = z.object({
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scope: Scope,
  scopeName: z.string().nullable(),
});
export type DemoAccount = z.infer<typeof DemoAccount>;

export const AuditQuery = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  subjectType: z.string().max(64).optional(),
  subjectId: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  role: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  result: z.string(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = z.object({ total: z.number().int(), entries: z.array(AuditEntry) });

export const TotpSetup = z.object({
  /** Base32 secret, for typing into an authenticator app. */
  secret: z.string(),
  /** otpauth:// URI, for a QR code. */
  uri: z.string(),
});
export const TotpCode = z.object({ code: z.string().regex(/^\d{6}$/, 'six digits') });
export const TotpDisableRequest = z.object({ password: z.string().min(1).max(128) });
