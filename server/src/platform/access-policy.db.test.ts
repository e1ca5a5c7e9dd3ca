import { afterAll, beforeAll, expect, it } from 'vitest';
import { Role } from '#contracts';
import { createTestTerritory, type TestTerritory } from '../../test/factories.ts';
import { type SignedIn, signInAs } from '../../test/sign-in.ts';
import { buildTestApp } from '../../test/test-app.ts';
import { describeOnEngines } from '../../test/test-database.ts';
import type { App } from '../app.ts';
import { hasPermission } from './access.ts';

/**
 * Every role against every route that declares a permission: the route answers 403 exactly when
 * the declared policy says the role lacks it (anything else — 200, 400, 404, 422 — got past access).
 */
describeOnEngines('route access agrees with the declared policy', (database) => {
  let app: App;
  let t: TestTerritory;
  const sessions = new Map<Role, SignedIn>();

  beforeAll(async () => {
    app = await buildTestApp(database());
    t = await createTestTerritory(database().db);
    for (const role of Role.options) {
      const scope =
        role === 'admin' || role === 'city_leader'
          ? { level: 'jurisdiction' as const, id: null }
          : role === 'resident'
            ? { level: 'self' as const, id: null }
            : role === 'department_staff'
              ? { level: 'department' as const, id: 1 }
              : { level: 'grid' as const, id: t.grids[0]?.id ?? null };
      sessions.set(role, await signInAs(app, database(), { jurisdictionId: t.jurisdictionId, role, scope }));
    }
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 403 exactly where the policy withholds the permission', async () => {
    const routes = app.routeTable.filter((r) => r.access && 'permission' in r.access && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(10);
    const disagreements: string[] = [];
    for (const route of routes) {
      const permission = route.access && 'permission' in route.access ? route.access.permission : null;
      if (!permission) continue;
      const url = route.url.replace(/:[a-zA-Z]+/g, String(t.units[0]?.id ?? 1));
      for (const role of Role.options) {
        const session = sessions.get(role);
        if (!session) continue;
        const response = await app.inject({
          method: route.method as 'GET' | 'POST',
          url,
          headers: session.headers,
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
        const refused = response.statusCode === 403 && response.json().error.code === 'access.forbidden';
        if (refused === hasPermission(role, permission)) {
          disagreements.push(`${role} ${route.method} ${route.url}: ${response.statusCode}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
