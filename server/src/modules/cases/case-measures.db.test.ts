import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type CaseEventRequest,
  type CaseMeasureLevel,
  type CaseMeasures,
  CaseReportRequest,
  type Role,
  type Scope,
} from '#contracts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import type { Principal } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { FakeClock } from '../../platform/clock.ts';
import { hashPassword, insertAccounts } from '../access/index.ts';
import { mulberry32 } from '../territory/demo/random.ts';
import { buildCategoryCatalogue } from './case.categories.ts';
import type { CaseState, DepartmentTask, Rating } from './case.lifecycle.ts';
import type { CasesModule } from './cases.module.ts';
import { findCaseMeasures } from './find-case-measures.service.ts';
import { rebuildCaseMeasures } from './maintain-case-measures.service.ts';
import { moveCase } from './move-case.service.ts';
import { reportCase } from './report-case.service.ts';
import { buildCasesTestApp, seedCaseReferenceData } from './testing/cases-test-app.ts';

/**
 * The maintained measures on a real database: random walks of cases through reportCase and moveCase
 * (every kind of move, a fake clock that makes some steps late, reassignments and relocations that
 * change grid, changes of category) leave roll-ups equal to the direct GROUP BY over the cases and
 * to a rebuild from the timelines; the walk (… 不满意 → reopened → fixed → 满意 → closed)
 * counts its case exactly once; the route answers within the viewer's scope, and as Excel.
 */

const catalogue = buildCategoryCatalogue();
const normal = catalogue.categories.filter((c) => c.kind === 'event' && !c.urgent && c.department === 'ZHZF');
const urgent = catalogue.categories.find((c) => c.urgent);
const [CATEGORY, OTHER_CATEGORY] = normal;
if (!CATEGORY || !OTHER_CATEGORY || !urgent) throw new Error('the catalogue lacks the test categories');
const CATEGORIES = [CATEGORY.code, OTHER_CATEGORY.code, urgent.code];
const DEPARTMENTS = ['ZHZF', 'SCJG', 'JTJ'];
const LEVELS: CaseMeasureLevel[] = ['city', 'subdistrict', 'community', 'grid', 'department'];
const HOUR = 3_600_000;

