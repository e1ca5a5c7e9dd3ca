import { type Kysely, sql } from 'kysely';
import type { StaffKind } from '#contracts';
import type { Database } from '../../../db/schema.ts';
import { type Actor, recordAudit } from '../../../platform/audit.ts';
import { idNumberCheckCharacter, type PersonalDataCipher } from '../../../platform/personal-data.ts';
import { updateAccountScope } from '../../access/index.ts';
import { type Db, withPeopleTables } from '../people.table.ts';
import type { PeopleDemoAnchors } from './generate-people.ts';
import { LONGKOU_DIVISION } from './identities.ts';

/**
 * Gives each demo login a person: the staff member posted where the login is scoped (grid1 is
 * the community worker of the first demo grid …), named as the login's display name says, and
 * the `resident` login a resident record of its own (self-service). Idempotent.
 */

interface StaffLink {
  username: string;
  kind: StaffKind;
  name: string;
  post: (anchors: PeopleDemoAnchors, scopeId: number | null) => { column: PostColumn; id: number } | null;
}
type PostColumn = 'place_id' | 'building_id' | 'department_id';

const STAFF_LINKS: StaffLink[] = [
  { username: 'grid1', kind: 'community_worker', name: '刘洋', post: (a) => at('place_id', a.gridIds[0]) },
  { username: 'grid2', kind: 'community_worker', name: '陈静', post: (a) => at('place_id', a.gridIds[1]) },
  { username: 'assistant', kind: 'building_head', name: '赵建国', post: (a) => at('place_id', a.gridIds[0]) },
  { username: 'rider', kind: 'part_time_worker', name: '孙浩', post: (a) => at('place_id', a.communityId) },
  { username: 'steward', kind: 'steward', name: '周桂兰', post: (a) => at('building_id', a.buildingId) },
  {
    username: 'secretary',
    kind: 'community_secretary',
    name: '郭红梅',
    post: (a) => at('place_id', a.communityId),
  },
  {
    username: 'community',
    kind: 'community_staff',
    name: '张敏',
    post: (a) => at('place_id', a.communityId),
  },
  {
    username: 'subdistrict',
    kind: 'subdistrict_staff',
    name: '李伟',
    post: (a) => at('place_id', a.subdistrictId),
  },
  {
    username: 'department',
    kind: 'department_staff',
    name: '吴磊',
    post: (_a, scopeId) => (scopeId === null ? null : at('department_id', scopeId)),
  },
  { username: 'leader', kind: 'city_leader', name: '王志强', post: () => null },
];

/** The `resident` login's own record: 马大爷 of the demo building, born 1950. */
const SELF_RESIDENT = { username: 'resident', name: '马德福', birth: '19500315', sequence: '051' } as const;

function at(column: PostColumn, id: number) {
  return { column, id };
}

export async function linkDemoAccountsToPeople(
  db: Kysely<Database>,
  options: {
    jurisdictionId: number;
    anchors: PeopleDemoAnchors;
    cipher: PersonalDataCipher;
    now: Date;
    actor?: Actor;
  },
): Promise<string[]> {
  return withPeopleTables(db)
    .transaction()
    .execute((trx) => linkAccounts(trx, options));
}

async function linkAccounts(
  trx: Db,
  options: {
    jurisdictionId: number;
    anchors: PeopleDemoAnchors;
    cipher: PersonalDataCipher;
    now: Date;
    actor?: Actor;
  },
): Promise<string[]> {
  const { jurisdictionId } = options;
  const accounts = await trx
    .selectFrom('account')
    .select(['id', 'username', 'scope_id'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('is_demo', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('staff_member as s')
            .select('s.id')
            .whereRef('s.jurisdiction_id', '=', 'account.jurisdiction_id')
            .whereRef('s.account_id', '=', 'account.id'),
        ),
      ),
    )
    .execute();
  const linked: string[] = [];
  for (const link of STAFF_LINKS) {
    const account = accounts.find((a) => a.username === link.username);
    if (!account) continue;
    const staffId = await findUnlinkedStaff(
      trx,
      jurisdictionId,
      link.kind,
      link.post(options.anchors, account.scope_id),
    );
    if (staffId === undefined) continue;
    await trx
      .updateTable('staff_member')
      .set({ name: link.name, account_id: account.id, updated_at: options.now })
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('id', '=', staffId)
      .execute();
    linked.push(link.username);
  }
  const resident = accounts.find((a) => a.username === SELF_RESIDENT.username);
  if (resident && (await linkSelfResident(trx, { ...options, accountId: resident.id }))) {
    linked.push(SELF_RESIDENT.username);
  }
  if (linked.length > 0) {
    await recordAudit(trx, options.actor ?? { id: 'seed' }, {
      jurisdictionId,
      action: 'people.link_demo_accounts',
      subjectType: 'account',
      details: { accounts: linked },
    });
  }
  return linked;
}

