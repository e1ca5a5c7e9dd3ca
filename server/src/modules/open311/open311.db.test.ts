import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { default as addFormats } from 'ajv-formats';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseDetail } from '#contracts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { insertAccounts } from '../access/index.ts';
import { buildCategoryCatalogue } from '../cases/case.categories.ts';
import { seedCaseReferenceData } from '../cases/testing/cases-test-app.ts';
import { authenticateApiKey, createApiKey, DEMO_OPEN311_KEY, seedDemoOpen311Key } from './api-keys.ts';
import type { Open311Module } from './open311.module.ts';
import { centroidOf } from './open311.presenter.ts';
import { buildOpen311TestApp } from './testing/open311-test-app.ts';
import { readXml, recordsOf } from './testing/xml-reader.ts';

/**
 * Open311 GeoReport v2 through the API on a real database: every JSON answer validated against the
 * standard's JSON Schemas (testing/georeport-v2/), every XML answer read back to the same
 * data, POST with an api_key making a case the cases API shows, refusals in the standard's error
 * list, and nothing personal in public answers.
 */

const SCHEMAS = path.join(import.meta.dirname, 'testing', 'georeport-v2');
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const name of ['request', 'requests', 'service', 'services', 'service-definition']) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMAS, `${name}.json`), 'utf8')), `${name}.json`);
}
const schema = (name: string): ValidateFunction => {
  const validate = ajv.getSchema(`${name}.json`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate;
};
const expectValid = (name: string, data: unknown) => {
  const validate = schema(name);
  expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
};

const catalogue = buildCategoryCatalogue();
const EVENT = catalogue.categories.find((c) => c.kind === 'event' && !c.urgent);
const GRID_WORK = catalogue.categories.find((c) => c.kind === 'grid_work');
if (!EVENT || !GRID_WORK) throw new Error('catalogue lacks an event or grid-work category');

type Injected = Awaited<ReturnType<App['inject']>>;

describeOnEngines('open311', (database) => {
  let app: App;
  let open311: Open311Module;
  let t: TestTerritory;
  let apiKey: string;
  let gridWorker: SignedIn;
  const q = () => `jurisdiction_id=${t.code}`;
  const pointIn = (unit: number) => {
    const box = t.unitBoxes[unit];
    if (!box) throw new Error(`no unit ${unit}`);
    return { lng: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 };
  };
  const get = (url: string) => app.inject({ method: 'GET', url });
  const postForm = (format: 'json' | 'xml', fields: Record<string, string>, headers = {}) =>
    app.inject({
      method: 'POST',
      url: `/open311/v2/requests.${format}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(fields).toString(),
    });
  const formFor = (unit: number, extra: Record<string, string> = {}): Record<string, string> => ({
    api_key: apiKey,
    jurisdiction_id: t.code,
    service_code: EVENT.code,
    lat: String(pointIn(unit).lat),
    long: String(pointIn(unit).lng),
    description: `井盖旁堆放杂物 ${Math.random()}`,
    ...extra,
  });
  const expectJsonError = (response: Injected, status: number, pattern: RegExp) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json();
    expect(Array.isArray(body)).toBe(true);
    expect(body[0]).toMatchObject({ code: status });
    expect(body[0].description).toMatch(pattern);
    expect(body).not.toHaveProperty('error');
  };
  const expectXmlError = (response: Injected, status: number, pattern: RegExp) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/^text\/xml/);
    const root = readXml(response.body);
    expect(root.name).toBe('errors');
    const [error] = recordsOf(root);
    expect(error?.code).toBe(String(status));
    expect(error?.description).toMatch(pattern);
  };
  const caseAs = async (who: SignedIn, id: string): Promise<CaseDetail> => {
    const response = await app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: who.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    const built = await buildOpen311TestApp(database());
    app = built.app;
    open311 = built.open311;
    t = await createTestTerritory(database().db, { communities: 1, gridsPerCommunity: 2, unitsPerGrid: 1 });
    await seedCaseReferenceData(database().db, t.jurisdictionId);
    const [owner] = await insertAccounts(database().db, [
      {
        jurisdictionId: t.jurisdictionId,
        username: `open311-client-${process.pid}-${Date.now()}-${Math.random()}`,
        displayName: 'Hotline bridge',
        role: 'resident',
        scopeLevel: 'self',
        scopeId: null,
        passwordHash: 'not-a-password',
        now: new Date(),
      },
    ]);
    if (!owner) throw new Error('no owner account');
    apiKey = (
      await createApiKey(database().db, {
        jurisdictionId: t.jurisdictionId,
        ownerAccountId: owner.id,
        label: '12345 bridge',
        now: new Date(),
      })
    ).key;
    gridWorker = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'grid_worker',
      scope: { level: 'grid', id: t.grids[0]?.id ?? null },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves the discovery document as application/json and text/xml', async () => {
    const json = await get('/open311/discovery.json');
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const [endpoint] = json.json().endpoints;
    expect(endpoint.url).toMatch(/^http:\/\/[^/]+\/open311\/v2$/);
    expect(endpoint.formats).toEqual(['application/json', 'text/xml']);
    expect(endpoint.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    const xml = await get('/open311/discovery.xml');
    expect(xml.statusCode, xml.body).toBe(200);
    expect(xml.headers['content-type']).toMatch(/^text\/xml/);
    const root = readXml(xml.body);
    expect(root.name).toBe('discovery');
    const endpoints = root.children.find((c) => c.name === 'endpoints')?.children ?? [];
    const formats = endpoints[0]?.children.find((c) => c.name === 'formats')?.children.map((f) => f.text);
    expect(formats).toEqual(['application/json', 'text/xml']);
    expect(endpoints[0]?.children.find((c) => c.name === 'url')?.text).toBe(endpoint.url);
  });

  it('lists the public categories as services, in JSON and XML alike', async () => {
    const json = await get(`/open311/v2/services.json?${q()}`);
    expect(json.statusCode, json.body).toBe(200);
    const services = json.json();
    expectValid('services', services);
    const codes = services.map((s: { service_code: string }) => s.service_code);
    expect(codes).toContain(EVENT.code);
    expect(codes).not.toContain(GRID_WORK.code);
    expect(services.find((s: { service_code: string }) => s.service_code === EVENT.code)).toMatchObject({
      service_name: EVENT.name,
      metadata: false,
      type: 'realtime',
    });

    const xml = await get(`/open311/v2/services.xml?${q()}`);
    expect(xml.statusCode, xml.body).toBe(200);
    expect(xml.headers['content-type']).toMatch(/^text\/xml/);
    const root = readXml(xml.body);
    expect(root.name).toBe('services');
    const records = recordsOf(root);
    expect(records).toEqual(
      services.map((s: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v === null ? null : String(v)])),
      ),
    );
  });

  it('defines a service, and answers an unknown one with the standard’s error list', async () => {
    const json = await get(`/open311/v2/services/${EVENT.code}.json?${q()}`);
    expect(json.statusCode, json.body).toBe(200);
    expectValid('service-definition', json.json());
    expect(json.json()).toEqual({ service_code: EVENT.code, attributes: [] });
    const xml = await get(`/open311/v2/services/${EVENT.code}.xml?${q()}`);
    const root = readXml(xml.body);
    expect(root.name).toBe('service_definition');
    expect(root.children.map((c) => [c.name, c.text])).toEqual([
      ['service_code', EVENT.code],
      ['attributes', ''],
    ]);
    expectJsonError(await get(`/open311/v2/services/NOPE.json?${q()}`), 404, /georeport\.service_not_found/);
    expectXmlError(await get(`/open311/v2/services/NOPE.xml?${q()}`), 404, /georeport\.service_not_found/);
    expectJsonError(await get(`/open311/v2/services/${GRID_WORK.code}.json?${q()}`), 404, /service_code/);
    expectJsonError(await get('/open311/v2/nothing.json'), 404, /No route/);
    expectJsonError(await get('/open311/v2/services.csv'), 404, /No route/);
    expectXmlError(await get('/open311/v2/nothing.xml'), 404, /No route/);
    expectJsonError(await get('/open311/v2/services.json?jurisdiction_id=999999999'), 404, /jurisdiction/);
  });

  it('creates a case from a form-encoded POST with an api_key, which the cases API shows', async () => {
    const form = formFor(0, {
      address_string: '龙口市 东莱街道 某路 1 号',
      email: 'zhang.san@example.com',
      phone: '13800138000',
      first_name: '三',
      last_name: '张',
      device_id: 'device-123',
    });
    const response = await postForm('json', form);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const [created] = response.json();
    expect(created).toMatchObject({ service_request_id: expect.stringMatching(/^\d+$/), account_id: null });
    expect(created.token).toMatch(/^[0-9A-Z]{10}$/);
    expect(created.service_notice).toContain(created.token);

    const c = await caseAs(gridWorker, created.service_request_id);
    expect(c.trackingCode).toBe(created.token);
    expect(c.status).toBe('reported');
    expect(c.category.code).toBe(EVENT.code);
    expect(c.description).toBe(form.description);
    expect(c.grid.id).toBe(t.grids[0]?.id);
    expect(c.address).toBe(form.address_string);
    expect(c.photoIds).toEqual([]);
    // Contact details are not kept anywhere the case shows.
    for (const secret of ['zhang.san@example.com', '13800138000', 'device-123']) {
      expect(JSON.stringify(c)).not.toContain(secret);
    }
  });

  it('records the channel as api (needs the intake to take a channel: open311-cases-channel.patch)', async () => {
    const response = await postForm('json', formFor(0));
    expect(response.statusCode, response.body).toBe(200);
    const c = await caseAs(gridWorker, response.json()[0].service_request_id);
    expect(c.reporter.channel).toBe('api');
  });

  it('takes a JSON body too, answers in XML, and replays a retry with the same Idempotency-Key', async () => {
    const point = pointIn(0);
    const payload = {
      api_key: apiKey,
      service_code: EVENT.code,
      lat: point.lat,
      long: point.lng,
      description: 'JSON 上报 <b>&</b>',
    };
    const headers = { 'idempotency-key': `open311-test-${Date.now()}-${Math.random()}` };
    const first = await app.inject({ method: 'POST', url: '/open311/v2/requests.xml', payload, headers });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/xml/);
    const root = readXml(first.body);
    expect(root.name).toBe('service_requests');
    const [created] = recordsOf(root);
    expect(created?.service_request_id).toMatch(/^\d+$/);
    expect(created?.account_id).toBeNull();
    const again = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload, headers });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()[0].service_request_id).toBe(created?.service_request_id);
    const c = await caseAs(gridWorker, created?.service_request_id ?? '');
    expect(c.description).toBe(payload.description);
  });

  it('refuses a wrong, missing, demo (outside demo mode) or query-string-wrong api_key with 403', async () => {
    expectJsonError(await postForm('json', formFor(0, { api_key: 'wrong-key' })), 403, /api_key/);
    expectXmlError(await postForm('xml', formFor(0, { api_key: 'wrong-key' })), 403, /api_key/);
    const { api_key: _, ...withoutKey } = formFor(0);
    expectJsonError(await postForm('json', withoutKey), 403, /api_key is required/);
    expectJsonError(await postForm('json', formFor(0, { api_key: DEMO_OPEN311_KEY })), 403, /api_key/);
    // The key may also come in the query string, as the standard's swagger has it.
    const viaQuery = await app.inject({
      method: 'POST',
      url: `/open311/v2/requests.json?api_key=${encodeURIComponent(apiKey)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(withoutKey).toString(),
    });
    expect(viaQuery.statusCode, viaQuery.body).toBe(200);
    // A wrong key is refused before the body is looked at.
    expectJsonError(
      await postForm('json', { api_key: 'wrong', lat: 'north', service_code: '' }),
      403,
      /api_key/,
    );
  });

  it('refuses media_url, a place without lat/long, a point outside, an unknown service — as error lists', async () => {
    expectJsonError(
      await postForm('json', formFor(0, { media_url: 'http://example.com/a.jpg' })),
      400,
      /media_url/,
    );
    const { lat: _lat, long: _long, ...noPoint } = formFor(0, { address_string: '某路 1 号' });
    expectJsonError(await postForm('json', noPoint), 400, /lat and long/);
    expectXmlError(await postForm('xml', noPoint), 400, /georeport\.location_required/);
    expectJsonError(await postForm('json', formFor(0, { lat: '95' })), 400, /lat must be/);
    expectJsonError(await postForm('json', formFor(0, { lat: '10', long: '10' })), 422, /territory\./);
    expectJsonError(
      await postForm('json', formFor(0, { service_code: GRID_WORK.code })),
      400,
      /service_code/,
    );
    expectJsonError(
      await postForm('json', formFor(0, { description: 'x'.repeat(1001) })),
      400,
      /description/,
    );
    expectJsonError(await postForm('json', formFor(0, { jurisdiction_id: '000000' })), 404, /jurisdiction/);
  });

  it('shows requests publicly without anything personal, the place blurred to the grid centroid', async () => {
    const secretDescription = `张三 13912345678 家门口 ${Math.random()}`;
    const posted = await postForm('json', formFor(0, { description: secretDescription, email: 'a@b.cn' }));
    expect(posted.statusCode, posted.body).toBe(200);
    const [{ service_request_id: id, token }] = posted.json();

    const list = await get(`/open311/v2/requests.json?${q()}`);
    expect(list.statusCode, list.body).toBe(200);
    const requests = list.json();
    expectValid('requests', requests);
    const mine = requests.find((r: { service_request_id: string }) => r.service_request_id === id);
    expect(mine).toMatchObject({
      status: 'open',
      service_code: EVENT.code,
      service_name: EVENT.name,
      description: null,
      media_url: null,
      requested_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
    });
    const grid = await database()
      .db.selectFrom('territory_place')
      .select('geometry')
      .where('id', '=', t.grids[0]?.id ?? 0)
      .executeTakeFirstOrThrow();
    const centroid = centroidOf(grid.geometry);
    expect({ lat: mine.lat, long: mine.long }).toEqual({ lat: centroid?.lat, long: centroid?.lng });
    expect(mine.address).toContain(t.grids[0]?.name);
    for (const secret of [secretDescription, '13912345678', 'a@b.cn', token, String(pointIn(0).lat)]) {
      expect(list.body).not.toContain(secret);
    }

    const xml = await get(`/open311/v2/requests.xml?${q()}`);
    expect(xml.statusCode, xml.body).toBe(200);
    const records = recordsOf(readXml(xml.body));
    expect(records.map((r) => r.service_request_id)).toEqual(
      requests.map((r: { service_request_id: string }) => r.service_request_id),
    );
    const mineXml = records.find((r) => r.service_request_id === id);
    expect(mineXml).toMatchObject({
      status: 'open',
      service_code: EVENT.code,
      requested_datetime: mine.requested_datetime,
      lat: String(mine.lat),
      long: String(mine.long),
      description: null,
    });

    const one = await get(`/open311/v2/requests/${id}.json?${q()}`);
    expect(one.statusCode, one.body).toBe(200);
    expectValid('requests', one.json());
    expect(one.json()).toEqual([mine]);
    const oneXml = recordsOf(readXml((await get(`/open311/v2/requests/${id}.xml?${q()}`)).body));
    expect(oneXml).toEqual([mineXml]);
    expectJsonError(await get(`/open311/v2/requests/999999999.json?${q()}`), 404, /No service request/);
    expectXmlError(await get(`/open311/v2/requests/abc.xml?${q()}`), 404, /No service request/);
  });

  it('filters by ids, service code, status and dates; refuses bad dates and status', async () => {
    const a = (await postForm('json', formFor(0))).json()[0].service_request_id;
    const b = (await postForm('json', formFor(1))).json()[0].service_request_id;
    const ids = async (query: string): Promise<string[]> => {
      const response = await get(`/open311/v2/requests.json?${q()}&${query}`);
      expect(response.statusCode, response.body).toBe(200);
      expectValid('requests', response.json());
      return response.json().map((r: { service_request_id: string }) => r.service_request_id);
    };
    expect(await ids(`service_request_id=${a},${b},424242424`)).toEqual([b, a]);
    expect(await ids(`service_code=${EVENT.code}`)).toEqual(expect.arrayContaining([a, b]));
    expect(await ids('service_code=NOPE')).toEqual([]);
    expect(await ids('status=open')).toEqual(expect.arrayContaining([a, b]));
    expect(await ids('status=closed')).toEqual([]);
    expect(await ids('start_date=2030-01-01T00:00:00Z')).toEqual([]);
    expect(await ids('start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00%2B08:00')).toEqual([]);
    expectJsonError(await get(`/open311/v2/requests.json?${q()}&start_date=soon`), 400, /start_date/);
    expectXmlError(await get(`/open311/v2/requests.xml?${q()}&status=pending`), 400, /status/);
    expectJsonError(await get(`/open311/v2/requests.json?${q()}&status=${'x'.repeat(30)}`), 400, /status/);
  });

  it('resolves a token (the tracking code) to its request id', async () => {
    const [created] = (await postForm('json', formFor(0))).json();
    const json = await get(`/open311/v2/tokens/${created.token}.json?${q()}`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json()).toEqual([{ service_request_id: created.service_request_id, token: created.token }]);
    const xml = await get(`/open311/v2/tokens/${created.token}.xml?${q()}`);
    expect(recordsOf(readXml(xml.body))).toEqual([
      { service_request_id: created.service_request_id, token: created.token },
    ]);
    expectJsonError(await get(`/open311/v2/tokens/NOSUCHTOKEN.json?${q()}`), 404, /token/);
  });

  it('accepts the demo key in demo mode only', async () => {
    await seedDemoOpen311Key(database().db, { jurisdictionId: t.jurisdictionId, now: new Date() });
    const client = await authenticateApiKey(open311.db, open311.territory, DEMO_OPEN311_KEY, {
      demoMode: true,
    });
    expect(client.principal.role).toBe('resident');
    await expect(
      authenticateApiKey(open311.db, open311.territory, DEMO_OPEN311_KEY, { demoMode: false }),
    ).rejects.toMatchObject({ code: 'georeport.invalid_api_key' });
  });
});
