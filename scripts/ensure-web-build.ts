import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm start` calls this first: builds the web app when web/dist is missing or older than its
 * sources, so a fresh clone needs only `npm install && npm start`.
 */
const root = path.resolve(import.meta.dirname, '..');
const indexHtml = path.join(root, 'web/dist/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

const sources = ['web/src', 'contracts/src', 'web/index.html', 'web/report.html', 'web/vite.config.ts']
  .map((p) => path.join(root, p))
  .filter((p) => fs.existsSync(p))
  .map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs));
const built = fs.existsSync(indexHtml) ? fs.statSync(indexHtml).mtimeMs : 0;

if (built < Math.max(...sources)) {
  process.stdout.write('Building the web app (web/dist)…\n');
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
      // Always a production build, even when started from a test runner that sets NODE_ENV=test
      // (React would otherwise ship its development build: twice the size).
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}
