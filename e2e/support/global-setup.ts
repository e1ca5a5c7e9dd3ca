import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Once per e2e run: the web build, and the Longkou demo seeded into a data directory that each
 * test's server starts from a copy of (`startServer` copies it into an empty data directory), so the
 * demo — territory, people, a year of cases — is built once, not once per file. The process tests
 * that check a first start seed their own (`demo: 'fresh'`).
 */
const root = path.resolve(import.meta.dirname, '../..');

export default function setup(project: TestProject): () => void {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-web-build.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhi-e2e-demo-'));
  const started = Date.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'seed'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.stderr.write(`e2e: the demo was seeded once in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  project.provide('demoDataDir', dataDir);
  return () => fs.rmSync(dataDir, { recursive: true, force: true });
}
