import { z } from 'zod';
import { Role } from './access.ts';
import { peopleLimits } from './limits.ts';

/**
 * People (队伍与居民): staff and their postings, residents and households with personal data,
 * and the party structure. Phone and ID numbers arrive masked (`138****5678`, `370***********1234`)
 * unless the viewer's role may see them or the record was unmasked with a reason.
 */

/** Kinds of staff (队伍). */
export const StaffKind = z.enum([
  'community_worker', // 社区工作者 (= 专职网格员, 定岗网格)
  'property_staff', // 物业工作人员 (网格助理员)
  'building_head', // 楼栋长 (网格助理员)
  'volunteer', // 社区志愿者 (网格助理员)
  'part_time_worker', // 兼职网格员: couriers, riders, e-commerce
  'steward', // 善治红管家
  'community_secretary', // 社区书记
  'community_staff', // 社区工作人员
  'subdistrict_staff',
  'department_staff',
  'city_leader',
  'grid_leader', // 网格/楼栋带头人
]);
export type StaffKind = z.infer<typeof StaffKind>;

/** Resident tags used by services. */
export const ResidentTag = z.enum([
  'elderly_alone',
  'elderly',
  'disabled',
  'low_income',
  'veteran',
  'child_left_behind',
  'floating',
  'key_care',
]);
export type ResidentTag = z.infer<typeof ResidentTag>;

export const PlaceBrief = z.object({
  id: z.number().int(),
  level: z.string(),
  code: z.string(),
  name: z.string(),
});
export type PlaceBrief = z.infer<typeof PlaceBrief>;

