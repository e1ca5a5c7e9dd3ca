import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me, Permission } from '#contracts';
import { browserAvailable, launchChromium } from './support/browser.ts';
import { type ServerProcess, startServer, waitUntilHealthy } from './support/server-process.ts';

/** Sign-in, menus by role and the audit log, in Chromium, on the Longkou demo (demo accounts seeded). */

const root = path.resolve(import.meta.dirname, '..');
const artifacts = path.join(root, '.test-artifacts');
const DEMO_PASSWORD = 'Longkou-2229';

/**
 * The side menu the web derives from an account's permissions (web/src/app/routes.tsx): the
 * territory admin pages are for place-scoped staff, so department staff see the map only.
 */
const has = (me: Me, permission: Permission) => me.permissions.includes(permission);
const MENU: {
  key: string;
  /** Who sees it, as the page rules say (permission first, then role or scope where it matters). */
  shown: (me: Me) => boolean;
  placeScopedOnly?: boolean;
  scopes?: Me['scope']['level'][];
}[] = [
  { key: 'cases-queue', shown: (me) => has(me, 'cases.handle'), scopes: ['grid'] },
  { key: 'cases-escalations', shown: (me) => has(me, 'cases.handle'), scopes: ['community', 'subdistrict'] },
  { key: 'cases-inbox', shown: (me) => has(me, 'cases.handle'), scopes: ['department'] },
  { key: 'territory', shown: (me) => has(me, 'territory.read') },
  { key: 'cases-list', shown: (me) => has(me, 'cases.read') },
  { key: 'cases-measures', shown: (me) => has(me, 'cases.measures') },
  { key: 'cases-map', shown: (me) => has(me, 'cases.handle') || has(me, 'cases.supervise') },
  { key: 'cases-report', shown: (me) => has(me, 'cases.report') },
  { key: 'cases-import', shown: (me) => has(me, 'cases.import') },
  { key: 'my-services', shown: (me) => me.role === 'resident' && has(me, 'appointments.book') },
  { key: 'my-matters', shown: (me) => has(me, 'deliberation.vote') },
  {
    key: 'services-desk',
    shown: (me) => has(me, 'services.read') && me.role !== 'resident' && me.role !== 'steward',
  },
  { key: 'services-schedule', shown: (me) => has(me, 'appointments.manage') },
  { key: 'stewards', shown: (me) => has(me, 'stewards.read') && me.role !== 'resident' },
  { key: 'deliberation', shown: (me) => has(me, 'deliberation.read') && me.role !== 'resident' },
  { key: 'legacy-layers', shown: (me) => has(me, 'territory.read'), placeScopedOnly: true },
  { key: 'changes', shown: (me) => has(me, 'territory.read'), placeScopedOnly: true },
  { key: 'acc-board', shown: (me) => has(me, 'accountability.read') },
  { key: 'acc-report', shown: (me) => has(me, 'accountability.report') },
  { key: 'acc-meetings', shown: (me) => has(me, 'accountability.read') },
  { key: 'acc-bulletins', shown: (me) => has(me, 'accountability.read') },
  { key: 'acc-flags', shown: (me) => has(me, 'accountability.read') },
  { key: 'acc-duty', shown: (me) => has(me, 'accountability.read') },
  { key: 'staff', shown: (me) => has(me, 'people.read') },
  { key: 'residents', shown: (me) => has(me, 'residents.read') },
  { key: 'party', shown: (me) => has(me, 'party.read') },
  { key: 'case-categories', shown: (me) => has(me, 'cases.configure') },
  { key: 'calendar', shown: (me) => has(me, 'calendar.manage') },
  { key: 'performance-pledges', shown: (me) => has(me, 'performance.read') },
  { key: 'performance-liaison', shown: (me) => has(me, 'performance.read') },
  { key: 'performance-reports', shown: (me) => has(me, 'performance.read') },
  { key: 'performance-assessment', shown: (me) => has(me, 'performance.read') },
  { key: 'audit', shown: (me) => has(me, 'audit.read') },
  { key: 'me', shown: (me) => has(me, 'self.read') },
];

