import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from './support/browser.ts';
import { fetchJson, type ServerProcess, startServer, waitUntilHealthy } from './support/server-process.ts';

/** The pages as their users see them, in Chromium, on the Longkou demo. */

const root = path.resolve(import.meta.dirname, '..');
const artifacts = path.join(root, '.test-artifacts');

describe.runIf(browserAvailable())('territory pages in Chromium', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhi-e2e-'));
  let server: ServerProcess;
  let browser: Browser;
  /** The administrator's session (cookies), signed in once and given to every page's context. */
  let signedIn: BrowserContextOptions['storageState'];
  let sessionCookie = '';

  beforeAll(async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-web-build.ts'], {
      cwd: root,
      stdio: 'inherit',
    });
    fs.mkdirSync(artifacts, { recursive: true });
    server = await startServer({ dataDir });
    await waitUntilHealthy(server);
    browser = await launchChromium();
    // Every /api route but sign-in needs a session: sign in once, as the demo administrator.
    const context = await browser.newContext();
    const login = await context.request.post(`${server.url}/api/auth/login`, {
      data: { username: 'admin', password: 'Longkou-2229' },
    });
    expect(login.status()).toBe(200);
    signedIn = await context.storageState();
    sessionCookie = (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A page in its own context that carries the administrator's session. */
  async function signedInPage(width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, storageState: signedIn });
    const page = await context.newPage();
    page.on('close', () => {
      context.close().catch(() => {});
    });
    return page;
  }

  /** GET an API route with the administrator's session. */
  const apiJson = <T>(path: string): Promise<T> =>
    fetchJson<T>(`${server.url}${path}`, { headers: { cookie: sessionCookie } });

  async function openTerritory(width: number, height: number, query = ''): Promise<Page> {
    const page = await signedInPage(width, height);
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${server.url}/territory${query}`);
    await page.waitForFunction(() => window.__jingzhiMap?.ready === true, undefined, { timeout: 60_000 });
    return page;
  }

  it('draws all 2229 units and shows the counts', async () => {
    const page = await openTerritory(1440, 900);
    expect(await page.evaluate(() => window.__jingzhiMap?.unitCount)).toBe(2229);
    expect(await page.getByTestId('summary-units').innerText()).toBe('2229');
    await expect(page.getByTestId('map').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(artifacts, 'territory-desktop.png') });
    await page.close();
  });

  it('finds a unit by its code and opens its card with grid, community and buildings', async () => {
    const located = await apiJson<{
      unit: { id: number; code: string; name: string };
      grid: { name: string };
    }>('/api/territory/locate?lng=120.48&lat=37.645');
    const page = await openTerritory(1440, 900);
    await page.getByTestId('territory-search').fill(located.unit.code);
    await page.locator('.jz-search-popup .jz-hit').first().click();
    const card = page.getByTestId('unit-card');
    await expect(card.getByTestId('card-code').innerText()).resolves.toContain(located.unit.code);
    await expect(card.innerText()).resolves.toContain(located.grid.name);
    await card.getByTestId('buildings-table').waitFor();
    await page.keyboard.press('Escape');
    await page.waitForTimeout(800); // let the map's zoom animation settle before the picture
    await page.screenshot({ path: path.join(artifacts, 'territory-card.png') });
    await page.close();
  });

  it('opens the card of the unit clicked on the map', async () => {
    const page = await openTerritory(1440, 900);
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('card-code').innerText({ timeout: 15_000 })).resolves.toMatch(/^\d{18}$/);
    await page.close();
  });

  it('works on a 375 px phone: map across the width, nothing overflowing, card from a place link', async () => {
    const { unit } = await apiJson<{ unit: { id: number; code: string } }>(
      '/api/territory/locate?lng=120.48&lat=37.645',
    );
    const page = await openTerritory(375, 812, `?place=${unit.id}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const map = await page.getByTestId('map').boundingBox();
    expect(map?.width).toBeGreaterThan(300);
    if (unit)
      await expect(page.getByTestId('card-code').innerText({ timeout: 15_000 })).resolves.toContain(
        unit.code,
      );
    await page.screenshot({ path: path.join(artifacts, 'territory-phone.png') });
    await page.close();
  });

  it('switches to English and back', async () => {
    const page = await openTerritory(1440, 900);
    const body = page.locator('body');
    await expect(body.innerText()).resolves.toContain('辖区地图');
    await page.getByTestId('lang-switch').click();
    await expect(body.innerText()).resolves.toContain('Territory');
    await page.getByTestId('lang-switch').click();
    await expect(body.innerText()).resolves.toContain('辖区地图');
    await page.close();
  });

  it('shows the demo’s legacy layers and their mapping to unified grids', async () => {
    const page = await signedInPage(1440, 900);
    await page.goto(`${server.url}/legacy-layers`);
    await page.getByTestId('legacy-layers-table').locator('tbody tr.ant-table-row').first().waitFor();
    const rows = await page.getByTestId('legacy-layers-table').locator('tbody tr.ant-table-row').count();
    expect(rows).toBeGreaterThanOrEqual(3);
    // The administrator holds territory.write: the import form is there.
    await expect(page.getByTestId('legacy-upload').isVisible()).resolves.toBe(true);
    await page.getByTestId('legacy-layers-table').locator('tbody tr.ant-table-row').first().click();
    await page.getByTestId('legacy-mapping-table').locator('tbody tr.ant-table-row').first().waitFor();
    await expect(page.getByTestId('legacy-mapping-table').innerText()).resolves.toMatch(/%/);
    await page.screenshot({ path: path.join(artifacts, 'legacy-layers.png') });
    await page.close();
  });
});
