import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role, ScopeLevel } from '#contracts';
import { signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { errorCodeSpec } from '../../platform/errors.ts';
import { idNumberCheckCharacter } from '../../platform/personal-data.ts';
import type { PeopleModule } from './index.ts';
import {
  createPeopleFixtures,
  linkResidentToAccount,
  type PeopleFixtures,
} from './testing/people-fixtures.ts';
import { buildPeopleTestApp } from './testing/people-test-app.ts';
import { findSecrets, ResponseLog } from './testing/response-log.ts';

type Who = { label: string; headers: Record<string, string>; accountId: number };

describeOnEngines('people API', (database) => {
  let app: App;
  let people: PeopleModule;
  let f: PeopleFixtures;
  let log: ResponseLog;
  const logLines: string[] = [];
  const secrets: string[] = [];
  let admin: Who;
  let secretary: Who;
  let gridWorker: Who;
  let residentLogin: Who;

  const signIn = async (role: Role, level: ScopeLevel, id: number | null): Promise<Who> => {
    const signedIn = await signInAs(app, database(), {
      jurisdictionId: f.territory.jurisdictionId,
      role,
      scope: { level, id },
    });
    return { label: role, headers: signedIn.headers, accountId: signedIn.accountId };
  };
  const get = (who: Who, url: string) => log.request(who, 'GET', url);
  const post = (who: Who, url: string, body: object) => log.request(who, 'POST', url, body);
  const grid = (i: number) => f.territory.grids[i] as { id: number };
  const residentIn = (g: number) =>
    f.residents.find((r) => r.gridIndex === g) as PeopleFixtures['residents'][0];
  const householdIn = (g: number) =>
    f.households.find((h) => h.gridIndex === g) as PeopleFixtures['households'][0];
  const validId = (first17: string) => first17 + idNumberCheckCharacter(first17);
  const auditOf = (action: string, subjectId: number) =>
    database()
      .db.selectFrom('audit_event')
      .select(['actor', 'role', 'result', 'details', 'request_id'])
      .where('jurisdiction_id', '=', f.territory.jurisdictionId)
      .where('action', '=', action)
      .where('subject_id', '=', String(subjectId))
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    ({ app, people } = await buildPeopleTestApp(database(), { logLines }));
    f = await createPeopleFixtures(database().db, people.cipher);
    secrets.push(...f.secrets);
    log = new ResponseLog(app);
    admin = await signIn('admin', 'jurisdiction', null);
    secretary = await signIn('community_secretary', 'community', f.territory.communities[0]?.id ?? null);
    gridWorker = await signIn('grid_worker', 'grid', grid(0).id);
    residentLogin = await signIn('resident', 'self', null);
    await linkResidentToAccount(database().db, {
      jurisdictionId: f.territory.jurisdictionId,
      residentId: residentIn(0).id,
      accountId: residentLogin.accountId,
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('registers a resident with phone and ID number encrypted, birth year and sex read from the ID, answered masked', async () => {
    const idNumber = validId('37068119580704002');
    secrets.push(idNumber, '13905350001');
    const response = await post(gridWorker, '/api/people/residents', {
      householdId: householdIn(0).id,
      name: '曲秀英',
      phone: '13905350001',
      idNumber,
      tags: ['elderly', 'elderly_alone'],
      partyMember: true,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      name: '曲秀英',
      gender: 'female',
      birthYear: 1958,
      phone: '139****0001',
      idNumber: `370***********${idNumber.slice(-4)}`,
      unmasked: false,
      tags: ['elderly', 'elderly_alone'],
      household: { id: householdIn(0).id, grid: { id: grid(0).id } },
    });
    expect(body).not.toHaveProperty('partyMember');
    const row = await people.db
      .selectFrom('resident')
      .selectAll()
      .where('jurisdiction_id', '=', f.territory.jurisdictionId)
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.party_member).toBe(true);
    expect(row.phone_enc).toMatch(/^v1:/);
    expect(people.cipher.decrypt('id_number', row.id_number_enc as string)).toBe(idNumber);
    expect(row.id_number_hash).toBe(people.cipher.hash('id_number', idNumber));
    const [audit] = await auditOf('people.create_resident', body.id);
    expect(audit).toMatchObject({
      actor: expect.stringContaining('grid_worker'),
      role: 'grid_worker',
      result: 'ok',
    });
    expect(JSON.stringify(audit?.details)).not.toContain('1390535');
  });

  it('refuses an invalid ID number with 422 people.invalid_id_number, naming the problem and not the number', async () => {
    const first17 = '37068119580704002';
    const wrongCheck = idNumberCheckCharacter(first17) === '0' ? '1' : '0';
    for (const [idNumber, problem] of [
      [`${first17}${wrongCheck}`, 'check_digit'],
      [validId('37068119580230002'), 'birth_date'],
      ['37068119580704', 'length'],
    ] as const) {
      const response = await post(gridWorker, '/api/people/residents', {
        householdId: householdIn(0).id,
        name: '测试',
        idNumber,
      });
      expect(response.statusCode, idNumber).toBe(422);
      const { error } = response.json();
      expect(error.code).toBe('people.invalid_id_number');
      expect(error.details).toEqual({ problem });
      expect(error.message).not.toContain(idNumber);
    }
  });

  it('keeps a grid worker out of another grid through every route that could reveal it', async () => {
    const other = residentIn(1);
    const otherHousehold = householdIn(1);
    const notFound = {
      code: 'platform.not_found',
      message: 'Resident not found',
      messageZh: errorCodeSpec('platform.not_found')?.zh,
    };
    expect((await get(gridWorker, `/api/people/residents/${other.id}`)).json().error).toEqual(notFound);
    expect((await get(gridWorker, `/api/people/households/${otherHousehold.id}`)).statusCode).toBe(404);
    const unmask = await post(gridWorker, `/api/people/residents/${other.id}/unmask`, { reason: '好奇' });
    expect(unmask.json().error).toEqual(notFound);
    const create = await post(gridWorker, '/api/people/residents', {
      householdId: otherHousehold.id,
      name: '甲',
    });
    expect(create.statusCode).toBe(404);
    for (const url of [
      `/api/people/residents?householdId=${otherHousehold.id}`,
      `/api/people/residents?placeId=${grid(1).id}`,
      `/api/people/staff?placeId=${grid(1).id}`,
    ]) {
      expect((await get(gridWorker, url)).json().total, url).toBe(0);
    }
    const byName = (
      await get(gridWorker, `/api/people/residents?q=${encodeURIComponent(other.name)}`)
    ).json();
    expect(byName.residents.map((r: { id: number }) => r.id)).not.toContain(other.id);
    for (const search of [{ phone: other.phone }, { idNumber: other.idNumber }]) {
      expect((await post(gridWorker, '/api/people/residents/search', search)).json()).toEqual({
        total: 0,
        residents: [],
      });
    }
    const summary = (await get(gridWorker, '/api/people/summary')).json();
    const ownGrid = f.residents.filter((r) => r.gridIndex === 0).length;
    expect(summary.residents).toBe(ownGrid + 1); // and the one registered above
    expect(summary.households).toBe(4);
  });

  it('finds a resident by exact phone or ID number in a search body, keeping them out of the URL', async () => {
    const own = residentIn(0);
    for (const search of [
      { phone: own.phone },
      { idNumber: own.idNumber.toLowerCase() },
      { q: own.name, phone: '' },
    ]) {
      const found = (await post(gridWorker, '/api/people/residents/search', search)).json();
      expect(found.residents.map((r: { id: number }) => r.id)).toContain(own.id);
    }
  });

  it('unmasks one record for a reason, audited with that reason; a refused unmask is audited too', async () => {
    const own = residentIn(0);
    const response = await post(gridWorker, `/api/people/residents/${own.id}/unmask`, {
      reason: '入户走访核实',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ phone: own.phone, idNumber: own.idNumber });
    const audits = await auditOf('people.unmask_resident', own.id);
    expect(audits.at(-1)).toMatchObject({
      role: 'grid_worker',
      result: 'ok',
      details: { reason: '入户走访核实', fields: ['phone', 'idNumber'] },
      request_id: expect.any(String),
    });
    const other = residentIn(1);
    const refused = await auditOf('people.unmask_resident', other.id);
    expect(refused.map((a) => [a.result, (a.details as { reason: string }).reason])).toEqual([
      ['denied', '好奇'],
    ]);
    const staff = await signIn('community_staff', 'community', f.territory.communities[0]?.id ?? null);
    const forbidden = await post(staff, `/api/people/residents/${own.id}/unmask`, { reason: '查看' });
    expect(forbidden.statusCode).toBe(403);
  });

  it('lets a resident see and export their own record, with who unmasked it, audited as an export', async () => {
    const own = residentIn(0);
    const me = await get(residentLogin, '/api/people/me');
    expect(me.json()).toMatchObject({ id: own.id, phone: own.phone, idNumber: own.idNumber, unmasked: true });
    expect(me.json()).toHaveProperty('partyMember');
    const exported = await get(residentLogin, '/api/people/me/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toBe('attachment; filename="my-data.json"');
    const body = exported.json();
    expect(body.resident.household.id).toBe(own.householdId);
    expect(body.unmaskings).toEqual([
      expect.objectContaining({ reason: '入户走访核实', role: 'grid_worker', actor: expect.any(String) }),
    ]);
    const [audit] = await auditOf('people.export_own_data', own.id);
    expect(audit).toMatchObject({ role: 'resident', result: 'ok' });
    const stranger = await signIn('resident', 'self', null);
    const none = await get(stranger, '/api/people/me');
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('people.no_resident_record');
  });

  it('shows a grid’s party structure: branch, building group and anchor household with its neighbours', async () => {
    const body = (await get(secretary, `/api/people/party?gridId=${grid(0).id}`)).json();
    const worker = f.staff.find((s) => s.kind === 'community_worker' && s.gridIndex === 0);
    expect(body.grid.id).toBe(grid(0).id);
    expect(body.branch).toMatchObject({ name: '第1网格党支部', secretary: worker?.name });
    expect(body.buildingGroups).toEqual([
      expect.objectContaining({
        building: { id: f.buildingIds[0], name: '1号楼' },
        leader: residentIn(0).name,
      }),
    ]);
    expect(body.anchorHouseholds[0]).toMatchObject({
      household: { id: residentIn(0).householdId },
      member: residentIn(0).name,
    });
    expect(body.anchorHouseholds[0].linkedHouseholds).toHaveLength(3);
  });

  it('moves a worker to another grid: the old posting closes, the new opens, the worker’s next request sees the new grid', async () => {
    const worker = f.staff.find((s) => s.kind === 'community_worker' && s.gridIndex === 0);
    const login = await signIn('grid_worker', 'grid', grid(0).id);
    await people.db
      .updateTable('staff_member')
      .set({ account_id: login.accountId })
      .where('jurisdiction_id', '=', f.territory.jurisdictionId)
      .where('id', '=', worker?.id as number)
      .execute();
    const before = (await get(login, '/api/people/residents?limit=100')).json();
    expect(
      before.residents.every(
        (r: { household: { grid: { id: number } } }) => r.household.grid.id === grid(0).id,
      ),
    ).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    const moved = await post(admin, `/api/people/staff/${worker?.id}/postings`, {
      placeId: grid(1).id,
      startsOn: today,
      reason: '网格调整',
    });
    expect(moved.statusCode).toBe(201);
    const postings = moved.json().postings;
    expect(postings[0]).toMatchObject({
      place: { id: grid(1).id, level: 'grid' },
      startsOn: today,
      endsOn: null,
    });
    expect(postings[1]).toMatchObject({ place: { id: grid(0).id }, endsOn: today });
    expect(moved.json().accountUsername).toBeTruthy();

    const after = (await get(login, '/api/people/residents?limit=100')).json();
    expect(after.total).toBe(f.residents.filter((r) => r.gridIndex === 1).length);
    expect(
      after.residents.every(
        (r: { household: { grid: { id: number } } }) => r.household.grid.id === grid(1).id,
      ),
    ).toBe(true);
    const me = (await get(login, '/api/auth/me')).json();
    expect(me.scope).toEqual({ level: 'grid', id: grid(1).id });
    const [audit] = await auditOf('people.move_posting', worker?.id as number);
    expect(audit?.details).toMatchObject({
      fromPlaceId: grid(0).id,
      toPlaceId: grid(1).id,
      reason: '网格调整',
      accountScope: { level: 'grid', id: grid(1).id },
    });
  });

  it('refuses a posting to the wrong level, in the future, or before the current one started', async () => {
    const worker = f.staff.find((s) => s.kind === 'community_worker' && s.gridIndex === 3);
    const url = `/api/people/staff/${worker?.id}/postings`;
    const community = await post(admin, url, {
      placeId: f.territory.communities[1]?.id,
      startsOn: '2025-06-01',
      reason: '调整',
    });
    expect(community.statusCode).toBe(422);
    expect(community.json().error).toMatchObject({
      code: 'people.invalid_posting_place',
      details: { allowedLevels: ['grid'] },
    });
    for (const startsOn of ['2099-01-01', '2024-12-31']) {
      const response = await post(admin, url, { placeId: grid(2).id, startsOn, reason: '调整' });
      expect(response.json().error.code, startsOn).toBe('people.invalid_posting_date');
    }
    expect(
      (
        await post(admin, '/api/people/staff/999999999/postings', {
          placeId: grid(2).id,
          startsOn: '2025-06-01',
          reason: '调整',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('lists the staff directory by place with postings, phones masked, party membership only for party roles', async () => {
    const forSecretary = (await get(secretary, `/api/people/staff?placeId=${grid(1).id}`)).json();
    expect(forSecretary.staff.map((s: { kind: string }) => s.kind).sort()).toEqual([
      'community_worker',
      'community_worker',
      'steward',
    ]);
    for (const member of forSecretary.staff) {
      expect(member).toHaveProperty('partyMember');
      expect(member.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
      expect(member.postings.length).toBeGreaterThan(0);
    }
    const forWorker = (await get(gridWorker, '/api/people/staff?kind=steward')).json();
    expect(forWorker.staff).toHaveLength(1);
    expect(forWorker.staff[0]).not.toHaveProperty('partyMember');
  });

  it('stores no plaintext phone or ID number in any text or JSON column of any table', async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`.execute(database().db);
    expect(columns.rows.length).toBeGreaterThan(30);
    const patterns = [...new Set(secrets)].map((s) => `%${s}%`);
    const found: string[] = [];
    for (const { table_name, column_name } of columns.rows) {
      const result = await sql<{ n: number }>`
        select count(*) as n from ${sql.table(table_name)}
        where ${sql.ref(column_name)}::text like any (${patterns}::text[])`.execute(database().db);
      if (Number(result.rows[0]?.n) > 0) found.push(`${table_name}.${column_name}`);
    }
    expect(found).toEqual([]);
  });

  it('wrote no plaintext phone or ID number to the log, and sent none but on unmask and to its owner', () => {
    expect(logLines.length).toBeGreaterThan(50);
    expect(findSecrets(logLines.join('\n'), secrets)).toEqual([]);
    expect(log.leaks(secrets)).toEqual([]);
  });
});