function expectedMenu(me: Me): string[] {
  const placeScoped = me.scope.level !== 'department' && me.scope.level !== 'self';
  return MENU.filter(
    (item) =>
      item.shown(me) &&
      (!item.placeScopedOnly || placeScoped) &&
      (!item.scopes || item.scopes.includes(me.scope.level)),
  ).map((item) => `nav-${item.key}`);
}

describe.runIf(browserAvailable())('sign-in and menus by role in Chromium', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhi-e2e-access-'));
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-web-build.ts'], {
      cwd: root,
      stdio: 'inherit',
    });
    fs.mkdirSync(artifacts, { recursive: true });
    server = await startServer({ dataDir });
    await waitUntilHealthy(server);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh browser context (no cookies) with one page; closing the page closes the context. */
  async function freshPage(width = 1440, height = 900): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    // The context may already be closing with the browser at the end: nothing to report then.
    page.on('close', () => {
      context.close().catch(() => {});
    });
    return page;
  }

  /** Signs in through the form, as a user would, and waits for the app's header. */
  async function signIn(page: Page, username: string, next = ''): Promise<Me> {
    await page.goto(`${server.url}/login${next}`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await page.getByTestId('login-submit').click();
    const response = await answered;
    expect(response.status()).toBe(200);
    await page.getByTestId('user-menu').waitFor();
    return (await response.json()) as Me;
  }

  /** The side menu's items (opening the drawer on phones). */
  async function menuItems(page: Page): Promise<string[]> {
    if (await page.getByTestId('menu-button').isVisible()) {
      await page.getByTestId('menu-button').click();
      await page.locator('.ant-drawer [data-testid^="nav-"]').first().waitFor();
    }
    return page
      .locator('[data-testid^="nav-"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-testid') ?? ''));
  }

  const noOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it('opens the sign-in page for any path, lists the demo accounts, and fills a username on click', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/changes`);
    await page.getByTestId('login-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/changes');
    const demo = page.getByTestId('demo-accounts');
    await expect(demo.innerText()).resolves.toContain(DEMO_PASSWORD);
    await expect(demo.innerText()).resolves.toContain('网格员');
    await page.getByTestId('demo-account-grid1').click();
    await expect(page.getByTestId('login-username').inputValue()).resolves.toBe('grid1');
    await page.screenshot({ path: path.join(artifacts, 'login-desktop.png'), fullPage: true });
    await page.close();

    const phone = await freshPage(375, 812);
    await phone.goto(`${server.url}/login`);
    await phone.getByTestId('demo-accounts').waitFor();
    expect(await noOverflow(phone)).toBeLessThanOrEqual(0);
    const submit = await phone.getByTestId('login-submit').boundingBox();
    expect(submit?.width).toBeGreaterThan(250);
    await phone.screenshot({ path: path.join(artifacts, 'login-phone.png') });
    await phone.close();
  });

  it('refuses a wrong password with a message in Chinese, and stays on the sign-in page', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('grid2');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').innerText()).resolves.toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.getByTestId('user-menu').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(artifacts, 'login-wrong-password.png') });
    await page.close();
  });

  it('signs the administrator in to every menu, the audit log included, and out again', async () => {
    const page = await freshPage();
    const me = await signIn(page, 'admin');
    expect(me.role).toBe('admin');
    const items = await menuItems(page);
    expect(items).toEqual(expectedMenu(me));
    for (const key of ['nav-territory', 'nav-legacy-layers', 'nav-changes', 'nav-audit'])
      expect(items).toContain(key);
    expect(items).not.toContain('nav-me');
    await expect(page.getByTestId('user-menu').innerText()).resolves.toContain('系统管理员');
    await page.screenshot({ path: path.join(artifacts, 'access-admin.png') });

    await page.getByTestId('nav-audit').click();
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await expect(table.innerText()).resolves.toContain('access.sign_in');
    // Filter by actor: only the administrator's entries remain.
    await page.getByTestId('audit-actor').fill('admin');
    const filtered = page.waitForResponse(
      (r) => r.url().includes('/api/audit?') && r.url().includes('actor=admin'),
    );
    await page.getByTestId('audit-search').click();
    await filtered;
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const actors = await table
      .locator('tbody tr.ant-table-row td:nth-child(3)')
      .evaluateAll((cells) => cells.map((cell) => cell.textContent ?? ''));
    expect(actors.length).toBeGreaterThan(0);
    for (const actor of actors) expect(actor).toMatch(/^admin/);
    await table.locator('.ant-table-row-expand-icon').first().click();
    await expect(page.getByTestId('audit-details').first().innerText()).resolves.toContain('{');
    await page.screenshot({ path: path.join(artifacts, 'access-audit.png'), fullPage: true });

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    const after = await page.request.get(`${server.url}/api/auth/me`);
    expect(after.status()).toBe(401);
    await page.close();
  });

  it('shows the administrator’s menu in the phone drawer at 375 px', async () => {
    const page = await freshPage(375, 812);
    const me = await signIn(page, 'admin');
    expect(await menuItems(page)).toEqual(expectedMenu(me));
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);
    await page.waitForTimeout(500); // the drawer slides in
    await page.screenshot({ path: path.join(artifacts, 'access-admin-phone.png') });
    await page.close();
  });

  it('gives a grid worker no audit log: not in the menu, and refused by address', async () => {
    const page = await freshPage();
    const me = await signIn(page, 'grid1');
    expect(me.role).toBe('grid_worker');
    const items = await menuItems(page);
    expect(items).toEqual(expectedMenu(me));
    expect(items).not.toContain('nav-audit');
    expect(items).toContain('nav-territory');
    await expect(page.getByTestId('user-menu').innerText()).resolves.toContain('第1网格');
    await page.screenshot({ path: path.join(artifacts, 'access-grid-worker.png') });
    await page.goto(`${server.url}/audit`);
    await expect(page.locator('.ant-result-title').innerText()).resolves.toContain('无权访问');
    await expect(page.getByTestId('audit-table').count()).resolves.toBe(0);
    await page.close();
  });

  it('shows a grid worker residents masked, and one record in full after a stated reason', async () => {
    const page = await freshPage();
    await signIn(page, 'grid1', '?next=%2Fresidents');
    const table = page.getByTestId('residents-table');
    const rows = table.locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const before = await table.innerText();
    expect(before).toMatch(/1\d{2}\*{4}\d{4}/);
    expect(before).not.toMatch(/(?<![\d*])1[3-9]\d{9}(?!\d)/);
    await page.screenshot({ path: path.join(artifacts, 'access-grid-worker-residents.png') });

    await page.getByTestId('unmask-button').first().click();
    // No reason, no request: the modal stays and says why.
    await page.getByTestId('unmask-confirm').click();
    await expect(page.getByTestId('unmask-reason').isVisible()).resolves.toBe(true);
    await page.getByTestId('unmask-reason').fill('入户走访前电话联系家属');
    const answered = page.waitForResponse((r) => /\/api\/people\/residents\/\d+\/unmask$/.test(r.url()));
    await page.getByTestId('unmask-confirm').click();
    expect((await answered).status()).toBe(200);
    await table.locator('.jz-revealed').first().waitFor();
    // That record only: the first row in full, the second still masked.
    await expect(rows.nth(0).innerText()).resolves.toMatch(/1[3-9]\d{9}/);
    await expect(rows.nth(1).innerText()).resolves.toMatch(/\*{4}/);
    expect(await table.locator('tbody tr.ant-table-row:has(.jz-revealed)').count()).toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'access-grid-worker-unmasked.png') });
    await page.close();
  });

  it('shows the administrator the staff directory, a grid’s party structure and the unmasking in the audit log', async () => {
    const accounts = (await (await fetch(`${server.url}/api/demo/accounts`)).json()) as {
      username: string;
      scope: { id: number | null };
    }[];
    const gridId = accounts.find((account) => account.username === 'grid1')?.scope.id;
    expect(gridId).toBeTypeOf('number');
    const page = await freshPage();
    await signIn(page, 'admin', '?next=%2Fstaff');
    await page.getByTestId('staff-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.goto(`${server.url}/party?grid=${gridId}`);
    const party = page.getByTestId('party-structure');
    await party.waitFor();
    await expect(party.innerText()).resolves.toContain('党支部');
    await page.screenshot({ path: path.join(artifacts, 'access-admin-party.png'), fullPage: true });
    await page.goto(`${server.url}/audit`);
    await page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();
    await expect(page.getByTestId('audit-table').innerText()).resolves.toContain('people.unmask_resident');
    await page.close();
  });

  it('gives a resident their own page and their own reports', async () => {
    const page = await freshPage();
    const me = await signIn(page, 'resident');
    expect(me.role).toBe('resident');
    expect(me.permissions).not.toContain('territory.read');
    const items = await menuItems(page);
    expect(items).toEqual(expectedMenu(me));
    expect(items).toEqual([
      'nav-cases-list',
      'nav-cases-report',
      'nav-my-services',
      'nav-my-matters',
      'nav-me',
    ]);
    expect(new URL(page.url()).pathname).toBe('/cases');
    await page.getByTestId('nav-me').click();
    await page.waitForURL('**/me');
    await page.getByTestId('my-information').locator('.ant-descriptions').first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('me-export').click();
    const exported = JSON.parse(fs.readFileSync((await (await download).path()) ?? '', 'utf8')) as {
      resident?: { name?: string };
    };
    expect(exported.resident?.name).toBeTruthy();
    await page.screenshot({ path: path.join(artifacts, 'access-resident.png') });
    await page.goto(`${server.url}/territory`);
    await expect(page.locator('.ant-result-title').innerText()).resolves.toContain('无权访问');
    await page.close();
  });

  it('starts each role on its work: a rider on their own reports, a city leader on the measures', async () => {
    // The grid worker's queue and the resident's cases are checked with their own pages.
    const landings: [username: string, path: string][] = [
      ['admin', '/territory'],
      ['leader', '/cases/measures'],
      ['community', '/cases/escalations'],
      ['department', '/cases/inbox'],
    ];
    for (const [username, landing] of landings) {
      const page = await freshPage();
      await signIn(page, username);
      expect(new URL(page.url()).pathname, username).toBe(landing);
      await page.close();
    }

    // The rider, on a phone: their reports first, the filters folded behind one button.
    const phone = await freshPage(390, 844);
    await signIn(phone, 'rider');
    expect(new URL(phone.url()).pathname).toBe('/cases');
    const list = phone.getByTestId('case-list');
    await expect(list.locator('.ant-card-head-title').innerText()).resolves.toBe('我的上报');
    await expect(phone.getByTestId('case-list-report').getAttribute('href')).resolves.toBe('/report.html');
    await expect(phone.getByTestId('case-filter-status').isVisible()).resolves.toBe(false);
    await phone.getByTestId('case-filters-toggle').click();
    await phone.getByTestId('case-filter-status').waitFor();
    expect(await noOverflow(phone)).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: path.join(artifacts, 'access-rider-phone.png') });
    await phone.close();
  });

  it('returns to sign-in when the session ends, and back to the page after signing in again', async () => {
    const page = await freshPage();
    const me = await signIn(page, 'secretary');
    await page.getByTestId('nav-changes').click();
    await page.getByTestId('changes-table').waitFor();
    // The session ends elsewhere (sign-out from another tab): the page hears it on its live
    // notification stream (or at its next request, a 401) and goes to sign-in.
    const out = await page.request.post(`${server.url}/api/auth/logout`, {
      headers: { 'x-csrf-token': me.csrfToken },
    });
    expect(out.status()).toBe(204);
    await page.getByTestId('login-form').waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/changes');
    await page.getByTestId('login-username').fill('secretary');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('changes-table').waitFor();
    expect(new URL(page.url()).pathname).toBe('/changes');
    await page.close();
  });
});