export const Posting = z.object({
  id: z.number().int(),
  place: PlaceBrief.nullable(),
  buildingId: z.number().int().nullable(),
  departmentId: z.number().int().nullable(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});
export type Posting = z.infer<typeof Posting>;

export const StaffMember = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: StaffKind,
  /** Masked unless the viewer may see it. */
  phone: z.string().nullable(),
  /** Present only for roles that may see party membership. */
  partyMember: z.boolean().optional(),
  accountUsername: z.string().nullable(),
  accountRole: Role.nullable(),
  postings: z.array(Posting),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffQuery = z.object({
  placeId: z.coerce.number().int().positive().optional(),
  kind: StaffKind.optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(peopleLimits.maxPageSize).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type StaffQuery = z.infer<typeof StaffQuery>;
export const StaffPage = z.object({ total: z.number().int(), staff: z.array(StaffMember) });
export type StaffPage = z.infer<typeof StaffPage>;

export const MovePostingRequest = z.object({
  /** The grid (or other place) the worker moves to. */
  placeId: z.number().int().positive(),
  startsOn: z.iso.date(),
  reason: z.string().trim().min(1).max(peopleLimits.maxReasonLength),
});
export type MovePostingRequest = z.infer<typeof MovePostingRequest>;

export const HouseholdBrief = z.object({
  id: z.number().int(),
  code: z.string(),
  doorNumber: z.string(),
  building: z.object({ id: z.number().int(), name: z.string() }),
  unit: PlaceBrief,
  grid: PlaceBrief,
  community: PlaceBrief,
});
export type HouseholdBrief = z.infer<typeof HouseholdBrief>;

export const Resident = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  birthYear: z.number().int().nullable(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  /** Whether phone and ID number above are shown in full. */
  unmasked: z.boolean(),
  tags: z.array(ResidentTag),
  /** Present only for roles that may see party membership. */
  partyMember: z.boolean().optional(),
  household: HouseholdBrief,
});
export type Resident = z.infer<typeof Resident>;

/**
 * Resident filters: the query string of GET /api/people/residents, or the body of
 * POST /api/people/residents/search. Prefer the POST for `phone` and `idNumber`: a body keeps
 * personal data out of URLs (browser history, proxy logs); the server redacts them from its own logs.
 */
export const ResidentQuery = z.object({
  placeId: z.coerce.number().int().positive().optional(),
  householdId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  /** Exact phone or ID number: matched through a keyed hash, never a plaintext column. */
  phone: z.string().trim().max(20).optional(),
  idNumber: z.string().trim().max(18).optional(),
  tag: ResidentTag.optional(),
  limit: z.coerce.number().int().min(1).max(peopleLimits.maxPageSize).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ResidentQuery = z.infer<typeof ResidentQuery>;
/** The body of POST /api/people/residents/search: the same filters as ResidentQuery. */
export const ResidentSearch = ResidentQuery;
export const ResidentPage = z.object({ total: z.number().int(), residents: z.array(Resident) });
export type ResidentPage = z.infer<typeof ResidentPage>;

export const ResidentCreate = z.object({
  householdId: z.number().int().positive(),
  name: z.string().trim().min(1).max(peopleLimits.maxNameLength),
  gender: z.enum(['male', 'female']).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, 'an 11-digit mobile number')
    .optional(),
  /** 18-character resident ID number; its check digit is verified (GB 11643): 422 people.invalid_id_number. */
  idNumber: z.string().trim().max(32).toUpperCase().optional(),
  tags: z.array(ResidentTag).max(peopleLimits.maxTags).default([]),
  partyMember: z.boolean().default(false),
});
export type ResidentCreate = z.infer<typeof ResidentCreate>;

/** A household with the residents the viewer may see (personal data masked as in `Resident`). */
export const HouseholdDetail = HouseholdBrief.extend({
  residents: z.array(Resident.omit({ household: true })),
});
export type HouseholdDetail = z.infer<typeof HouseholdDetail>;

export const UnmaskRequest = z.object({
  reason: z.string().trim().min(peopleLimits.minUnmaskReasonLength).max(peopleLimits.maxReasonLength),
});
export type UnmaskRequest = z.infer<typeof UnmaskRequest>;
export const UnmaskResult = z.object({ phone: z.string().nullable(), idNumber: z.string().nullable() });
export type UnmaskResult = z.infer<typeof UnmaskResult>;

export const PartyQuery = z.object({ gridId: z.coerce.number().int().positive() });
export type PartyQuery = z.infer<typeof PartyQuery>;

export const PartyStructure = z.object({
  grid: PlaceBrief,
  /** 网格党支部 */
  branch: z.object({ id: z.number().int(), name: z.string(), secretary: z.string().nullable() }).nullable(),
  /** 楼栋党小组 */
  buildingGroups: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      building: z.object({ id: z.number().int(), name: z.string() }),
      leader: z.string().nullable(),
      members: z.number().int(),
    }),
  ),
  /** 党员中心户, each linked to 5–10 neighbouring households (党员联四邻) */
  anchorHouseholds: z.array(
    z.object({
      id: z.number().int(),
      household: z.object({ id: z.number().int(), doorNumber: z.string(), building: z.string() }),
      member: z.string(),
      linkedHouseholds: z.array(
        z.object({ id: z.number().int(), doorNumber: z.string(), building: z.string() }),
      ),
    }),
  ),
});
export type PartyStructure = z.infer<typeof PartyStructure>;

export const PeopleSummary = z.object({
  communityWorkers: z.number().int(),
  gridAssistants: z.number().int(),
  partTimeWorkers: z.number().int(),
  stewards: z.number().int(),
  gridLeaders: z.number().int(),
  buildingPartyGroups: z.number().int(),
  anchorHouseholds: z.number().int(),
  residents: z.number().int(),
  households: z.number().int(),
});
export type PeopleSummary = z.infer<typeof PeopleSummary>;

/** What a resident downloads of their own data (PIPL art. 45): the record, and who unmasked it. */
export const SelfExport = z.object({
  exportedAt: z.string(),
  resident: Resident,
  /** Each time staff revealed this record's phone or ID number, with the reason they gave. */
  unmaskings: z.array(
    z.object({ at: z.string(), actor: z.string(), role: z.string().nullable(), reason: z.string() }),
  ),
});
export type SelfExport = z.infer<typeof SelfExport>;
