import gcoord from 'gcoord';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseDetail, CaseImport, HotlineImportCheck } from '#contracts';
import { createTestTerritory, type TestTerritory } from '../../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../../test/sign-in.ts';
import { testPersonalData } from '../../../../test/test-app.ts';
import { describeOnEngines } from '../../../../test/test-database.ts';
import type { App } from '../../../app.ts';
import { buildCategoryCatalogue } from '../case.categories.ts';
import { withCasesTables } from '../case.table.ts';
import { buildCasesTestApp, seedCaseReferenceData } from '../testing/cases-test-app.ts';
import { csvText, encodeGbk, multipartForm, parseEvents, xlsxOf } from '../testing/hotline-files.ts';
import { jpegWithGps } from '../testing/images.ts';

/**
 * The 12345 import through the API on a real database: a good workbook imports every row as a
 * hotline case (GCJ-02 converted, numbers kept, the caller's phone only encrypted) with progress to
 * the total; one bad row refuses the whole file and names the row; a GBK CSV reads as Chinese; a
 * re-import is refused row by row; an imported photo keeps no EXIF/GPS.
 */

const catalogue = buildCategoryCatalogue();
const CATEGORY = catalogue.categories.find((c) => c.kind === 'event' && !c.urgent);
if (!CATEGORY) throw new Error('no normal event category');

const HEADERS = [
  '工单编号',
  '受理时间',
  '诉求内容',
  '问题分类',
  '地址',
  '经度',
  '纬度',
  '坐标系',
  '来电人',
  '联系电话',
  '照片',
];

