import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium: never a downloaded browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Whether the browser tests can run here. Without Chromium they are skipped with a notice, unless
 * E2E_REQUIRE_BROWSER is set (as in CI), where a missing browser is a failure.
 */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  if (process.env.E2E_REQUIRE_BROWSER)
    throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium fonts-noto-cjk`);
  process.stderr.write(
    `browser tests skipped: ${CHROMIUM_PATH} not found (apt-get install -y chromium fonts-noto-cjk)\n`,
  );
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
