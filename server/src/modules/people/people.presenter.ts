import type {
  HouseholdBrief,
  HouseholdDetail,
  PartyStructure,
  PlaceBrief,
  Posting,
  Resident,
  Role,
  StaffMember,
} from '#contracts';
import { hasPermission } from '../../platform/access.ts';
import {
  maskIdNumber,
  maskPhone,
  type PersonalDataCipher,
  type PersonalField,
} from '../../platform/personal-data.ts';
import type { HouseholdRow } from './household.repository.ts';
import type { ResidentRow } from './resident.repository.ts';
import type { PostingRow, StaffMemberRow } from './staff.repository.ts';

/**
 * The only way people rows leave the server, and the one place personal data is masked: phone and
 * ID numbers are decrypted here only to be masked, unless the view is a resident's own record.
 * Fields a view may not see are left out of the object, not emptied.
 */

export interface PersonalDataView {
  cipher: PersonalDataCipher;
  /** Party membership is shown (roles with party.read, and a resident's own record). */
  partyMember: boolean;
  /** Phone and ID number in full (a resident's own record only). */
  unmasked: boolean;
}

/** What a staff account sees: everything masked, party membership only with party.read. */
export function staffView(role: Role, cipher: PersonalDataCipher): PersonalDataView {
  return { cipher, partyMember: hasPermission(role, 'party.read'), unmasked: false };
}

/** What a resident sees of their own record: all of it. */
export function ownRecordView(cipher: PersonalDataCipher): PersonalDataView {
  return { cipher, partyMember: true, unmasked: true };
}

function reveal(
  view: PersonalDataView,
  field: PersonalField,
  ciphertext: string | null,
  mask: (value: string) => string,
): string | null {
  if (ciphertext === null) return null;
  const value = view.cipher.decrypt(field, ciphertext);
  return view.unmasked ? value : mask(value);
}

function partyField(view: PersonalDataView, partyMember: boolean): { partyMember?: boolean } {
  return view.partyMember ? { partyMember } : {};
}

export function presentHouseholdBrief(row: HouseholdRow): HouseholdBrief {
  return {
    id: row.id,
    code: row.code,
    doorNumber: row.door_number,
    building: { id: row.building_id, name: row.building_name },
    unit: { id: row.unit_id, level: 'unit', code: row.unit_code, name: row.unit_name },
    grid: { id: row.grid_id, level: 'grid', code: row.grid_code, name: row.grid_name },
    community: {
      id: row.community_id,
      level: 'community',
      code: row.community_code,
      name: row.community_name,
    },
  };
}

export function presentHouseholdMember(
  row: ResidentRow,
  view: PersonalDataView,
): Omit<Resident, 'household'> {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    birthYear: row.birth_year,
    phone: reveal(view, 'phone', row.phone_enc, maskPhone),
    idNumber: reveal(view, 'id_number', row.id_number_enc, maskIdNumber),
    unmasked: view.unmasked,
    tags: row.tags,
    ...partyField(view, row.party_member),
  };
}

export function presentResident(row: ResidentRow, household: HouseholdRow, view: PersonalDataView): Resident {
  return { ...presentHouseholdMember(row, view), household: presentHouseholdBrief(household) };
}

export function presentHousehold(
  household: HouseholdRow,
  residents: ResidentRow[],
  view: PersonalDataView,
): HouseholdDetail {
  return {
    ...presentHouseholdBrief(household),
    residents: residents.map((row) => presentHouseholdMember(row, view)),
  };
}

export function presentPosting(row: PostingRow): Posting {
  const place: PlaceBrief | null =
    row.place_id !== null && row.place_level !== null
      ? { id: row.place_id, level: row.place_level, code: row.place_code ?? '', name: row.place_name ?? '' }
      : null;
  return {
    id: row.id,
    place,
    buildingId: row.building_id,
    departmentId: row.department_id,
    title: row.title,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  };
}

export function presentStaffMember(
  row: StaffMemberRow,
  postings: PostingRow[],
  view: PersonalDataView,
): StaffMember {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    phone: reveal(view, 'phone', row.phone_enc, maskPhone),
    ...partyField(view, row.party_member),
    accountUsername: row.account_username,
    accountRole: row.account_role,
    postings: postings.map(presentPosting),
  };
}

type Row<T> = T extends readonly (infer R)[] ? R : never;

export function presentPartyStructure(input: {
  grid: PlaceBrief;
  branch: { id: number; name: string; secretary: string | null } | undefined;
  groups: {
    id: number;
    name: string;
    building_id: number;
    building_name: string;
    leader: string | null;
    member_count: number;
  }[];
  anchors: { id: number; household_id: number; door_number: string; building: string; member: string }[];
  links: { anchor_id: number; id: number; door_number: string; building: string }[];
}): PartyStructure {
  const linksOf = new Map<number, Row<PartyStructure['anchorHouseholds']>['linkedHouseholds']>();
  for (const link of input.links) {
    const list = linksOf.get(link.anchor_id) ?? [];
    list.push({ id: link.id, doorNumber: link.door_number, building: link.building });
    linksOf.set(link.anchor_id, list);
  }
  return {
    grid: input.grid,
    branch: input.branch ?? null,
    buildingGroups: input.groups.map((group) => ({
      id: group.id,
      name: group.name,
      building: { id: group.building_id, name: group.building_name },
      leader: group.leader,
      members: group.member_count,
    })),
    anchorHouseholds: input.anchors.map((anchor) => ({
      id: anchor.id,
      household: { id: anchor.household_id, doorNumber: anchor.door_number, building: anchor.building },
      member: anchor.member,
      linkedHouseholds: linksOf.get(anchor.id) ?? [],
    })),
  };
}