describeOnEngines('12345 hotline import', (database, engine) => {
  let app: App;
  let t: TestTerritory;
  let admin: SignedIn;
  let department: SignedIn;
  let counter = 0;
  const prefix = `${engine}-${process.pid}-${Date.now()}`;
  const orderNumber = () => `GD${prefix}-${++counter}`;

  /** The centre of unit i in GCJ-02, as a 12345 system that stores AMap points exports it. */
  const gcjCentreOf = (unit: number): [number, number] => {
    const box = t.unitBoxes[unit];
    if (!box) throw new Error(`no unit ${unit}`);
    const wgs: [number, number] = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
    return gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02) as [number, number];
  };
  const row = (unit: number, extra: Partial<Record<string, string | number>> = {}) => {
    const [lng, lat] = gcjCentreOf(unit);
    const values: Record<string, string | number> = {
      工单编号: orderNumber(),
      受理时间: '2026-11-30 09:15:00',
      诉求内容: `小区门口垃圾堆放无人清理 ${counter}`,
      问题分类: CATEGORY.name,
      地址: '测试路 1 号',
      经度: lng,
      纬度: lat,
      坐标系: 'GCJ-02',
      来电人: '王先生',
      联系电话: '13912345678',
      照片: '',
      ...extra,
    };
    return HEADERS.map((header) => values[header] ?? '');
  };
  const post = (
    file: { name: string; data: Buffer; contentType?: string },
    options: {
      dryRun?: boolean;
      options?: object;
      photos?: { name: string; data: Buffer }[];
      who?: SignedIn;
    } = {},
  ) => {
    const form = multipartForm({
      fields: {
        dryRun: String(options.dryRun ?? false),
        ...(options.options ? { options: JSON.stringify(options.options) } : {}),
      },
      files: [
        {
          field: 'sheet',
          name: file.name,
          contentType: file.contentType ?? 'application/octet-stream',
          data: file.data,
        },
        ...(options.photos ?? []).map((p) => ({
          field: 'photos',
          name: p.name,
          contentType: 'image/jpeg',
          data: p.data,
        })),
      ],
    });
    return app.inject({
      method: 'POST',
      url: '/api/cases/imports',
      headers: { ...(options.who ?? admin).headers, ...form.headers },
      payload: form.payload,
    });
  };
  const casesDb = () => withCasesTables(database().db);
  const countCases = async () =>
    Number(
      (
        await casesDb()
          .selectFrom('case_record')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('jurisdiction_id', '=', t.jurisdictionId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const importOk = async (file: { name: string; data: Buffer }, options: Parameters<typeof post>[1] = {}) => {
    const response = await post(file, options);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = parseEvents(response.body);
    const done = events.find((e) => e.event === 'done');
    expect(done, response.body).toBeDefined();
    return { events, done: done?.data as CaseImport };
  };

  beforeAll(async () => {
    app = (await buildCasesTestApp(database())).app;
    t = await createTestTerritory(database().db, { communities: 2, gridsPerCommunity: 2, unitsPerGrid: 1 });
    const departments = await seedCaseReferenceData(database().db, t.jurisdictionId);
    admin = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'admin',
      scope: { level: 'jurisdiction', id: null },
    });
    department = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'department_staff',
      scope: { level: 'department', id: departments.get('ZHZF') ?? null },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('imports every row of a good workbook as a hotline case, with progress up to the total', async () => {
    const rows = [row(0), row(1), row(2), row(3)];
    const data = await xlsxOf([HEADERS, ...rows]);
    const before = await countCases();

    const dry = await post({ name: '12345工单.xlsx', data }, { dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    const check: HotlineImportCheck = dry.json();
    expect(check.errors).toEqual([]);
    expect(check).toMatchObject({ total: 4, valid: 4 });
    expect(check.mapping).toMatchObject({
      orderNumber: '工单编号',
      receivedAt: '受理时间',
      lng: '经度',
      crs: '坐标系',
    });
    expect(check.preview[0]).toMatchObject({
      row: 2,
      categoryCode: CATEGORY.code,
      gridName: t.grids[0]?.name,
    });
    expect(await countCases()).toBe(before);

    const { events, done } = await importOk({ name: '12345工单.xlsx', data });
    expect(done).toMatchObject({
      status: 'succeeded',
      total: 4,
      processed: 4,
      imported: 4,
      fileName: '12345工单.xlsx',
    });
    expect(done.caseIds).toHaveLength(4);
    const progress = events
      .filter((e) => e.event === 'progress')
      .map((e) => e.data as { phase: string; processed: number; total: number });
    expect(progress.at(-1)).toEqual({ phase: 'cases', processed: 4, total: 4 });
    expect(await countCases()).toBe(before + 4);

    const list = await app.inject({ method: 'GET', url: '/api/cases/imports', headers: admin.headers });
    expect(list.json().imports[0]).toMatchObject({
      id: done.id,
      status: 'succeeded',
      processed: 4,
      total: 4,
    });

    // The cases: channel hotline, in unit i's grid, the point converted from GCJ-02 to WGS-84.
    const caseId = done.caseIds?.[1] as number;
    const detail: CaseDetail = (
      await app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: admin.headers })
    ).json();
    expect(detail).toMatchObject({ status: 'reported', reporter: { channel: 'hotline' } });
    const box = t.unitBoxes[1] as [number, number, number, number];
    expect(detail.point.lng).toBeCloseTo((box[0] + box[2]) / 2, 5);
    expect(detail.point.lat).toBeCloseTo((box[1] + box[3]) / 2, 5);
    const stored = await casesDb()
      .selectFrom('case_hotline_order')
      .selectAll()
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(stored.order_number).toBe(rows[1]?.[0]);
    expect(stored.received_at.toISOString()).toBe('2026-11-30T01:15:00.000Z');
    // The case page names the work order it came from.
    expect(detail.hotlineOrder).toEqual({
      orderNumber: rows[1]?.[0],
      receivedAt: '2026-11-30T01:15:00.000Z',
    });
    // The caller: name nowhere, phone only encrypted.
    expect(stored.caller_phone_enc).not.toContain('13912345678');
    expect(testPersonalData.decrypt('phone', stored.caller_phone_enc as string)).toBe('13912345678');
    expect(JSON.stringify(detail)).not.toMatch(/王先生|13912345678/);
    const audit = await database()
      .db.selectFrom('audit_event')
      .select(['action', 'result'])
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('subject_type', '=', 'case_import')
      .where('subject_id', '=', String(done.id))
      .execute();
    expect(audit).toEqual([{ action: 'cases.import', result: 'ok' }]);
  });

  it('refuses the whole file when one row is bad, and names the row and column', async () => {
    const duplicate = orderNumber();
    const rows = [
      row(0),
      row(1, { 问题分类: '不存在的分类' }),
      row(2, { 经度: '', 纬度: '' }),
      row(3, { 受理时间: '2026-13-45 25:00' }),
      row(0, { 经度: 100.1, 纬度: 20.1, 坐标系: 'WGS84' }),
      row(1, { 工单编号: duplicate }),
      row(2, { 工单编号: duplicate }),
      row(3, { 照片: 'IMG_404.jpg' }),
    ];
    const data = Buffer.from(`\ufeff${csvText([HEADERS, ...rows])}`, 'utf8');
    const before = await countCases();
    const response = await post({ name: 'bad.csv', data });
    expect(response.statusCode, response.body).toBe(422);
    const body = response.json();
    expect(body.error.code).toBe('cases.import_invalid');
    const errors = body.error.details.errors as { row: number; column: string; code: string }[];
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '问题分类', 'unknown_category'],
      [4, '经度', 'missing_coordinates'],
      [5, '受理时间', 'bad_time'],
      [6, '经度', 'outside_jurisdiction'],
      [8, '工单编号', 'duplicate_in_file'],
      [9, '照片', 'photo_missing'],
    ]);
    expect(body.error.details).toMatchObject({ total: 8, valid: 2 });
    expect(await countCases()).toBe(before);
    const numbers = rows.map((r) => r[0] as string);
    const kept = await casesDb()
      .selectFrom('case_hotline_order')
      .select('order_number')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('order_number', 'in', numbers)
      .execute();
    expect(kept).toEqual([]);
  });

  it('reads a GBK CSV with its own column names, and refuses its re-import row by row', async () => {
    const headers = ['受理编号', '来电时间', '问题描述', '诉求分类', '经度(GCJ-02)', '纬度(GCJ-02)'];
    const rows = [0, 1, 2].map((unit) => {
      const full = row(unit, {
        诉求内容: `楼道堆放杂物，消防通道堵塞（${unit}号楼）`,
        受理时间: '2026年11月30日 10时05分',
      });
      return [full[0], full[1], full[2], `${CATEGORY.major.name}/${CATEGORY.name}`, full[5], full[6]] as (
        | string
        | number
      )[];
    });
    const data = encodeGbk(csvText([headers, ...rows]));
    expect(data.includes(Buffer.from('楼道', 'utf8'))).toBe(false);
    const options = { crs: 'gcj02' };

    const dry = await post({ name: 'gbk.csv', data }, { dryRun: true, options });
    const check: HotlineImportCheck = dry.json();
    expect(check.errors).toEqual([]);
    expect(check.mapping).toMatchObject({
      orderNumber: '受理编号',
      description: '问题描述',
      lng: '经度(GCJ-02)',
    });
    expect(check.preview.map((p) => p.description)).toEqual(rows.map((r) => r[2]));

    const { done } = await importOk({ name: 'gbk.csv', data }, { options });
    const detail: CaseDetail = (
      await app.inject({ method: 'GET', url: `/api/cases/${done.caseIds?.[0]}`, headers: admin.headers })
    ).json();
    expect(detail.description).toBe('楼道堆放杂物，消防通道堵塞（0号楼）');

    const again = await post({ name: 'gbk.csv', data }, { options });
    expect(again.statusCode, again.body).toBe(422);
    const errors = again.json().error.details.errors as { row: number; code: string }[];
    expect(errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'already_imported'],
      [3, 'already_imported'],
      [4, 'already_imported'],
    ]);
  });

  it('stores imported photos re-encoded without EXIF or GPS, seen by whoever sees the case', async () => {
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const data = await xlsxOf([
      HEADERS,
      row(0, { 照片: 'IMG_0001.JPG' }),
      row(1, { 照片: 'IMG_0001.JPG, scene.jpg' }),
    ]);
    const photos = [
      { name: 'IMG_0001.JPG', data: original },
      { name: 'scene.jpg', data: original },
    ];
    const { done } = await importOk({ name: 'photos.xlsx', data }, { photos });
    expect(done.photos).toBe(3);
    const detail: CaseDetail = (
      await app.inject({ method: 'GET', url: `/api/cases/${done.caseIds?.[1]}`, headers: admin.headers })
    ).json();
    expect(detail.photoIds).toHaveLength(2);
    const file = await app.inject({
      method: 'GET',
      url: `/api/cases/photos/${detail.photoIds[0]}`,
      headers: admin.headers,
    });
    expect(file.statusCode).toBe(200);
    const metadata = await sharp(file.rawPayload).metadata();
    expect(metadata.format).toBe('jpeg');
    expect(metadata.exif).toBeUndefined();
    expect(file.rawPayload.includes(Buffer.from('secret-owner'))).toBe(false);

    // A fake image named in the 照片 column refuses the file.
    const fake = await post(
      { name: 'fake.xlsx', data: await xlsxOf([HEADERS, row(2, { 照片: 'fake.jpg' })]) },
      { photos: [{ name: 'fake.jpg', data: Buffer.from('not a jpeg at all') }] },
    );
    expect(fake.statusCode).toBe(422);
    expect(fake.json().error.details.errors[0]).toMatchObject({ row: 2, code: 'photo_unsupported' });
  });

  it('is for administrators and subdistricts, not for department staff', async () => {
    const data = await xlsxOf([HEADERS, row(0)]);
    const refused = await post({ name: 'x.xlsx', data }, { who: department, dryRun: true });
    expect(refused.statusCode).toBe(403);
    const noFile = await app.inject({
      method: 'POST',
      url: '/api/cases/imports',
      headers: admin.headers,
      payload: {},
    });
    expect(noFile.json().error.code).toBe('cases.import_file_missing');
  });
});
