import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseCategory, CaseCategoryCatalogue, CaseDetail, StepLimits } from '#contracts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { buildCategoryCatalogue } from './case.categories.ts';
import { buildCasesTestApp, seedCaseReferenceData } from './testing/cases-test-app.ts';

/**
 * Category administration (案件分类, 权责清单): everyone signed in reads the catalogue, only
 * administrators change it; each change is checked with the catalogue's own rules and audited with
 * before and after; a category in use is deactivated, never deleted; new limits time new clocks.
 */

const catalogue = buildCategoryCatalogue();
const EVENT = catalogue.categories.find((c) => c.kind === 'event' && !c.urgent);
if (!EVENT) throw new Error('no normal event category');
const NORMAL_LIMITS = EVENT.limits as StepLimits;

describeOnEngines('case categories', (database, engine) => {
  let app: App;
  let t: TestTerritory;
  let admin: SignedIn;
  let gridWorker: SignedIn;
  let keys = 0;

  const call = (
    who: SignedIn | null,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) => app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });
  const newCategory = (code: string, extra: object = {}) => ({
    code,
    name: '共享单车乱停放',
    majorCode: EVENT.major.code,
    departmentCode: 'ZHZF',
    urgent: false,
    limits: NORMAL_LIMITS,
    duplicateRadiusM: 30,
    ...extra,
  });
  const auditOf = (action: string, subjectId: string) =>
    database()
      .db.selectFrom('audit_event')
      .select(['actor', 'details'])
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('action', '=', action)
      .where('subject_id', '=', subjectId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  const pointIn = (unit: number) => {
    const box = t.unitBoxes[unit];
    if (!box) throw new Error(`no unit ${unit}`);
    return { lng: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 };
  };
  const report = (categoryCode: string) =>
    app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...gridWorker.headers, 'idempotency-key': `categories-${engine}-${process.pid}-${++keys}` },
      payload: { categoryCode, description: '测试', point: pointIn(0) },
    });

  beforeAll(async () => {
    ({ app } = await buildCasesTestApp(database()));
    t = await createTestTerritory(database().db, { communities: 1, gridsPerCommunity: 1, unitsPerGrid: 1 });
    await seedCaseReferenceData(database().db, t.jurisdictionId);
    const grid = t.grids[0];
    if (!grid) throw new Error('no grid');
    admin = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'admin',
      scope: { level: 'jurisdiction', id: null },
    });
    gridWorker = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'grid_worker',
      scope: { level: 'grid', id: grid.id },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the catalogue with departments and limits to everyone signed in, counts to administrators', async () => {
    expect((await call(null, 'GET', '/api/cases/categories')).statusCode).toBe(401);
    const worker: CaseCategoryCatalogue = (await call(gridWorker, 'GET', '/api/cases/categories')).json();
    expect(worker.categories).toHaveLength(catalogue.categories.length);
    const event = worker.categories.find((c) => c.code === EVENT.code);
    expect(event).toMatchObject({
      name: EVENT.name,
      majorCode: EVENT.major.code,
      kind: 'event',
      urgent: false,
      limits: NORMAL_LIMITS,
      duplicateRadiusM: EVENT.duplicateRadiusM,
      active: true,
      caseCount: null,
    });
    expect(event?.department.name).toBeTruthy();
    expect(worker.departments.map((d) => d.code)).toContain('ZHZF');

    expect((await report(EVENT.code)).statusCode).toBe(201);
    const adminView: CaseCategoryCatalogue = (await call(admin, 'GET', '/api/cases/categories')).json();
    expect(adminView.categories.find((c) => c.code === EVENT.code)?.caseCount).toBe(1);
  });

  it('creates a subcategory checked by the catalogue’s rules, audited; only administrators', async () => {
    const code = `${EVENT.major.code}90`;
    expect((await call(gridWorker, 'POST', '/api/cases/categories', newCategory(code))).statusCode).toBe(403);

    const refusals: [object, string][] = [
      [newCategory('9999'), 'cases.category_invalid'], // class 9999 is new: needs a name and kind
      [newCategory(`${EVENT.major.code}91`, { majorCode: '1001' }), 'cases.category_invalid'], // not under its class
      [newCategory(`${EVENT.major.code}92`, { departmentCode: 'NOPE' }), 'cases.category_invalid'],
      [newCategory(`${EVENT.major.code}93`, { urgent: true }), 'cases.category_invalid'], // urgent in work days
      [
        newCategory(`${EVENT.major.code}94`, {
          limits: { ...NORMAL_LIMITS, verify: { amount: 1.5, unit: 'work_day' } },
        }),
        'cases.category_invalid',
      ],
      [newCategory(EVENT.code), 'cases.category_exists'],
    ];
    for (const [body, error] of refusals) {
      const response = await call(admin, 'POST', '/api/cases/categories', body);
      expect(response.json().error?.code, response.body).toBe(error);
    }
    const invalid = await call(
      admin,
      'POST',
      '/api/cases/categories',
      newCategory(`${EVENT.major.code}93`, { urgent: true }),
    );
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error.details.problems.join('\n')).toMatch(/urgent but handled in work_day/);

    const created = await call(admin, 'POST', '/api/cases/categories', newCategory(code));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code, majorName: EVENT.major.name, kind: 'event', active: true });
    const audit = await auditOf('cases.category_created', code);
    expect(audit?.actor).toBe(admin.username);
    expect(audit?.details).toMatchObject({ before: null, after: { code, name: '共享单车乱停放' } });

    // A new class with its first subcategory.
    const withClass = await call(
      admin,
      'POST',
      '/api/cases/categories',
      newCategory('W9901', { majorCode: 'W99', majorName: '文明养犬', kind: 'grid_work' }),
    );
    expect(withClass.statusCode, withClass.body).toBe(201);
    expect(withClass.json()).toMatchObject({ majorName: '文明养犬', kind: 'grid_work' });
    // The new category takes reports.
    expect((await report(code)).statusCode).toBe(201);
  });

  it('changes limits step by step for new clocks, with before and after in the audit log', async () => {
    const before = await report(EVENT.code);
    const beforeDeadline = (before.json() as CaseDetail).clock?.deadline;
    const patch = await call(admin, 'PATCH', `/api/cases/categories/${EVENT.code}`, {
      limits: { accept: { amount: 2, unit: 'work_hour' } },
      duplicateRadiusM: 80,
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const changed: CaseCategory = patch.json();
    expect(changed.limits.accept).toEqual({ amount: 2, unit: 'work_hour' });
    expect(changed.limits.grid_handle).toEqual(NORMAL_LIMITS.grid_handle);
    expect(changed.duplicateRadiusM).toBe(80);
    const audit = await auditOf('cases.category_updated', EVENT.code);
    expect(audit?.details).toMatchObject({
      before: { limits: { accept: NORMAL_LIMITS.accept }, duplicateRadiusM: EVENT.duplicateRadiusM },
      after: { limits: { accept: { amount: 2, unit: 'work_hour' } }, duplicateRadiusM: 80 },
    });

    // The test clock stands at Wednesday 09:00: 1 working hour is 10:00, 2 are 11:00.
    const after = await report(EVENT.code);
    expect(beforeDeadline).toBe('2026-12-02T02:00:00.000Z');
    expect((after.json() as CaseDetail).clock?.deadline).toBe('2026-12-02T03:00:00.000Z');
    // The running clock of the earlier case keeps its limit.
    const earlier = await call(admin, 'GET', `/api/cases/${(before.json() as CaseDetail).id}`);
    expect((earlier.json() as CaseDetail).clock?.deadline).toBe(beforeDeadline);

    const refused = await call(admin, 'PATCH', `/api/cases/categories/${EVENT.code}`, {
      limits: { grid_handle: { amount: 4, unit: 'urgent_hour' } },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('cases.category_invalid');
    expect((await call(admin, 'PATCH', '/api/cases/categories/ZZ404', { active: false })).statusCode).toBe(
      404,
    );
    expect((await call(admin, 'PATCH', `/api/cases/categories/${EVENT.code}`, {})).statusCode).toBe(400);
    expect(
      (await call(gridWorker, 'PATCH', `/api/cases/categories/${EVENT.code}`, { active: false })).statusCode,
    ).toBe(403);
  });

  it('deactivates a category in use instead of deleting it, and deletes an unused one', async () => {
    const inUse = await call(admin, 'DELETE', `/api/cases/categories/${EVENT.code}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error).toMatchObject({ code: 'cases.category_in_use' });
    expect(inUse.json().error.details.caseCount).toBeGreaterThan(0);

    const off = await call(admin, 'PATCH', `/api/cases/categories/${EVENT.code}`, { active: false });
    expect(off.json()).toMatchObject({ active: false });
    const refused = await report(EVENT.code);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('cases.unknown_category');
    // Its cases still read.
    const list = await call(admin, 'GET', `/api/cases?categoryCode=${EVENT.code}`);
    expect(list.json().total).toBeGreaterThan(0);
    await call(admin, 'PATCH', `/api/cases/categories/${EVENT.code}`, { active: true });

    const unused = `${EVENT.major.code}95`;
    expect((await call(admin, 'POST', '/api/cases/categories', newCategory(unused))).statusCode).toBe(201);
    expect((await call(admin, 'DELETE', `/api/cases/categories/${unused}`)).statusCode).toBe(204);
    expect(await auditOf('cases.category_deleted', unused)).toBeTruthy();
    const codes = (
      (await call(admin, 'GET', '/api/cases/categories')).json() as CaseCategoryCatalogue
    ).categories.map((c) => c.code);
    expect(codes).not.toContain(unused);
  });
});
