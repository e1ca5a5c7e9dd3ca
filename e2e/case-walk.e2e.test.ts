import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseMapResponse, CasePage, DemoAccount, LocateResult } from '#contracts';
import { browserAvailable, launchChromium } from './support/browser.ts';
import { type ServerProcess, startServer, waitUntilHealthy } from './support/server-process.ts';
import { DEMO_PASSWORD, signInOverHttp } from './support/session.ts';

/**
 * Issue 4, "Done when": the closed loop walked in Chromium through the pages on the Longkou demo.
 * The rider reports with a photo on the 375 px report page → grid1 (phone) accepts, handles and
 * escalates → community staff (desk) dispatch to the responsible department → department staff
 * acknowledge (报到) and report back with a photo → grid1 verifies on site → the rider rates 不满意
 * from the phone → reopened → grid1 resolves and verifies → the rider rates 满意 → grid1 closes.
 * The case page's timeline then lists every step; the city map shows the open case on the way.
 * Each step is screenshotted into .test-artifacts/walk-*.png.
 */

const root = path.resolve(import.meta.dirname, '..');
const artifacts = path.join(root, '.test-artifacts');
/** 市容环境 · 暴露垃圾: answered by 市综合行政执法局 (ZHZF), the demo `department` account's. */
const CATEGORY = { major: '2001', code: '200102', department: 'ZHZF' };

