import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Me,
  ResidentPage,
  ServiceItemPage,
  ServiceRequestPage,
  ServiceSitePage,
  Slot,
} from '#contracts';
import { browserAvailable, launchChromium } from './support/browser.ts';
import { type ServerProcess, startServer, waitUntilHealthy } from './support/server-process.ts';
import { DEMO_PASSWORD, signInOverHttp } from './support/session.ts';

/**
 * Services (幸福365) in Chromium on the Longkou demo: a resident books a slot on the phone (375 px)
 * and finds it under 我的预约; a worker at a community's one-window desk (1280 px) takes an item
 * handled by another community for a resident, and the request shows as routed (已受理转办).
 */

const root = path.resolve(import.meta.dirname, '..');
const artifacts = path.join(root, '.test-artifacts');

describe.runIf(browserAvailable())('services in Chromium', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhi-e2e-services-'));
  let server: ServerProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const api = async <T>(headers: Record<string, string>, route: string): Promise<T> => {
    const response = await fetch(`${server.url}${route}`, { headers });
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  async function open(username: string, phone = false): Promise<Page> {
    const context = await browser.newContext(
      phone
        ? { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
        : { viewport: { width: 1280, height: 900 } },
    );
    contexts.push(context);
    const login = await context.request.post(`${server.url}/api/auth/login`, {
      data: { username, password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    return page;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(artifacts, `services-${name}.png`), fullPage: true });

  /** Picks an option of an antd select by its label. */
  const choose = async (page: Page, testId: string, label: string, search?: string) => {
    await page.locator(`[data-testid="${testId}"]`).click();
    if (search) await page.keyboard.type(search);
    await page.locator(`.ant-select-item-option[title="${label}"]`).first().click();
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-web-build.ts'], {
      cwd: root,
      stdio: 'inherit',
    });
    fs.mkdirSync(artifacts, { recursive: true });
    server = await startServer({ dataDir });
    // The demo seeds on first start; on a busy machine that takes minutes.
    await waitUntilHealthy(server, 540_000);
    browser = await launchChromium();
  }, 600_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a resident books a slot on the phone and sees it under 我的预约', async () => {
    // A bookable item with a free slot later today or this week, at a site offering it.
    const resident = await signInOverHttp(server.url, 'resident');
    const sites = await api<ServiceSitePage>(resident, '/api/services/sites?limit=500');
    const items = await api<ServiceItemPage>(resident, '/api/services/items?bookable=true&limit=200');
    const soon = Date.now() + 60 * 60 * 1000;
    let found: { slot: Slot; siteName: string; code: string } | undefined;
    for (const site of sites.sites) {
      const { slots } = await api<{ slots: Slot[] }>(resident, `/api/services/slots?siteId=${site.id}`);
      const slot = slots.find((s) => s.free > 0 && new Date(s.startsAt).getTime() > soon);
      const item = slot && items.items.find((i) => i.id === slot.item.id && i.offeredAt.includes(site.kind));
      if (slot && item) {
        found = { slot, siteName: site.name, code: item.code };
        break;
      }
    }
    if (!found) throw new Error('no free slot in the demo');

    const page = await open('resident', true);
    await page.goto(`${server.url}/my/services`);
    await page.getByTestId('resident-services').waitFor();
    await page.getByTestId('items-search').locator('input').fill(found.slot.item.name);
    await page.getByTestId('items-search').locator('input').press('Enter');
    await page.getByTestId(`book-${found.code}`).click();
    await page.getByTestId('book-slot').waitFor();
    await choose(page, 'book-site', found.siteName, found.siteName);
    await page.getByTestId(`slot-${found.slot.id}`).waitFor();
    await shot(page, 'book-phone');
    await page.getByTestId(`slot-${found.slot.id}`).click();
    await page.getByText('预约成功').waitFor();
    await page.getByRole('tab', { name: '我的预约' }).click();
    const mine = page.getByTestId('my-appointments');
    await mine.waitFor();
    await expect.poll(async () => (await mine.textContent()) ?? '').toContain(found.slot.item.name);
    expect(await mine.textContent()).toContain(found.siteName);
    await shot(page, 'my-appointments-phone');
    // No page is wider than the phone.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
  }, 300_000);

  it('a worker at the one-window desk takes an item handled by another community: routed', async () => {
    const community = await signInOverHttp(server.url, 'community');
    const me = await api<Me>(community, '/api/auth/me');
    const own = await api<ServiceSitePage>(community, `/api/services/sites?placeId=${me.scope.id}&limit=500`);
    const ownIds = new Set(own.sites.map((s) => s.id));
    const window = own.sites.find((s) => s.kind === 'centre') ?? own.sites[0];
    if (!window) throw new Error('no site at the community');
    const items = await api<ServiceItemPage>(community, '/api/services/items?limit=200');
    const elsewhere = items.items.find((i) => i.handler.kind === 'site' && !ownIds.has(i.handler.id));
    if (!elsewhere) throw new Error('no item handled by another community');
    const residents = await api<ResidentPage>(community, '/api/people/residents?limit=1');
    const resident = residents.residents[0];
    if (!resident) throw new Error('no resident at the community');

    const page = await open('community');
    await page.goto(`${server.url}/services/desk`);
    await page.getByTestId('one-window-desk').waitFor();
    await choose(page, 'desk-site', window.name);
    await choose(page, 'desk-item', elsewhere.name, elsewhere.name);
    const { household } = resident;
    await choose(
      page,
      'desk-resident',
      `${resident.name} · ${household.community.name} ${household.building.name}${household.doorNumber}`,
      resident.name,
    );
    await page.getByTestId('desk-submit').click();
    await page.getByText('已受理并转办').first().waitFor();

    const taken = await api<ServiceRequestPage>(community, '/api/services/requests?limit=50');
    const request = taken.requests.find((r) => r.item.id === elsewhere.id && r.resident.id === resident.id);
    expect(request).toMatchObject({
      status: 'routed',
      intakeSite: { id: window.id },
      handler: { kind: 'site', id: elsewhere.handler.id },
    });
    const row = page.locator('tr', { hasText: elsewhere.name }).first();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('已受理转办');
    expect(await row.textContent()).toContain(elsewhere.handler.name);
    // The intake window follows it; only the handling community accepts it.
    expect(await row.textContent()).toContain('待承办方接收');
    expect(await row.getByRole('button', { name: /接\s?收/ }).count()).toBe(0);
    await shot(page, 'desk-desktop');
  }, 300_000);
});
