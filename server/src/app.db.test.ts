import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestTerritory } from '../test/factories.ts';
import { type SignedIn, signInAs } from '../test/sign-in.ts';
import { buildTestApp } from '../test/test-app.ts';
import { describeOnEngines } from '../test/test-database.ts';
import type { App } from './app.ts';
import { errorCodeSpec } from './platform/errors.ts';

describeOnEngines('platform HTTP behaviour', (database, engine) => {
  let app: App;
  let admin: SignedIn;
  beforeAll(async () => {
    app = await buildTestApp(database());
    const territory = await createTestTerritory(database().db);
    admin = await signInAs(app, database(), {
      jurisdictionId: territory.jurisdictionId,
      role: 'admin',
      scope: { level: 'jurisdiction', id: null },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('reports health with the database kind, schema version and uptime', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ status: 'ok', database: engine });
    expect(body.schemaVersion).toBeGreaterThanOrEqual(20261126235000);
    expect(typeof body.uptimeS).toBe('number');
  });

  it('answers an unknown route with a JSON 404 in the error shape', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: {
        code: 'platform.not_found',
        message: 'No route GET /api/nothing-here',
        messageZh: errorCodeSpec('platform.not_found')?.zh,
      },
    });
    expect(response.json().error.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses bad JSON, oversize bodies and unknown media types with 4xx, never 500', async () => {
    const badJson = await app.inject({
      method: 'POST',
      url: '/api/territory/places/merge',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: '{"placeIds": [1,',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('platform.bad_json');

    const huge = await app.inject({
      method: 'POST',
      url: '/api/territory/places/merge',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ reason: 'x'.repeat(2 * 1024 * 1024), placeIds: [1, 2] }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('platform.payload_too_large');

    const media = await app.inject({
      method: 'POST',
      url: '/api/territory/places/merge',
      headers: { ...admin.headers, 'content-type': 'application/x-unknown' },
      payload: 'hello',
    });
    expect(media.statusCode).toBe(415);
    expect(media.json().error.code).toBe('platform.unsupported_media_type');
  });

  it('reports schema violations field by field', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/territory/locate?lng=abc&lat=200',
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('platform.validation_failed');
    expect(body.error.messageZh).toBe(errorCodeSpec('platform.validation_failed')?.zh);
    const fields = body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['querystring.lng', 'querystring.lat']));
  });

  it('sends the security headers on every answer, errors included', async () => {
    for (const url of ['/healthz', '/api/nothing-here']) {
      const { headers } = await app.inject({ method: 'GET', url });
      expect(headers['content-security-policy']).toContain("default-src 'self'");
      expect(headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const given = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'trace-12345678' },
    });
    expect(given.headers['x-request-id']).toBe('trace-12345678');
    const made = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes OpenAPI generated from the route schemas, with every route documented', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of [
      '/healthz',
      '/api/territory/locate',
      '/api/territory/summary',
      '/api/territory/geojson',
    ]) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
    for (const [path, operations] of Object.entries(
      spec.paths as Record<string, Record<string, { responses?: object }>>,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.responses, `${method} ${path} has no response schema`).toBeDefined();
      }
    }
    const ui = await app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
  });

  it('declares an access rule on every route, public ones only where meant', async () => {
    const missing = app.routeTable.filter((route) => !route.access);
    expect(missing).toEqual([]);
    const publicRoutes = app.routeTable
      .filter((route) => route.access && 'public' in route.access && route.method === 'GET')
      .map((route) => route.url);
    for (const url of publicRoutes) {
      expect(url).toMatch(
        /^\/(docs.*|healthz|api\/app-config|api\/demo\/accounts|api\/public\/grids\/:gridId\/notices|api\/public\/cases\/(map|map\/grids|:trackingCode)|open311\/.*|\*?)$/,
      );
    }
    const apiRoutes = app.routeTable.filter((route) => route.url.startsWith('/api/'));
    expect(apiRoutes.length).toBeGreaterThan(15);
  });

  it('asks for sign-in on API routes, before reading the body', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/territory/summary' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('access.unauthenticated');
    const write = await app.inject({
      method: 'POST',
      url: '/api/territory/places/merge',
      payload: '{"bad json',
    });
    expect(write.statusCode).toBe(401);
  });
});
