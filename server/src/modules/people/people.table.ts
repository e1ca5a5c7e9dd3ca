import type { ColumnType, Generated, Kysely } from 'kysely';
import type { ResidentTag, StaffKind } from '#contracts';
import type { Database } from '../../db/schema.ts';

/**
 * Row types of the tables the people module owns. Phone and ID numbers exist here only as
 * ciphertext (`*_enc`) and keyed hash (`*_hash`); presenters decrypt and mask them per viewer.
 */

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** A `date` column: written as YYYY-MM-DD; repositories read it back with `::text`. */
type DateColumn = ColumnType<string, string, string>;

export interface StaffMemberTable {
  jurisdiction_id: number;
  id: Generated<number>;
  name: string;
  kind: StaffKind;
  phone_enc: string | null;
  phone_hash: string | null;
  party_member: ColumnType<boolean, boolean | undefined>;
  account_id: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** 定岗: at most one of place, building and department; none for jurisdiction-wide posts. */
export interface PostingTable {
  jurisdiction_id: number;
  id: Generated<number>;
  staff_member_id: number;
  place_id: number | null;
  building_id: number | null;
  department_id: number | null;
  title: string;
  starts_on: DateColumn;
  ends_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ResidentTable {
  jurisdiction_id: number;
  id: Generated<number>;
  household_id: number;
  name: string;
  gender: 'male' | 'female' | null;
  birth_year: number | null;
  phone_enc: string | null;
  phone_hash: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  tags: ColumnType<ResidentTag[], ResidentTag[] | undefined, ResidentTag[]>;
  party_member: ColumnType<boolean, boolean | undefined>;
  account_id: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** 网格党支部 */
export interface PartyBranchTable {
  jurisdiction_id: number;
  id: Generated<number>;
  grid_id: number;
  name: string;
  secretary_staff_member_id: number | null;
}

/** 楼栋党小组 */
export interface PartyGroupTable {
  jurisdiction_id: number;
  id: Generated<number>;
  building_id: number;
  name: string;
  leader_resident_id: number | null;
  member_count: ColumnType<number, number | undefined>;
}

/** 党员中心户 */
export interface PartyAnchorHouseholdTable {
  jurisdiction_id: number;
  id: Generated<number>;
  household_id: number;
  member_resident_id: number;
}

/** 党员联四邻: a household an anchor household looks after. */
export interface PartyAnchorLinkTable {
  jurisdiction_id: number;
  anchor_id: number;
  household_id: number;
}

export interface PeopleTables {
  staff_member: StaffMemberTable;
  posting: PostingTable;
  resident: ResidentTable;
  party_branch: PartyBranchTable;
  party_group: PartyGroupTable;
  party_anchor_household: PartyAnchorHouseholdTable;
  party_anchor_link: PartyAnchorLinkTable;
}

/** The database as the people module sees it (the app's Database plus these tables). */
export type Db = Kysely<Database & PeopleTables>;

/** The app's database handle typed with these tables too (a no-op once db/schema.ts composes them). */
export function withPeopleTables(db: Kysely<Database>): Db {
  return db.withTables<{ [T in keyof PeopleTables]: PeopleTables[T] }>();
}