describeOnEngines('case measures', (database) => {
  let app: App;
  let cases: CasesModule;
  let clock: FakeClock;
  let passwordHash: string;

  beforeAll(async () => {
    const built = await buildCasesTestApp(database());
    app = built.app;
    cases = built.cases;
    clock = built.clock;
    passwordHash = await hashPassword('Test-Passw0rd-2229');
  });
  afterAll(async () => {
    await app.close();
  });

  /** A fresh jurisdiction with its staff as principals (services are called directly: no sessions to idle out). */
  async function setUp() {
    const t = await createTestTerritory(database().db, {
      communities: 2,
      gridsPerCommunity: 2,
      unitsPerGrid: 2,
    });
    const departmentIds = await seedCaseReferenceData(database().db, t.jurisdictionId);
    const chainOf = (scope: Scope): number[] => {
      if (scope.level === 'grid') {
        const grid = t.grids.find((g) => g.id === scope.id);
        return [scope.id ?? 0, grid?.community_id ?? 0, t.subdistrict.id];
      }
      if (scope.level === 'community') return [scope.id ?? 0, t.subdistrict.id];
      if (scope.level === 'subdistrict') return [t.subdistrict.id];
      return [];
    };
    let n = 0;
    const principal = async (role: Role, scope: Scope): Promise<Principal> => {
      n += 1;
      const username = `${role}-${process.pid}-${n}-${crypto.randomBytes(3).toString('hex')}`;
      const [row] = await insertAccounts(database().db, [
        {
          jurisdictionId: t.jurisdictionId,
          username,
          displayName: username,
          role,
          scopeLevel: scope.level,
          scopeId: scope.id,
          passwordHash,
          now: new Date(),
        },
      ]);
      if (!row) throw new Error('no account');
      return {
        accountId: row.id,
        jurisdictionId: t.jurisdictionId,
        username,
        displayName: username,
        role,
        scope,
        scopeChain: chainOf(scope),
        csrfToken: 'x',
        sessionId: 'x',
        mustChangePassword: false,
        mustSetUpTotp: false,
      };
    };
    const gridWorkers = new Map<number, Principal>();
    for (const grid of t.grids)
      gridWorkers.set(grid.id, await principal('grid_worker', { level: 'grid', id: grid.id }));
    const communityStaff = new Map<number, Principal>();
    for (const community of t.communities) {
      communityStaff.set(
        community.id,
        await principal('community_staff', { level: 'community', id: community.id }),
      );
    }
    const departments = new Map<string, Principal>();
    for (const code of DEPARTMENTS) {
      departments.set(
        code,
        await principal('department_staff', { level: 'department', id: departmentIds.get(code) ?? null }),
      );
    }
    return {
      t,
      departmentIds,
      admin: await principal('admin', { level: 'jurisdiction', id: null }),
      resident: await principal('resident', { level: 'self', id: null }),
      rider: await principal('part_time_worker', { level: 'community', id: t.communities[0]?.id ?? null }),
      subdistrictStaff: await principal('subdistrict_staff', { level: 'subdistrict', id: t.subdistrict.id }),
      gridWorkers,
      communityStaff,
      departments,
    };
  }
  type World = Awaited<ReturnType<typeof setUp>>;

  const actor = (p: Principal): Actor => ({ id: String(p.accountId), role: p.role });
  const pointIn = (t: TestTerritory, unit: number) => {
    const box = t.unitBoxes[unit];
    if (!box) throw new Error(`no unit ${unit}`);
    return { lng: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 };
  };

  async function report(w: World, reporter: Principal, unit: number, categoryCode: string, now: Date) {
    const point = pointIn(w.t, unit);
    const located = await cases.territory.locate(w.t.jurisdictionId, point.lng, point.lat);
    const calendar = await cases.calendarFor(w.t.jurisdictionId);
    const result = await cases.db.transaction().execute((trx) =>
      reportCase(trx, {
        principal: reporter,
        actor: actor(reporter),
        calendar,
        now,
        idempotencyKey: crypto.randomUUID(),
        request: CaseReportRequest.parse({ categoryCode, description: `测试 ${unit}`, point }),
        located,
      }),
    );
    return result.body.id;
  }

  /** A photo row the principal uploaded (the file itself is not needed to attach it). */
  async function photo(w: World, p: Principal, now: Date): Promise<string> {
    const id = crypto.randomBytes(16).toString('hex').slice(0, 26);
    await cases.db
      .insertInto('case_photo')
      .values({
        jurisdiction_id: w.t.jurisdictionId,
        id,
        case_id: null,
        uploaded_by: p.accountId,
        uploaded_at: now,
        mime: 'image/jpeg',
        bytes: 100,
        width: 10,
        height: 10,
        thumbnail_bytes: 50,
        sha256: '0'.repeat(64),
      })
      .execute();
    return id;
  }

  async function current(w: World, caseId: number) {
    const row = await cases.db
      .selectFrom('case_record')
      .select(['version', 'status', 'state', 'grid_id', 'community_id', 'reporter_account_id'])
      .where('jurisdiction_id', '=', w.t.jurisdictionId)
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    return { ...row, state: row.state as CaseState };
  }

  async function move(
    w: World,
    who: Principal | 'system',
    caseId: number,
    event: CaseEventRequest,
    now: Date,
  ): Promise<void> {
    const { version } = await current(w, caseId);
    const located =
      event.type === 'relocate'
        ? await cases.territory.locate(w.t.jurisdictionId, event.point.lng, event.point.lat)
        : undefined;
    const principal = who === 'system' ? w.admin : who;
    const calendar = await cases.calendarFor(w.t.jurisdictionId);
    await cases.db.transaction().execute((trx) =>
      moveCase(trx, {
        principal,
        actor: who === 'system' ? { id: 'system' } : actor(who),
        calendar,
        now,
        caseId,
        version,
        event,
        ...(located ? { located } : {}),
        ...(who === 'system' ? { system: true } : {}),
      }),
    );
  }

  async function measures(
    w: World,
    level: CaseMeasureLevel,
    from: string,
    to: string,
    source: 'rollup' | 'direct',
  ) {
    return findCaseMeasures(cases.db, { principal: w.admin, query: { level, from, to }, source });
  }

  /** Every measure table row of the jurisdiction, in key order; roll-up rows that sum to nothing dropped. */
  async function snapshot(jurisdictionId: number) {
    const rows = async (table: string, order: string) => {
      const { rows } = await sql<Record<string, unknown>>`
        select * from ${sql.table(table)} where jurisdiction_id = ${jurisdictionId} order by ${sql.raw(order)}
      `.execute(cases.db);
      return rows.map(
        (row): Record<string, unknown> => ({
          ...row,
          day: row.day === undefined ? undefined : String(row.day),
        }),
      );
    };
    const nonZero = (row: Record<string, unknown>) =>
      Object.entries(row).some(
        ([k, v]) => !k.endsWith('_id') && k !== 'day' && typeof v === 'number' && v !== 0,
      );
    return {
      facts: await rows('case_measure_fact', 'case_id'),
      departmentFacts: await rows('case_measure_department_fact', 'case_id, department_id'),
      grid: (await rows('case_measure_grid_day', 'day, subdistrict_id, community_id, grid_id')).filter(
        nonZero,
      ),
      department: (
        await rows('case_measure_department_day', 'day, department_id, subdistrict_id, community_id, grid_id')
      ).filter(nonZero),
    };
  }

  it('keeps the roll-ups equal to the direct GROUP BY and to a rebuild through random walks of cases', async () => {
    const w = await setUp();
    const random = mulberry32(4_2229);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    let now = new Date(clock.now().getTime());
    const tick = () => {
      // The clock is shared by every case: mostly minutes, so that many steps end in time; sometimes
      // hours or days, so that others end late.
      const draw = random();
      const hours = draw < 0.85 ? random() * 0.04 : draw < 0.97 ? 1 + random() * 8 : 24 + random() * 48;
      now = new Date(now.getTime() + hours * HOUR);
      return now;
    };
    /** What the walk itself knows, to check the figures against without the service's help. */
    const truth = new Map<number, { excluded: boolean; escalated: boolean; rating: Rating | null }>();
    const ids: number[] = [];
    const firstDay = '2026-12-01';
    let moves = 0;

    for (let round = 0; round < 200; round++) {
      if (ids.length < 24 && (ids.length < 4 || random() < 0.15)) {
        const byResident = random() < 0.6;
        const unit = Math.floor(random() * w.t.units.length);
        const reporter = byResident ? w.resident : [...w.gridWorkers.values()][Math.floor(unit / 2)];
        if (!reporter) throw new Error('no reporter');
        const id = await report(w, reporter, unit, pick(CATEGORIES), tick());
        ids.push(id);
        truth.set(id, { excluded: false, escalated: false, rating: null });
        continue;
      }
      const caseId = pick(ids);
      const c = await current(w, caseId);
      const facts = truth.get(caseId);
      if (!facts) throw new Error('unknown case');
      const gridWorker = w.gridWorkers.get(c.grid_id);
      const community = w.communityStaff.get(c.community_id);
      if (!gridWorker || !community) throw new Error('no staff for the case');
      const at = tick();
      const supervise = (): [Principal, CaseEventRequest] => {
        const choice = random();
        if (choice < 0.4) {
          return [
            w.subdistrictStaff,
            { type: 'recategorise', categoryCode: pick(CATEGORIES), reason: '改类' },
          ];
        }
        if (choice < 0.7 && ['reported', 'accepted', 'in_progress', 'reopened'].includes(c.status)) {
          const grid = pick(w.t.grids.filter((g) => g.id !== c.grid_id));
          return [
            w.subdistrictStaff,
            { type: 'reassign', target: { kind: 'grid', gridId: grid.id }, reason: '改派' },
          ];
        }
        return [
          w.subdistrictStaff,
          {
            type: 'relocate',
            point: pointIn(w.t, Math.floor(random() * w.t.units.length)),
            crs: 'wgs84',
            reason: '改位置',
          },
        ];
      };
      let next: [Principal | 'system', CaseEventRequest] | null = null;
      const r = random();
      switch (c.status) {
        case 'reported':
          if (r < 0.08) next = [gridWorker, { type: 'reject', reason: '无效' }];
          else if (r < 0.15) next = ['system', { type: 'escalate', reason: '超时' }];
          else if (r < 0.25) next = supervise();
          else next = [gridWorker, { type: 'accept' }];
          break;
        case 'accepted':
        case 'in_progress':
        case 'reopened': {
          const target = ids.find((id) => id !== caseId && !truth.get(id)?.excluded);
          if (c.status === 'accepted' && r < 0.05 && target) {
            next = [gridWorker, { type: 'merge', intoCaseId: target, reason: '重复' }];
          } else if (r < 0.35) next = [gridWorker, { type: 'escalate', reason: '需上级' }];
          else if (r < 0.45) next = supervise();
          else if (r < 0.55 && c.status !== 'in_progress') next = [gridWorker, { type: 'start_handling' }];
          else next = [gridWorker, { type: 'resolve', photoIds: [await photo(w, gridWorker, at)] }];
          break;
        }
        case 'escalated_community':
          if (r < 0.15) next = [community, { type: 'return_to_grid', reason: '网格可办' }];
          else if (r < 0.3) next = [community, { type: 'escalate', reason: '需街道' }];
          else if (r < 0.4) next = supervise();
          else
            next = [
              community,
              { type: 'dispatch', departments: random() < 0.7 ? ['ZHZF'] : ['ZHZF', 'SCJG'] },
            ];
          break;
        case 'escalated_subdistrict':
          if (r < 0.2) next = [w.subdistrictStaff, { type: 'return_to_grid', reason: '网格可办' }];
          else next = [w.subdistrictStaff, { type: 'dispatch', departments: [pick(DEPARTMENTS)] }];
          break;
        case 'dispatched':
        case 'acknowledged': {
          const tasks = (c.state as { departments: DepartmentTask[] }).departments;
          const task = pick(tasks.filter((x) => x.status !== 'reported_back'));
          const department = w.departments.get(task.department);
          if (!department) throw new Error(`no staff for ${task.department}`);
          if (r < 0.1) {
            const to = DEPARTMENTS.find((code) => !tasks.some((x) => x.department === code));
            if (to) {
              next = [
                w.subdistrictStaff,
                {
                  type: 'reassign',
                  target: { kind: 'department', from: task.department, to },
                  reason: '换部门',
                },
              ];
            }
          }
          if (next) break;
          if (task.status === 'dispatched') {
            next =
              r < 0.2
                ? [department, { type: 'decline', reason: '不属本部门' }]
                : [department, { type: 'acknowledge' }];
          } else {
            next = [department, { type: 'report_back', photoIds: [await photo(w, department, at)] }];
          }
          break;
        }
        case 'resolved_by_grid':
        case 'reported_back':
          next =
            r < 0.2
              ? [
                  gridWorker,
                  { type: 'fail_verification', reason: '未整改', photoIds: [await photo(w, gridWorker, at)] },
                ]
              : [gridWorker, { type: 'verify', photoIds: [await photo(w, gridWorker, at)] }];
          break;
        case 'verified': {
          if (!c.state.ratingExpected) next = [gridWorker, { type: 'close' }];
          else if (r < 0.1) next = ['system', { type: 'close' }];
          else {
            const rating = pick<Rating>(['satisfied', 'basically_satisfied', 'dissatisfied']);
            next = [w.resident, { type: 'rate', rating }];
          }
          break;
        }
        case 'rated':
          next = [gridWorker, { type: 'close' }];
          break;
        default:
          next = null; // rejected, merged, closed: the walk leaves it
      }
      if (!next) continue;
      const [who, event] = next;
      await move(w, who, caseId, event, at);
      moves += 1;
      if (event.type === 'reject' || event.type === 'merge') facts.excluded = true;
      if (event.type === 'escalate') facts.escalated = true;
      if (event.type === 'rate') facts.rating = event.rating;

      if (round % 40 === 39) {
        const lastDay = new Date(now.getTime() + 8 * HOUR).toISOString().slice(0, 10);
        for (const level of LEVELS) {
          expect(await measures(w, level, firstDay, lastDay, 'rollup')).toEqual(
            await measures(w, level, firstDay, lastDay, 'direct'),
          );
        }
      }
    }
    expect(moves).toBeGreaterThan(100);

    // Every level, the whole period and single days: the roll-ups agree with the GROUP BY.
    const lastDay = new Date(now.getTime() + 8 * HOUR).toISOString().slice(0, 10);
    const days = [firstDay, '2026-12-02', '2026-12-03', '2026-12-05'];
    for (const level of LEVELS) {
      for (const [from, to] of [[firstDay, lastDay], ...days.map((d) => [d, d])] as [string, string][]) {
        expect(await measures(w, level, from, to, 'rollup')).toEqual(
          await measures(w, level, from, to, 'direct'),
        );
      }
    }

    // What the walk knows by itself.
    const city = await measures(w, 'city', firstDay, lastDay, 'rollup');
    const all = [...truth.values()];
    const counted = all.filter((f) => !f.excluded);
    expect(city.total.counts).toMatchObject({
      reported: ids.length,
      cases: counted.length,
      escalated: counted.filter((f) => f.escalated).length,
      rated: counted.filter((f) => f.rating !== null).length,
      satisfied: counted.filter((f) => f.rating === 'satisfied').length,
      basicallySatisfied: counted.filter((f) => f.rating === 'basically_satisfied').length,
      dissatisfied: counted.filter((f) => f.rating === 'dissatisfied').length,
    });
    const grids = await measures(w, 'grid', firstDay, lastDay, 'rollup');
    expect(grids.rows.reduce((sum, row) => sum + row.counts.cases, 0)).toBe(counted.length);

    // A rebuild from the timelines finds the same facts and the same roll-ups.
    const maintained = await snapshot(w.t.jurisdictionId);
    expect(maintained.facts).toHaveLength(ids.length);
    // The walk reached both sides of every judgement it is meant to test.
    for (const column of [
      'accepted_on_time',
      'resolved_on_time',
      'escalated',
      'resolved',
      'closed_at_grid',
      'reopened',
    ]) {
      const values = new Set(maintained.facts.filter((f) => f.outcome === 'counted').map((f) => f[column]));
      expect([column, [...values].sort()]).toEqual([column, [false, true]]);
    }
    expect(maintained.departmentFacts.some((d) => Number(d.acknowledged_on_time) < Number(d.tasks))).toBe(
      true,
    );
    expect(maintained.departmentFacts.some((d) => Number(d.reported_back_on_time) > 0)).toBe(true);
    const rebuilt = await rebuildCaseMeasures(cases.db, w.t.jurisdictionId, {
      calendar: await cases.calendarFor(w.t.jurisdictionId),
    });
    expect(rebuilt.cases).toBe(ids.length);
    expect(await snapshot(w.t.jurisdictionId)).toEqual(maintained);
  });

  it('counts the issue’s walk exactly once: escalated, dispatched, 不满意, reopened, fixed, 满意, closed', async () => {
    const w = await setUp();
    const { rider } = w;
    let now = new Date(clock.now().getTime());
    const later = (hours: number) => {
      now = new Date(now.getTime() + hours * HOUR);
      return now;
    };
    const day = new Date(now.getTime() + 8 * HOUR).toISOString().slice(0, 10);
    const caseId = await report(w, rider, 0, CATEGORY.code, now);
    const c = await current(w, caseId);
    const gridWorker = w.gridWorkers.get(c.grid_id);
    const community = w.communityStaff.get(c.community_id);
    const department = w.departments.get('ZHZF');
    if (!gridWorker || !community || !department) throw new Error('no staff');
    const city = async () => (await measures(w, 'city', day, day, 'rollup')).total.counts;

    const walk: [Principal, () => Promise<CaseEventRequest>][] = [
      [gridWorker, async () => ({ type: 'accept' })],
      [gridWorker, async () => ({ type: 'escalate', reason: '需执法' })],
      [community, async () => ({ type: 'dispatch', departments: ['ZHZF'] })],
      [department, async () => ({ type: 'acknowledge' })],
      [department, async () => ({ type: 'report_back', photoIds: [await photo(w, department, now)] })],
      [gridWorker, async () => ({ type: 'verify', photoIds: [await photo(w, gridWorker, now)] })],
      [rider, async () => ({ type: 'rate', rating: 'dissatisfied' })],
      [gridWorker, async () => ({ type: 'resolve', photoIds: [await photo(w, gridWorker, now)] })],
      [gridWorker, async () => ({ type: 'verify', photoIds: [await photo(w, gridWorker, now)] })],
      [rider, async () => ({ type: 'rate', rating: 'satisfied' })],
      [gridWorker, async () => ({ type: 'close' })],
    ];
    expect(await city()).toMatchObject({ reported: 1, cases: 1 });
    for (const [who, event] of walk) {
      later(0.25);
      await move(w, who, caseId, await event(), now);
      expect(await city()).toMatchObject({ reported: 1, cases: 1 });
    }
    expect(await city()).toMatchObject({
      reported: 1,
      cases: 1,
      acceptedOnTime: 1,
      escalated: 1,
      dispatched: 1,
      resolvedOnTime: 1,
      resolved: 1,
      closed: 1,
      closedAtGrid: 0,
      rated: 1,
      satisfied: 1,
      dissatisfied: 0,
      reopened: 1,
    });
    const departments = await measures(w, 'department', day, day, 'rollup');
    const zhzf = departments.rows.find((row) => row.code === 'ZHZF');
    expect(zhzf?.counts).toMatchObject({
      cases: 1,
      tasks: 1,
      acknowledged: 1,
      acknowledgedOnTime: 1,
      reportedBack: 1,
    });
    expect(departments.total.counts.cases).toBe(1);
    const city1 = await measures(w, 'city', day, day, 'rollup');
    expect(city1.rows[0]?.rates).toEqual({
      response: 1,
      onTimeResolution: 1,
      resolution: 1,
      satisfaction: 1,
      closedAtGrid: 0,
      escalation: 1,
    });
    expect(await measures(w, 'city', day, day, 'direct')).toEqual(city1);
  });

  it('answers the route within the viewer’s scope, and as an Excel workbook', async () => {
    const w = await setUp();
    const [community0, community1] = w.t.communities;
    const [grid0] = w.t.grids;
    if (!community0 || !community1 || !grid0) throw new Error('territory incomplete');
    const now = clock.now();
    const day = new Date(now.getTime() + 8 * HOUR).toISOString().slice(0, 10);
    await report(w, w.resident, 0, CATEGORY.code, now); // community 0
    await report(w, w.resident, 5, CATEGORY.code, now); // community 1
    const sign = (role: Role, scope: Scope) =>
      signInAs(app, database(), { jurisdictionId: w.t.jurisdictionId, role, scope });
    const leader = await sign('city_leader', { level: 'jurisdiction', id: null });
    const staff = await sign('community_staff', { level: 'community', id: community0.id });
    const departmentStaff = await sign('department_staff', {
      level: 'department',
      id: w.departmentIds.get('ZHZF') ?? null,
    });
    const resident = await sign('resident', { level: 'self', id: null });
    const get = (who: { headers: Record<string, string> }, query: string, path = '/api/cases/measures') =>
      app.inject({ method: 'GET', url: `${path}?from=${day}&to=${day}&${query}`, headers: who.headers });

    const communities = await get(leader, 'level=community');
    expect(communities.statusCode, communities.body).toBe(200);
    const body: CaseMeasures = communities.json();
    expect(body.rows.map((row) => [row.name, row.counts.cases])).toEqual([
      [community0.name, 1],
      [community1.name, 1],
    ]);
    expect(body.total.counts.cases).toBe(2);

    const own: CaseMeasures = (await get(staff, 'level=grid')).json();
    expect(own.within?.id).toBe(community0.id);
    expect(own.rows.map((row) => row.id)).toEqual(
      w.t.grids.filter((g) => g.community_id === community0.id).map((g) => g.id),
    );
    expect(own.total.counts.cases).toBe(1);
    expect((await get(staff, `level=grid&within=${grid0.id}`)).statusCode).toBe(200);
    expect((await get(staff, `level=grid&within=${community1.id}`)).json().error.code).toBe(
      'platform.not_found',
    );
    expect((await get(staff, 'level=city')).json().error.code).toBe('cases.measures_level_above_place');
    expect(
      (await get(departmentStaff, 'level=department')).json().rows.map((r: { code: string }) => r.code),
    ).toEqual(['ZHZF']);
    expect((await get(departmentStaff, 'level=community')).json().rows).toEqual([]);
    expect((await get(resident, 'level=city')).statusCode).toBe(403);
    const backwards = await app.inject({
      method: 'GET',
      url: '/api/cases/measures?level=city&from=2026-12-03&to=2026-12-01',
      headers: leader.headers,
    });
    expect(backwards.statusCode).toBe(400);

    const excel = await get(leader, 'level=community', '/api/cases/measures.xlsx');
    expect(excel.statusCode).toBe(200);
    expect(excel.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(excel.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('考核指标');
    const header = sheet?.getRow(1).values as unknown[];
    expect(header).toEqual(
      expect.arrayContaining(['社区', '响应率', '解决率', '满意率', '网格结案率', '吹哨率', '有效案件']),
    );
    expect(sheet?.getRow(2).getCell(1).value).toBe(community0.name);
    expect(sheet?.getRow(4).getCell(1).value).toBe('合计');
  });
});