interface Feature {
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

describe.runIf(browserAvailable())('the closed loop in Chromium, page by page', () => {
  // The photos beside the server's data directory, not in it (startServer copies the demo only into an empty one).
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhi-e2e-walk-'));
  const dataDir = path.join(workDir, 'data');
  const photos = {
    report: path.join(workDir, 'rubbish.jpg'),
    evidence: path.join(workDir, 'cleared.jpg'),
  };
  let server: ServerProcess;
  let browser: Browser;
  let admin: Record<string, string>;
  let point: { lng: number; lat: number };
  let gridId: number;
  let caseId: number;
  let shots = 0;

  const api = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${server.url}${route}`, { headers: admin });
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const caseNow = () => api<CaseDetail>(`/api/cases/${caseId}`);

  /** A screenshot once the page has settled: lists loaded, images drawn. */
  const shot = async (page: Page, name: string) => {
    await page.waitForFunction(
      () =>
        !document.querySelector('.ant-spin-spinning') &&
        Array.from(document.images).every((image) => image.complete),
    );
    shots += 1;
    await page.screenshot({
      path: path.join(artifacts, `walk-${String(shots).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-web-build.ts'], {
      cwd: root,
      stdio: 'inherit',
    });
    fs.mkdirSync(artifacts, { recursive: true });
    // Two photos made here: rubbish by the road, and the same spot cleared.
    const photo = (file: string, fill: string | null) =>
      sharp({ create: { width: 640, height: 480, channels: 3, background: '#9aa3a8' } })
        .composite(
          fill
            ? [
                {
                  input: Buffer.from(
                    `<svg width="640" height="480"><rect x="180" y="220" width="280" height="160" rx="30" fill="${fill}"/></svg>`,
                  ),
                },
              ]
            : [],
        )
        .jpeg({ quality: 80 })
        .toFile(file);
    await photo(photos.report, '#4a3b2a');
    await photo(photos.evidence, null);
    server = await startServer({ dataDir });
    await waitUntilHealthy(server);
    browser = await launchChromium();
    admin = await signInOverHttp(server.url, 'admin');
    const accounts = (await (await fetch(`${server.url}/api/demo/accounts`)).json()) as DemoAccount[];
    const grid1 = accounts.find((a) => a.username === 'grid1');
    if (!grid1?.scope.id) throw new Error('no grid1 demo account');
    gridId = grid1.scope.id;
    point = await pointInGrid(gridId);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  /** A unit's interior point in the grid, checked with the server's own lookup. */
  async function pointInGrid(grid: number): Promise<{ lng: number; lat: number }> {
    const units = await api<{ features: Feature[] }>(`/api/territory/geojson?level=unit&within=${grid}`);
    for (const feature of units.features) {
      const ring = (
        feature.geometry.type === 'Polygon'
          ? (feature.geometry.coordinates as number[][][])[0]
          : (feature.geometry.coordinates as number[][][][])[0]?.[0]
      ) as number[][];
      const lng = ring.reduce((sum, c) => sum + (c[0] as number), 0) / ring.length;
      const lat = ring.reduce((sum, c) => sum + (c[1] as number), 0) / ring.length;
      const response = await fetch(`${server.url}/api/territory/locate?lng=${lng}&lat=${lat}`, {
        headers: admin,
      });
      if (response.ok && ((await response.json()) as LocateResult).grid.id === grid) return { lng, lat };
    }
    throw new Error(`no interior point found in grid ${grid}`);
  }

  /** A signed-in browser context: a phone (375 px, touch, located at the point) or a desk (1280 px). */
  async function signedIn(
    username: string,
    device: 'phone' | 'desk',
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext(
      device === 'phone'
        ? {
            viewport: { width: 375, height: 812 },
            deviceScaleFactor: 2,
            isMobile: true,
            hasTouch: true,
            geolocation: { latitude: point.lat, longitude: point.lng, accuracy: 10 },
            permissions: ['geolocation'],
          }
        : { viewport: { width: 1280, height: 900 } },
    );
    const login = await context.request.post(`${server.url}/api/auth/login`, {
      data: { username, password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    return { context, page };
  }

  /** The page fits the phone's width (nothing to scroll sideways). */
  const fitsWidth = async (page: Page) =>
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

  /** Opens the case from the account's home queue (`/` leads to it). */
  async function openFromQueue(page: Page, queuePath: string, name: string, timed = true): Promise<void> {
    await page.goto(`${server.url}/`);
    await page.waitForURL((url) => url.pathname === queuePath);
    const row = page.getByTestId(`case-row-${caseId}`);
    // Due first: with the demo year's open cases in the same queue, the new one may be on a later page.
    await page.locator('[data-testid^="case-row-"]').first().waitFor();
    while (!(await row.isVisible())) {
      const next = page.locator('.ant-pagination-next').first();
      if ((await next.count()) === 0 || (await next.getAttribute('aria-disabled')) === 'true') break;
      await next.click();
      await page.waitForTimeout(300);
    }
    await row.waitFor();
    // A step with a time limit shows its light (a rated case waits for nobody's deadline).
    await expect(row.getByTestId('case-light').getAttribute('data-light')).resolves.toMatch(
      timed ? /^(green|yellow|red)$/ : /^(green|yellow|red|none)$/,
    );
    await fitsWidth(page);
    await shot(page, name);
    await row.click();
    await page.getByTestId('case-page').waitFor();
  }

  /** Makes a move on the case page and waits for the status it leads to. */
  async function makeMove(
    page: Page,
    move: string,
    to: string,
    fill?: { reason?: string; note?: string; photo?: string },
  ): Promise<void> {
    await page.getByTestId(`case-move-${move}`).click();
    const form = page.getByTestId(`case-move-form-${move}`);
    await form.waitFor();
    if (fill?.photo) {
      await page.getByTestId('case-move-photos').locator('input[type=file]').setInputFiles(fill.photo);
      await page.locator('.ant-upload-list-item-done').first().waitFor();
    }
    if (fill?.reason) await page.getByTestId('case-move-reason').fill(fill.reason);
    if (fill?.note) await page.getByTestId('case-move-note').fill(fill.note);
    await page.getByTestId('case-move-submit').click();
    await page
      .locator(`[data-testid="case-page"][data-status="${to}"]`)
      // A move is one request, but CI runs the browser files side by side on two cores.
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        // Say what the page said (the move's error, or none) and keep a picture of it.
        const said = await page.getByTestId('case-move-error').allInnerTexts();
        await shot(page, `${move}-failed`);
        throw new Error(`${move} did not lead to ${to}: ${said.join(' / ') || 'no error shown'}`, {
          cause: error,
        });
      });
  }

  /** The rider's 我的上报 on the phone: the case waits for a rating; rate it. */
  async function rate(rating: 'satisfied' | 'dissatisfied', comment: string, name: string) {
    const { context, page } = await signedIn('rider', 'phone');
    await page.goto(`${server.url}/report.html#mine`);
    const item = page.getByTestId(`my-case-${caseId}`);
    await item.getByTestId('my-case-rate').waitFor();
    await expect(item.getByTestId('my-case-stage').innerText()).resolves.toBe('待您评价');
    // The demo is seeded relative to now: the rider may have other cases waiting for a rating too.
    const awaiting = Number(await page.getByTestId('report-tab-awaiting').innerText());
    expect(awaiting).toBeGreaterThanOrEqual(1);
    await item.getByTestId('my-case-toggle').click();
    await item.getByTestId('my-case-progress').waitFor();
    await item.getByTestId(`my-case-rate-${rating}`).click();
    await item.getByTestId('my-case-rate-comment').fill(comment);
    await fitsWidth(page);
    await shot(page, `${name}-choosing`);
    await item.getByTestId('my-case-rate-submit').click();
    await item.getByTestId('my-case-rate').waitFor({ state: 'detached' });
    // This case no longer waits: the count drops by one (and the badge goes at zero).
    if (awaiting === 1) await page.getByTestId('report-tab-awaiting').waitFor({ state: 'detached' });
    else
      await expect.poll(() => page.getByTestId('report-tab-awaiting').innerText()).toBe(String(awaiting - 1));
    await shot(page, name);
    await context.close();
  }

  // Thirteen moves by four accounts on two devices: far longer than one page's test.
  it('walks a rider’s photo report to a closed case through the pages', { timeout: 480_000 }, async () => {
    // 1. The rider reports on the phone report page, then finds the case under 我的上报.
    {
      const { context, page } = await signedIn('rider', 'phone');
      await page.goto(`${server.url}/report.html`);
      await page.getByTestId('report-form').waitFor();
      await page.getByTestId('report-category-major').selectOption(CATEGORY.major);
      await page.getByTestId('report-category').selectOption(CATEGORY.code);
      await page.getByTestId('report-description').fill('小区东门外垃圾堆放三天无人清运（页面走查）');
      await page.getByTestId('report-locate').click();
      await page.getByTestId('report-point').getByText('已定位').waitFor();
      await page.getByTestId('report-photos').setInputFiles(photos.report);
      await page.locator('.rp-thumb img').first().waitFor();
      await fitsWidth(page);
      await shot(page, 'rider-report');
      await page.getByTestId('report-submit').click();
      const code = await page.getByTestId('report-tracking-code').innerText();
      const inGrid = await api<CasePage>(`/api/cases?placeId=${gridId}&limit=100`);
      const created = inGrid.cases.find((c) => c.trackingCode === code);
      if (!created) throw new Error(`case ${code} is not in grid1's grid`);
      caseId = created.id;
      expect(created.status).toBe('reported');
      await shot(page, 'rider-reported');
      await page.getByTestId('report-tab-mine').click();
      const item = page.getByTestId(`my-case-${caseId}`);
      await item.waitFor();
      await expect(item.getAttribute('data-status')).resolves.toBe('reported');
      await expect(item.getByTestId('my-case-stage').innerText()).resolves.toBe('待受理');
      await fitsWidth(page);
      await shot(page, 'rider-my-reports');
      await context.close();
    }

    // 2. grid1, on the phone: the queue holds it; accept, start handling, escalate with a reason.
    {
      const { context, page } = await signedIn('grid1', 'phone');
      await openFromQueue(page, '/cases/queue', 'grid1-queue');
      await page.getByTestId('case-photos').locator('img').first().waitFor();
      await fitsWidth(page);
      await shot(page, 'grid1-case');
      await makeMove(page, 'accept', 'accepted');
      await makeMove(page, 'start_handling', 'in_progress');
      await page.getByTestId('case-move-escalate').click();
      await page.getByTestId('case-move-reason').fill('垃圾为商户违规倾倒，需执法部门依法处理');
      await shot(page, 'grid1-escalating');
      await page.getByTestId('case-move-submit').click();
      await page.locator('[data-testid="case-page"][data-status="escalated_community"]').waitFor();
      await fitsWidth(page);
      await shot(page, 'grid1-escalated');
      await context.close();
    }

    // The open case is on the community's city map, coloured by its light; a click opens it.
    {
      const { context, page } = await signedIn('community', 'desk');
      await page.goto(`${server.url}/cases/map`);
      await page.waitForFunction(() => window.__jingzhiCaseMap?.ready === true);
      const map = await api<CaseMapResponse>(`/api/cases/map?placeId=${gridId}`);
      expect(map.points.find((p) => p[0] === caseId)?.[5]).toBe('escalated_community');
      const at = await page.evaluate((id) => window.__jingzhiCaseMap?.pointAt(id) ?? null, caseId);
      if (!at) throw new Error('the case is not drawn on the map');
      await shot(page, 'community-map');
      await page.mouse.click(at[0], at[1]);
      await page.waitForURL((url) => url.pathname === `/cases/${caseId}`);
      await context.close();
    }

    // 3. Community staff, at a desk: incoming escalations; dispatch to the responsible department.
    {
      const { context, page } = await signedIn('community', 'desk');
      await openFromQueue(page, '/cases/escalations', 'community-escalations');
      await page.getByTestId('case-move-dispatch').click();
      // The responsibility list's department is chosen already.
      await expect(page.getByTestId('case-move-form-dispatch').innerText()).resolves.toContain(
        `市综合行政执法局（${CATEGORY.department}）`,
      );
      await shot(page, 'community-dispatching');
      await page.getByTestId('case-move-submit').click();
      await page.locator('[data-testid="case-page"][data-status="dispatched"]').waitFor();
      await shot(page, 'community-dispatched');
      await context.close();
    }

    // 4. Department staff: the inbox; acknowledge (报到), report back with an evidence photo.
    {
      const { context, page } = await signedIn('department', 'desk');
      await openFromQueue(page, '/cases/inbox', 'department-inbox');
      await makeMove(page, 'acknowledge', 'acknowledged');
      await makeMove(page, 'report_back', 'reported_back', {
        photo: photos.evidence,
        note: '已责令商户清运，现场已清理完毕',
      });
      await shot(page, 'department-reported-back');
      await context.close();
    }

    // 5. grid1 verifies on site with a photo.
    {
      const { context, page } = await signedIn('grid1', 'phone');
      await openFromQueue(page, '/cases/queue', 'grid1-queue-to-verify');
      await makeMove(page, 'verify', 'verified', { photo: photos.evidence, note: '现场核查：已清理' });
      await shot(page, 'grid1-verified');
      await context.close();
    }

    // 6. The rider is not satisfied: the case is reopened for the grid.
    await rate('dissatisfied', '清运后又有人倾倒，请彻底处理', 'rider-dissatisfied');
    expect((await caseNow()).status).toBe('reopened');

    // 7. grid1 fixes it in the grid and verifies again.
    {
      const { context, page } = await signedIn('grid1', 'phone');
      await openFromQueue(page, '/cases/queue', 'grid1-queue-reopened');
      await makeMove(page, 'resolve', 'resolved_by_grid', {
        photo: photos.evidence,
        note: '联系物业设置围挡并张贴告示',
      });
      await makeMove(page, 'verify', 'verified', { photo: photos.evidence });
      await shot(page, 'grid1-resolved-verified');
      await context.close();
    }

    // 8. The rider is satisfied; grid1 closes the case (结案).
    await rate('satisfied', '处理及时，谢谢', 'rider-satisfied');
    expect((await caseNow()).status).toBe('rated');
    {
      const { context, page } = await signedIn('grid1', 'phone');
      await openFromQueue(page, '/cases/queue', 'grid1-queue-rated', false);
      await makeMove(page, 'close', 'closed');
      await expect(page.getByTestId('case-rating').innerText()).resolves.toBe('满意');
      // The timeline lists every step, in order.
      const steps = await page
        .getByTestId('case-timeline')
        .locator('[data-testid^="case-timeline-"]')
        .evaluateAll((nodes) =>
          nodes.map((node) => node.getAttribute('data-testid')?.slice('case-timeline-'.length)),
        );
      expect(steps).toEqual([
        'report',
        'accept',
        'start_handling',
        'escalate',
        'dispatch',
        'acknowledge',
        'report_back',
        'verify',
        'rate',
        'resolve',
        'verify',
        'rate',
        'close',
      ]);
      await fitsWidth(page);
      await shot(page, 'grid1-closed');
      await context.close();
    }

    // The same timeline at a desk, and through the API.
    {
      const { context, page } = await signedIn('community', 'desk');
      await page.goto(`${server.url}/cases/${caseId}`);
      await page.locator('[data-testid="case-page"][data-status="closed"]').waitFor();
      await page.getByTestId('case-timeline-close').waitFor();
      await shot(page, 'community-closed-case');
      await context.close();
    }
    const closed = await caseNow();
    expect(closed.status).toBe('closed');
    expect(closed.reopenCount).toBe(1);
    expect(closed.timeline.map((e) => `${e.event}:${e.to}`)).toEqual([
      'report:reported',
      'accept:accepted',
      'start_handling:in_progress',
      'escalate:escalated_community',
      'dispatch:dispatched',
      'acknowledge:acknowledged',
      'report_back:reported_back',
      'verify:verified',
      'rate:reopened',
      'resolve:resolved_by_grid',
      'verify:verified',
      'rate:rated',
      'close:closed',
    ]);
    expect(closed.departments.map((d) => [d.code, d.status])).toEqual([
      [CATEGORY.department, 'reported_back'],
    ]);
    // Closed cases leave the city map.
    const map = await api<CaseMapResponse>(`/api/cases/map?placeId=${gridId}`);
    expect(map.points.some((p) => p[0] === caseId)).toBe(false);
  });
});
