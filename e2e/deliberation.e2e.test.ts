import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliberationTemplate, DemoAccount, Matter, MyMatters } from '#contracts';
import { browserAvailable, launchChromium } from './support/browser.ts';
import { type ServerProcess, startServer, waitUntilHealthy } from './support/server-process.ts';
import { DEMO_PASSWORD, signInOverHttp } from './support/session.ts';

/**
 * The grid council (网格善治会, 双线七议两公开) in Chromium on the Longkou demo: a matter goes through
 * all seven steps on the staff workspace (1280 px), online and offline steps mixed (meetings with
 * attendance and minutes); a step out of order is refused; the resident votes on the phone (375 px),
 * the page then shows the household's vote and offers no second one, and the server refuses a second;
 * both disclosures show on the grid's public notice page, opened without signing in, with no personal
 * data on it.
 */

const root = path.resolve(import.meta.dirname, '..');
const artifacts = path.join(root, '.test-artifacts');

describe.runIf(browserAvailable())('deliberation in Chromium', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhi-e2e-deliberation-'));
  let server: ServerProcess;
  let browser: Browser;
  let gridId: number;
  let residentName: string;
  const contexts: BrowserContext[] = [];

  const api = async <T>(
    headers: Record<string, string>,
    route: string,
    init: RequestInit = {},
  ): Promise<T> => {
    const response = await fetch(`${server.url}${route}`, {
      ...init,
      headers: { ...headers, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  /** A browser context with the account signed in (desktop 1280 for staff, phone 375 for residents). */
  async function open(username: string | null, phone = false): Promise<Page> {
    const context = await browser.newContext(
      phone
        ? { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
        : { viewport: { width: 1280, height: 900 } },
    );
    contexts.push(context);
    if (username) {
      const login = await context.request.post(`${server.url}/api/auth/login`, {
        data: { username, password: DEMO_PASSWORD },
      });
      expect(login.status()).toBe(200);
    }
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    return page;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(artifacts, `deliberation-${name}.png`), fullPage: true });

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
    const accounts = await api<DemoAccount[]>({}, '/api/demo/accounts');
    const grid1 = accounts.find((a) => a.username === 'grid1');
    if (!grid1?.scope.id) throw new Error('no grid1 demo account');
    gridId = grid1.scope.id;
    const resident = await signInOverHttp(server.url, 'resident');
    const mine = await api<MyMatters>(resident, '/api/deliberation/mine');
    expect(mine.grid.id).toBe(gridId);
    const me = await api<{ displayName: string }>(resident, '/api/auth/me');
    residentName = me.displayName;
    // A trial of the template's quorum (an administrator's setting, 可编辑): any turnout, a majority of
    // the votes cast; the demo grid has hundreds of households and one resident votes in this test.
    const admin = await signInOverHttp(server.url, 'admin');
    const template = await api<DeliberationTemplate>(admin, '/api/deliberation/template');
    await api(admin, '/api/deliberation/template', {
      method: 'PUT',
      body: JSON.stringify({
        steps: template.steps,
        quorum: { turnoutAbovePercent: 0, approvalAbovePercent: 50 },
      }),
    });
  }, 600_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function completeStep(
    page: Page,
    summary: string,
    meeting?: { place: string; expected: number; present: number; minutes: string },
  ): Promise<void> {
    const before = await page.getByTestId('step-form').locator('xpath=..').locator('xpath=..').textContent();
    await page.getByTestId('step-summary').fill(summary);
    if (meeting) {
      const box = page.getByTestId('step-with-meeting');
      if (!(await box.isChecked())) await box.check();
      await page.getByTestId('meeting-held-at').fill('2026-11-20T19:30');
      await page.getByTestId('meeting-place').fill(meeting.place);
      await page.getByTestId('meeting-expected').fill(String(meeting.expected));
      await page.getByTestId('meeting-present').fill(String(meeting.present));
      await page.getByTestId('meeting-minutes').fill(meeting.minutes);
    }
    await page.getByTestId('step-submit').click();
    // The card moves on to the next step (or goes once the matter is closed).
    await page.waitForFunction((text) => {
      const card = document.querySelector('[data-testid="step-form"]')?.parentElement?.parentElement;
      return !card || card.textContent !== text;
    }, before);
  }

  const matterOf = async (id: number) =>
    api<Matter>(await signInOverHttp(server.url, 'grid1'), `/api/deliberation/matters/${id}`);

  it('takes a matter through the seven steps, online and offline, refuses what is out of turn, and publishes both disclosures', async () => {
    // ---- grid1 opens the matter on the workspace ---------------------------------------------------
    const worker = await open('grid1');
    await worker.goto(`${server.url}/deliberation`);
    await worker.getByTestId('matter-new').click();
    await expect(worker.getByTestId('matter-grid').inputValue()).resolves.toBe(String(gridId));
    await worker.getByTestId('matter-title').fill('小区东门加装电动车充电桩');
    await worker
      .getByTestId('matter-description')
      .fill('居民反映电动车楼道充电有安全隐患，建议在东门空地加装充电桩。');
    await worker.getByTestId('matter-submit').click();
    await worker.getByTestId('matter-workspace').waitFor();
    const matterId = Number(/\/deliberation\/(\d+)/.exec(worker.url())?.[1]);
    expect(matterId).toBeGreaterThan(0);

    // Step 1 征集议题 (both lines), online only: a post and the record.
    await worker.getByTestId('post-body').fill('请各位居民就充电桩位置和收费提出意见');
    await worker.getByTestId('post-submit').click();
    await completeStep(worker, '共收集居民意见 23 条，均支持加装充电桩');
    expect((await matterOf(matterId)).currentStep).toBe(2);

    // Out of turn: step 3 while step 2 is current is refused, and nothing moves.
    await worker.locator('[data-testid="step-select"]').click();
    await worker.locator('.ant-select-item-option[title="第3步 议题公示"]').click();
    await worker.getByTestId('step-summary').fill('跳过支部审议');
    await worker.getByTestId('step-with-meeting').uncheck(); // step 2 is offline: the form proposes a meeting
    await worker.getByTestId('step-submit').click();
    await worker.getByTestId('step-refusal').waitFor();
    expect(await worker.getByTestId('step-refusal').textContent()).toContain(
      'deliberation.step_out_of_order',
    );
    expect((await matterOf(matterId)).currentStep).toBe(2);
    await shot(worker, 'refused-out-of-order-desktop');

    // Step 2 支部审议 (offline only), by the community secretary: a meeting with attendance and minutes.
    const secretary = await open('secretary');
    await secretary.goto(`${server.url}/deliberation/${matterId}`);
    await secretary.getByTestId('step-form').waitFor();
    await completeStep(secretary, '支部审议同意提交居民议事', {
      place: '社区党群服务中心会议室',
      expected: 9,
      present: 8,
      minutes: '支部委员8人出席，一致同意将充电桩议题提交网格善治会。',
    });
    expect((await matterOf(matterId)).currentStep).toBe(3);

    // Step 3 议题公示 (online).
    await worker.reload();
    await completeStep(worker, '议题已在网格群和公示栏公示 5 天');
    // Step 4 协商讨论 (both): a resident comments on the phone; then a meeting.
    const resident = await open('resident', true);
    await resident.goto(`${server.url}/my/matters`);
    const card = resident.getByTestId(`my-matter-${matterId}`);
    await card.waitFor();
    await card.getByTestId('comment-body').fill('建议装在东门自行车棚旁边');
    await card.getByTestId('comment-submit').click();
    await resident.getByText('意见已提交').waitFor();
    await worker.reload();
    await completeStep(worker, '居民代表协商，确定安装位置与收费标准', {
      place: '3号楼下议事亭',
      expected: 15,
      present: 12,
      minutes: '居民代表12人参加，讨论安装位置（东门车棚旁）和收费（每度电0.6元）。',
    });

    // Step 5 表决: the household votes on the phone; a second vote from it is refused.
    await resident.reload();
    await card.getByTestId('vote-for').click();
    await card.getByTestId('my-vote').waitFor();
    expect(await card.getByTestId('my-vote').textContent()).toContain('本户已投：同意');
    // The page shows the recorded vote and offers no second one; the server refuses one anyway.
    expect(await card.getByTestId('vote-for').getAttribute('aria-pressed')).toBe('true');
    for (const other of ['vote-for', 'vote-against', 'vote-abstain']) {
      expect(await card.getByTestId(other).isDisabled()).toBe(true);
    }
    const secondVote = await fetch(`${server.url}/api/deliberation/matters/${matterId}/votes`, {
      method: 'POST',
      headers: { ...(await signInOverHttp(server.url, 'resident')), 'content-type': 'application/json' },
      body: JSON.stringify({ choice: 'against' }),
    });
    expect(secondVote.status).toBe(409);
    expect(((await secondVote.json()) as { error: { code: string } }).error.code).toBe(
      'deliberation.already_voted',
    );
    await resident.reload();
    await card.getByTestId('my-vote').waitFor();
    expect(await card.getByTestId('vote-against').isDisabled()).toBe(true);
    await shot(resident, 'vote-phone');
    await worker.reload();
    await completeStep(worker, '表决结束，计票通过');
    const voted = await matterOf(matterId);
    expect(voted.tally).toMatchObject({ voted: 1, inFavour: 1, against: 0, adopted: true });

    // Step 6 决议公开 (online, the secretary): the first disclosure.
    await secretary.reload();
    await completeStep(secretary, '经网格善治会表决通过：在小区东门车棚旁加装10个电动车充电桩。');
    // Step 7 实施与结果公开 (both): a site meeting, and the second disclosure.
    await worker.reload();
    await completeStep(worker, '充电桩已于11月安装完成并投入使用，居民可扫码充电。', {
      place: '小区东门',
      expected: 6,
      present: 6,
      minutes: '现场验收，6名居民代表参加，验收合格。',
    });
    const done = await matterOf(matterId);
    expect(done.status).toBe('completed');
    expect(done.steps.every((s) => s.state === 'done')).toBe(true);
    await worker.reload();
    await worker.getByTestId('matter-record').waitFor();
    expect(await worker.getByTestId('matter-status').textContent()).toBe('已完成');
    await shot(worker, 'workspace-desktop');

    // The printable record keeps every step, the meetings' attendance and minutes.
    await worker.goto(`${server.url}/deliberation/${matterId}/print`);
    await worker.getByTestId('matter-print-page').waitFor();
    const printed = (await worker.getByTestId('matter-print-page').textContent()) ?? '';
    for (const s of done.steps) expect(printed).toContain(s.name);
    expect(printed).toContain('应到 9 人，实到 8 人');
    await shot(worker, 'print-desktop');

    // ---- the public notice page, without signing in --------------------------------------------------
    const visitor = await open(null, true);
    await visitor.goto(`${server.url}/notice/${gridId}`);
    await visitor.getByTestId(`notice-resolution-${matterId}`).waitFor();
    await visitor.getByTestId(`notice-result-${matterId}`).waitFor();
    const board = (await visitor.getByTestId('notice-board').textContent()) ?? '';
    expect(board).toContain('在小区东门车棚旁加装10个电动车充电桩');
    expect(board).toContain('充电桩已于11月安装完成');
    expect(board).not.toContain(residentName);
    expect(board).not.toMatch(/1[3-9]\d{9}/); // no mobile numbers
    expect(board).not.toMatch(/\d{17}[\dXx]/); // no ID numbers
    expect(visitor.url()).toContain(`/notice/${gridId}`); // not sent to sign in
    await shot(visitor, 'notice-phone');
  }, 600_000);
});
