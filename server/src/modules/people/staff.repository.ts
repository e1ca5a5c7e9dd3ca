import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { PlaceLevel, Role, StaffKind } from '#contracts';
import type { Db, StaffMemberTable } from './people.table.ts';
import { type Viewer, withinScope } from './people-scope.ts';
import { escapeLike } from './resident.repository.ts';

/** Queries of staff members and their postings (定岗). */

export type StaffMemberRow = Selectable<StaffMemberTable> & {
  account_username: string | null;
  account_role: Role | null;
};

export interface PostingRow {
  id: number;
  staff_member_id: number;
  place_id: number | null;
  place_level: PlaceLevel | null;
  place_code: string | null;
  place_name: string | null;
  building_id: number | null;
  department_id: number | null;
  title: string;
  starts_on: string;
  ends_on: string | null;
}

export interface StaffFilter {
  /** Staff currently posted at or below this place (any level; a building counts as its unit). */
  placeId?: number | undefined;
  kind?: StaffKind | undefined;
  /** Part of the name. */
  name?: string | undefined;
}

/**
 * Whether staff member `s` is visible: the whole jurisdiction sees everyone; any other scope sees
 * those whose current posting lies inside it (a building posting lies in the building's unit).
 */
function openPostingWhere(viewer: Viewer, placeId: number | undefined): RawBuilder<boolean> {
  const scope =
    viewer.scope.level === 'jurisdiction'
      ? sql<boolean>`true`
      : withinScope(viewer, { place: 'pl', building: 'p.building_id', department: 'p.department_id' });
  const under =
    placeId === undefined
      ? sql<boolean>`true`
      : sql<boolean>`coalesce(${placeId} in (pl.id, pl.grid_id, pl.community_id, pl.subdistrict_id), false)`;
  return sql<boolean>`exists (
    select 1 from posting p
    left join territory_building pb on pb.jurisdiction_id = p.jurisdiction_id and pb.id = p.building_id
    left join territory_place pl on pl.jurisdiction_id = p.jurisdiction_id and pl.id = coalesce(p.place_id, pb.unit_id)
    where p.jurisdiction_id = s.jurisdiction_id and p.staff_member_id = s.id and p.ends_on is null
      and ${scope} and ${under})`;
}

function staffVisibleTo(db: Db, viewer: Viewer, placeId?: number) {
  let query = db.selectFrom('staff_member as s').where('s.jurisdiction_id', '=', viewer.jurisdictionId);
  if (viewer.scope.level !== 'jurisdiction' || placeId !== undefined) {
    query = query.where(openPostingWhere(viewer, placeId));
  }
  return query;
}