async function findUnlinkedStaff(
  trx: Db,
  jurisdictionId: number,
  kind: StaffKind,
  post: { column: PostColumn; id: number } | null,
): Promise<number | undefined> {
  let query = trx
    .selectFrom('staff_member as s')
    .innerJoin('posting as p', (join) =>
      join.onRef('p.jurisdiction_id', '=', 's.jurisdiction_id').onRef('p.staff_member_id', '=', 's.id'),
    )
    .select('s.id')
    .where('s.jurisdiction_id', '=', jurisdictionId)
    .where('s.kind', '=', kind)
    .where('s.account_id', 'is', null)
    .where('p.ends_on', 'is', null);
  if (post) query = query.where(`p.${post.column}`, '=', post.id);
  const row = await query.orderBy('s.id').limit(1).executeTakeFirst();
  return row?.id;
}

/** Makes the first resident of the demo building the `resident` login's own record. */
async function linkSelfResident(
  trx: Db,
  options: {
    jurisdictionId: number;
    anchors: PeopleDemoAnchors;
    cipher: PersonalDataCipher;
    now: Date;
    accountId: number;
  },
): Promise<boolean> {
  const { jurisdictionId, cipher } = options;
  const already = await trx
    .selectFrom('resident')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('account_id', '=', options.accountId)
    .executeTakeFirst();
  if (already) return false;
  const row = await sql<{ id: number }>`
    select r.id from resident r
    join territory_household h on h.jurisdiction_id = r.jurisdiction_id and h.id = r.household_id
    where r.jurisdiction_id = ${jurisdictionId} and h.building_id = ${options.anchors.buildingId}
      and r.account_id is null
    order by h.code, r.id
    limit 1`.execute(trx);
  const residentId = row.rows[0]?.id;
  if (residentId === undefined) return false;
  const first17 = `${LONGKOU_DIVISION}${SELF_RESIDENT.birth}${SELF_RESIDENT.sequence}`;
  const idNumber = first17 + idNumberCheckCharacter(first17);
  await trx
    .updateTable('resident')
    .set({
      name: SELF_RESIDENT.name,
      gender: 'male',
      birth_year: Number(SELF_RESIDENT.birth.slice(0, 4)),
      id_number_enc: cipher.encrypt('id_number', idNumber),
      id_number_hash: cipher.hash('id_number', idNumber),
      tags: ['elderly'],
      account_id: options.accountId,
      updated_at: options.now,
    })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', residentId)
    .execute();
  await updateAccountScope(
    trx,
    { jurisdiction_id: jurisdictionId, id: options.accountId },
    { level: 'self', id: null },
    options.now,
  );
  return true;
}

/** Records the demo's e2e tests and pages start from; null until the people demo and its logins exist. */
export async function findPeopleDemoAnchors(db: Kysely<Database>): Promise<{
  jurisdictionId: number;
  /** The `resident` login's own record and household. */
  residentId: number;
  householdId: number;
  /** The community worker the `grid1` login is. */
  gridWorkerStaffId: number;
} | null> {
  const result = await sql<{
    jurisdiction_id: number;
    resident_id: number;
    household_id: number;
    staff_id: number | null;
  }>`
    select r.jurisdiction_id, r.id as resident_id, r.household_id,
           (select s.id from staff_member s join account g
              on g.jurisdiction_id = s.jurisdiction_id and g.id = s.account_id and g.username = 'grid1'
            where s.jurisdiction_id = r.jurisdiction_id) as staff_id
    from resident r
    join account a on a.jurisdiction_id = r.jurisdiction_id and a.id = r.account_id
    where a.username = ${SELF_RESIDENT.username} and a.is_demo
    limit 1`.execute(db);
  const row = result.rows[0];
  if (!row || row.staff_id === null) return null;
  return {
    jurisdictionId: row.jurisdiction_id,
    residentId: row.resident_id,
    householdId: row.household_id,
    gridWorkerStaffId: row.staff_id,
  };
}
