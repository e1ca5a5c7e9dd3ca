import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role, ScopeLevel } from '#contracts';
import { signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { errorCodeSpec } from '../../platform/errors.ts';
import { idNumberCheckCharacter } from '../../platform/personal-data.ts';
import {
  createPeopleFixtures,
  fixtureCovers,
  type Located,
  linkResidentToAccount,
  type PeopleFixtures,
} from './testing/people-fixtures.ts';
import { buildPeopleTestApp } from './testing/people-test-app.ts';
import { ResponseLog } from './testing/response-log.ts';

/**
 * The authorization matrix: every role × every resource kind × read/write, on 2 communities × 2
 * grids × 2 departments, against the policy declared below (not read from the code). ✓ means
 * allowed inside the role's scope: what lies outside answers 404 and is missing from lists,
 * searches and counts; — means refused (403) whatever the record.
 */
const ACTIONS = [
  'staff.read',
  'staff.write',
  'resident.read',
  'resident.write',
  'resident.unmask',
  'household.read',
  'party.read',
  'summary.read',
  'self.read',
] as const;
type Action = (typeof ACTIONS)[number];

// biome-ignore format: the declared policy reads as a table
const DECLARED: [Role, ScopeLevel, string][] = [
  //                                       staff  res         house party summ self
  //                                       r  w   r  w  unm   r     r     r    r
  ['admin',               'jurisdiction', '✓  ✓   ✓  ✓  ✓     ✓     ✓     ✓    —'],
  ['city_leader',         'jurisdiction', '✓  —   ✓  —  —     ✓     ✓     ✓    —'],
  ['subdistrict_staff',   'subdistrict',  '✓  —   ✓  ✓  —     ✓     ✓     ✓    —'],
  ['community_secretary', 'community',    '✓  —   ✓  ✓  ✓     ✓     ✓     ✓    —'],
  ['community_staff',     'community',    '✓  —   ✓  ✓  —     ✓     —     ✓    —'],
  ['grid_worker',         'grid',         '✓  —   ✓  ✓  ✓     ✓     —     ✓    —'],
  ['grid_assistant',      'grid',         '—  —   ✓  —  —     ✓     —     —    —'],
  ['part_time_worker',    'community',    '—  —   —  —  —     —     —     —    —'],
  ['steward',             'building',     '—  —   ✓  —  —     ✓     —     —    —'],
  ['department_staff',    'department',   '—  —   —  —  —     —     —     —    —'],
  ['resident',            'self',         '—  —   —  —  —     —     —     —    ✓'],
];

function declared(row: string): Record<Action, boolean> {
  const marks = row.split(/\s+/).filter(Boolean);
  return Object.fromEntries(ACTIONS.map((action, i) => [action, marks[i] === '✓'])) as Record<
    Action,
    boolean
  >;
}

interface Actor {
  role: Role;
  label: string;
  headers: Record<string, string>;
  scope: {
    level: ScopeLevel;
    communityIndex: number;
    gridIndex: number;
    buildingId?: number;
    departmentIndex: number;
  };
  can: Record<Action, boolean>;
}

describeOnEngines('people access matrix', (database) => {
  let app: App;
  let f: PeopleFixtures;
  let log: ResponseLog;
  const actors: Actor[] = [];
  let ownResidentId: number;

  beforeAll(async () => {
    const built = await buildPeopleTestApp(database());
    app = built.app;
    f = await createPeopleFixtures(database().db, built.people.cipher);
    log = new ResponseLog(app);
    const { territory } = f;
    // Every scope is the first of its kind: community 0, grid 0, the building of grid 0, department 0.
    const scopeIds: Record<ScopeLevel, number | null> = {
      jurisdiction: null,
      subdistrict: territory.subdistrict.id,
      community: territory.communities[0]?.id ?? null,
      grid: territory.grids[0]?.id ?? null,
      building: f.buildingIds[0] ?? null,
      department: f.departmentIds[0] ?? null,
      self: null,
    };
    for (const [role, level, row] of DECLARED) {
      const signedIn = await signInAs(app, database(), {
        jurisdictionId: territory.jurisdictionId,
        role,
        scope: { level, id: scopeIds[level] },
      });
      actors.push({
        role,
        label: `${role}@${level}`,
        headers: signedIn.headers,
        scope: {
          level,
          communityIndex: 0,
          gridIndex: 0,
          departmentIndex: 0,
          ...(f.buildingIds[0] ? { buildingId: f.buildingIds[0] } : {}),
        },
        can: declared(row),
      });
      if (role === 'resident') {
        ownResidentId = f.residents[0]?.id as number;
        await linkResidentToAccount(database().db, {
          jurisdictionId: territory.jurisdictionId,
          residentId: ownResidentId,
          accountId: signedIn.accountId,
        });
      }
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const sees = (actor: Actor, item: Located) => fixtureCovers(actor.scope, item);
  const get = (actor: Actor, url: string) => log.request(actor, 'GET', url);
  const post = (actor: Actor, url: string, body: object) => log.request(actor, 'POST', url, body);
  const expectRefused = (response: { statusCode: number; json(): { error: { code: string } } }) => {
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('access.forbidden');
  };

  it('declares every role once', () => {
    expect(new Set(DECLARED.map(([role]) => role)).size).toBe(DECLARED.length);
    expect(DECLARED).toHaveLength(11);
  });

  it('lists exactly the staff each scope covers (staff.read)', async () => {
    for (const actor of actors) {
      const response = await get(actor, '/api/people/staff?limit=100');
      if (!actor.can['staff.read']) {
        expectRefused(response);
        continue;
      }
      expect(response.statusCode, actor.label).toBe(200);
      const body = response.json();
      const expected = f.staff.filter((s) => sees(actor, s)).map((s) => s.id);
      expect(body.staff.map((s: { id: number }) => s.id).sort(), actor.label).toEqual(expected.sort());
      expect(body.total, actor.label).toBe(expected.length);
      for (const member of body.staff) {
        expect('partyMember' in member, actor.label).toBe(actor.can['party.read']);
        expect(member.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
      }
    }
  });

  it('shows and refuses each resident and household by scope (resident.read, household.read)', async () => {
    for (const actor of actors) {
      for (const resident of f.residents) {
        const response = await get(actor, `/api/people/residents/${resident.id}`);
        if (!actor.can['resident.read']) expectRefused(response);
        else if (sees(actor, resident)) {
          expect(response.statusCode, `${actor.label} resident ${resident.id}`).toBe(200);
          expect('partyMember' in response.json()).toBe(actor.can['party.read']);
        } else {
          expect(response.statusCode, `${actor.label} resident ${resident.id}`).toBe(404);
          expect(response.json().error).toEqual({
            code: 'platform.not_found',
            message: 'Resident not found',
            messageZh: errorCodeSpec('platform.not_found')?.zh,
          });
        }
      }
      for (const household of f.households) {
        const response = await get(actor, `/api/people/households/${household.id}`);
        if (!actor.can['household.read']) expectRefused(response);
        else if (sees(actor, household)) {
          expect(response.statusCode, `${actor.label} household ${household.id}`).toBe(200);
          expect(response.json().residents.map((r: { id: number }) => r.id)).toEqual(household.residentIds);
        } else {
          expect(response.statusCode, `${actor.label} household ${household.id}`).toBe(404);
        }
      }
    }
  });

  it('finds only residents in scope, by list, place, household, name, exact phone and ID number', async () => {
    for (const actor of actors) {
      const list = await get(actor, '/api/people/residents?limit=100');
      if (!actor.can['resident.read']) {
        expectRefused(list);
        continue;
      }
      const visible = f.residents.filter((r) => sees(actor, r));
      expect(list.json().total, actor.label).toBe(visible.length);
      expect(list.json().residents.map((r: { id: number }) => r.id)).toEqual(visible.map((r) => r.id));
      for (const resident of f.residents) {
        const expected = sees(actor, resident) ? [resident.id] : [];
        for (const query of [
          `householdId=${resident.householdId}`,
          `q=${encodeURIComponent(resident.name)}&householdId=${resident.householdId}`,
        ]) {
          const found = (await get(actor, `/api/people/residents?${query}`)).json();
          expect(
            found.residents.map((r: { id: number }) => r.id),
            `${actor.label} ${query}`,
          ).toEqual(expected);
          expect(found.total).toBe(expected.length);
        }
        for (const search of [{ phone: resident.phone }, { idNumber: resident.idNumber.toLowerCase() }]) {
          const found = (await post(actor, '/api/people/residents/search', search)).json();
          expect(
            found.residents.map((r: { id: number }) => r.id),
            `${actor.label} search`,
          ).toEqual(expected);
          expect(found.total).toBe(expected.length);
        }
      }
      for (const [g, grid] of f.territory.grids.entries()) {
        const found = (await get(actor, `/api/people/residents?placeId=${grid.id}&limit=100`)).json();
        const expected = visible.filter((r) => r.gridIndex === g).map((r) => r.id);
        expect(
          found.residents.map((r: { id: number }) => r.id),
          `${actor.label} grid ${g}`,
        ).toEqual(expected);
      }
    }
  });

  it('unmasks only residents in scope, for roles that may (resident.unmask)', async () => {
    for (const actor of actors) {
      for (const resident of f.residents) {
        const response = await post(actor, `/api/people/residents/${resident.id}/unmask`, {
          reason: '核实走访对象身份',
        });
        if (!actor.can['resident.unmask']) expectRefused(response);
        else if (sees(actor, resident)) {
          expect(response.statusCode, `${actor.label} unmask ${resident.id}`).toBe(200);
          expect(response.json()).toEqual({ phone: resident.phone, idNumber: resident.idNumber });
        } else {
          expect(response.statusCode, `${actor.label} unmask ${resident.id}`).toBe(404);
        }
      }
    }
  });

  it('shows the party structure of grids in scope only (party.read)', async () => {
    for (const actor of actors) {
      for (const [g, grid] of f.territory.grids.entries()) {
        const response = await get(actor, `/api/people/party?gridId=${grid.id}`);
        const located = {
          id: grid.id,
          gridIndex: g,
          communityIndex: Math.floor(g / 2),
          buildingId: null,
          departmentIndex: null,
        };
        if (!actor.can['party.read']) expectRefused(response);
        else if (sees(actor, located)) {
          expect(response.statusCode, `${actor.label} party ${g}`).toBe(200);
          const body = response.json();
          expect(body.buildingGroups).toHaveLength(1);
          expect(body.anchorHouseholds[0].linkedHouseholds).toHaveLength(3);
        } else {
          expect(response.statusCode, `${actor.label} party ${g}`).toBe(404);
        }
      }
    }
  });

  it('counts only what the scope covers (summary.read)', async () => {
    for (const actor of actors) {
      const response = await get(actor, '/api/people/summary');
      if (!actor.can['summary.read']) {
        expectRefused(response);
        continue;
      }
      const count = (items: Located[]) => items.filter((item) => sees(actor, item)).length;
      const householdsSeen = count(f.households);
      expect(response.json(), actor.label).toEqual({
        communityWorkers: count(f.staff.filter((s) => s.kind === 'community_worker')),
        gridAssistants: 0,
        partTimeWorkers: 0,
        stewards: count(f.staff.filter((s) => s.kind === 'steward')),
        gridLeaders: 0,
        buildingPartyGroups: householdsSeen / 4,
        anchorHouseholds: householdsSeen / 4,
        residents: count(f.residents),
        households: householdsSeen,
      });
    }
  });

  it('gives a resident their own record and nothing else (self.read)', async () => {
    for (const actor of actors) {
      const response = await get(actor, '/api/people/me');
      if (!actor.can['self.read']) {
        expectRefused(response);
        continue;
      }
      expect(response.statusCode).toBe(200);
      const own = f.residents[0];
      expect(response.json()).toMatchObject({
        id: ownResidentId,
        phone: own?.phone,
        idNumber: own?.idNumber,
      });
      expect((await get(actor, '/api/people/me/export')).statusCode).toBe(200);
    }
  });

  it('registers residents only in households in scope (resident.write)', async () => {
    let serial = 0;
    for (const actor of actors) {
      for (const household of f.households.filter((_, i) => i % 4 === 0)) {
        serial += 1;
        const first17 = `37068119800101${String(100 + serial).padStart(3, '0')}`;
        const response = await post(actor, '/api/people/residents', {
          householdId: household.id,
          name: `新居民${serial}`,
          idNumber: first17 + idNumberCheckCharacter(first17),
        });
        if (!actor.can['resident.write']) expectRefused(response);
        else if (sees(actor, household)) {
          expect(response.statusCode, `${actor.label} create in ${household.id}`).toBe(201);
          expect(response.json().idNumber).toMatch(/^370\*{11}\d{3}[\dX]$/);
        } else expect(response.statusCode, `${actor.label} create in ${household.id}`).toBe(404);
      }
    }
  });

  it('moves postings only for roles that may (staff.write)', async () => {
    const worker = f.staff.find((s) => s.kind === 'community_worker' && s.gridIndex === 1);
    const grid = f.territory.grids[1];
    for (const actor of actors) {
      const response = await post(actor, `/api/people/staff/${worker?.id}/postings`, {
        placeId: grid?.id,
        startsOn: new Date().toISOString().slice(0, 10),
        reason: '岗位调整',
      });
      if (!actor.can['staff.write']) expectRefused(response);
      else expect(response.statusCode, actor.label).toBe(201);
    }
  });

  it('leaked no full phone or ID number in any response but unmask and a resident’s own record', () => {
    expect(log.entries.length).toBeGreaterThan(1000);
    expect(log.leaks(f.secrets)).toEqual([]);
  });
});