export async function findStaffPage(
  db: Db,
  options: { viewer: Viewer; filter: StaffFilter; limit: number; offset: number },
): Promise<{ total: number; rows: StaffMemberRow[] }> {
  const { filter } = options;
  let query = staffVisibleTo(db, options.viewer, filter.placeId);
  if (filter.kind) query = query.where('s.kind', '=', filter.kind);
  if (filter.name) query = query.where('s.name', 'like', `%${escapeLike(filter.name)}%`);
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await query
    .leftJoin('account as a', (join) =>
      join.onRef('a.jurisdiction_id', '=', 's.jurisdiction_id').onRef('a.id', '=', 's.account_id'),
    )
    .selectAll('s')
    .select(['a.username as account_username', 'a.role as account_role'])
    .orderBy('s.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return { total: Number(count?.n ?? 0), rows };
}

/** Locks a staff member's row until the transaction ends (a posting change in progress). */
export async function lockStaffMember(db: Db, jurisdictionId: number, id: number): Promise<void> {
  await db
    .selectFrom('staff_member')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .forUpdate()
    .execute();
}

export async function findStaffMember(
  db: Db,
  jurisdictionId: number,
  id: number,
): Promise<StaffMemberRow | undefined> {
  return db
    .selectFrom('staff_member as s')
    .leftJoin('account as a', (join) =>
      join.onRef('a.jurisdiction_id', '=', 's.jurisdiction_id').onRef('a.id', '=', 's.account_id'),
    )
    .selectAll('s')
    .select(['a.username as account_username', 'a.role as account_role'])
    .where('s.jurisdiction_id', '=', jurisdictionId)
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/** Staff members visible to the viewer, by kind. */
export async function countStaffByKind(db: Db, viewer: Viewer): Promise<Map<StaffKind, number>> {
  const rows = await staffVisibleTo(db, viewer)
    .select(['s.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('s.kind')
    .execute();
  return new Map(rows.map((row) => [row.kind, Number(row.n)]));
}

// ---- postings -----------------------------------------------------------------------------------

function postingsWithPlace(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('posting as p')
    .leftJoin('territory_place as pl', (join) =>
      join.onRef('pl.jurisdiction_id', '=', 'p.jurisdiction_id').onRef('pl.id', '=', 'p.place_id'),
    )
    .select([
      'p.id',
      'p.staff_member_id',
      'p.place_id',
      'pl.level as place_level',
      'pl.code as place_code',
      'pl.name as place_name',
      'p.building_id',
      'p.department_id',
      'p.title',
      sql<string>`p.starts_on::text`.as('starts_on'),
      sql<string | null>`p.ends_on::text`.as('ends_on'),
    ])
    .where('p.jurisdiction_id', '=', jurisdictionId);
}

/** The postings of these staff members, newest first. */
export async function findPostings(
  db: Db,
  jurisdictionId: number,
  staffIds: number[],
): Promise<PostingRow[]> {
  if (staffIds.length === 0) return [];
  return postingsWithPlace(db, jurisdictionId)
    .where('p.staff_member_id', 'in', staffIds)
    .orderBy('p.starts_on', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

/** A staff member's current posting, with the place chain it lies in (a building's is its unit's). */
export async function findOpenPosting(
  db: Db,
  jurisdictionId: number,
  staffId: number,
): Promise<(PostingRow & { place_chain: number[] }) | undefined> {
  const row = await postingsWithPlace(db, jurisdictionId)
    .leftJoin('territory_building as pb', (join) =>
      join.onRef('pb.jurisdiction_id', '=', 'p.jurisdiction_id').onRef('pb.id', '=', 'p.building_id'),
    )
    .leftJoin('territory_place as loc', (join) =>
      join
        .onRef('loc.jurisdiction_id', '=', 'p.jurisdiction_id')
        .on('loc.id', '=', sql<number>`coalesce(p.place_id, pb.unit_id)`),
    )
    .select(['loc.id as loc_id', 'loc.grid_id as loc_grid_id', 'loc.community_id as loc_community_id'])
    .select('loc.subdistrict_id as loc_subdistrict_id')
    .where('p.staff_member_id', '=', staffId)
    .where('p.ends_on', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { loc_id, loc_grid_id, loc_community_id, loc_subdistrict_id, ...posting } = row;
  const chain = [loc_id, loc_grid_id, loc_community_id, loc_subdistrict_id];
  return { ...posting, place_chain: chain.filter((id): id is number => id !== null) };
}

export async function closePosting(db: Db, jurisdictionId: number, postingId: number, endsOn: string) {
  await db
    .updateTable('posting')
    .set({ ends_on: endsOn })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', postingId)
    .execute();
}

export async function insertPosting(
  db: Db,
  posting: {
    jurisdictionId: number;
    staffMemberId: number;
    placeId?: number | null;
    buildingId?: number | null;
    departmentId?: number | null;
    title: string;
    startsOn: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('posting')
    .values({
      jurisdiction_id: posting.jurisdictionId,
      staff_member_id: posting.staffMemberId,
      place_id: posting.placeId ?? null,
      building_id: posting.buildingId ?? null,
      department_id: posting.departmentId ?? null,
      title: posting.title,
      starts_on: posting.startsOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A place a staff member may be posted to: its level, whether current, and its chain. */
export async function findPostingPlace(db: Db, jurisdictionId: number, placeId: number) {
  return db
    .selectFrom('territory_place')
    .select(['id', 'level', 'code', 'name', 'valid_to', 'grid_id', 'community_id', 'subdistrict_id'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', placeId)
    .executeTakeFirst();
}
