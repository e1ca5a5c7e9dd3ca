import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { initialJs } from '../web/scripts/bundle-size.ts';
import type { Benchmark } from './benchmarks.ts';

/**
 * Each page group's initial gzipped JavaScript after a production build, against its budget
 * (the phone report page: 150 KB, issue 4; the public tracking page, also for phones, the same).
 * ratio = budget / size: above 1 is within budget.
 */
const root = path.resolve(import.meta.dirname, '..');
const BUDGETS_KB: Record<string, number> = { 'report.html': 150, 'track.html': 150, 'index.html': 500 };

export const bundleBenchmark: Benchmark = {
  name: 'bundle',
  async run(log) {
    log('building the web app (production)…');
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'web/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    return Object.entries(BUDGETS_KB).map(([page, budgetKb]) => {
      const js = initialJs(path.join(root, 'web/dist'), page);
      log(
        `${page}: ${js.files.length} files, ${(js.gzipBytes / 1024).toFixed(1)} KB gzipped (budget ${budgetKb} KB)`,
      );
      const valueKb = Math.round((js.gzipBytes / 1024) * 10) / 10;
      return {
        metric: `initial_js_gzip_kb:${page}`,
        value: valueKb,
        baseline: budgetKb,
        ratio: Math.round((budgetKb / valueKb) * 100) / 100,
      };
    });
  },
};
