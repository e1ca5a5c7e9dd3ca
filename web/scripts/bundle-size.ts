import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

/**
 * The initial JavaScript of each page of the built web app (web/dist/*.html): the entry script,
 * its modulepreloads and every chunk they import statically (dynamic `import()` is not initial),
 * with the gzipped total. One JSON line per page:
 *
 *   node --import tsx web/scripts/bundle-size.ts [distDir]
 */

export interface InitialJs {
  page: string;
  files: string[];
  bytes: number;
  gzipBytes: number;
}

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["'](\.\/[^"']+\.js)["']/g;

export function initialJs(distDir: string, htmlFile: string): InitialJs {
  const html = fs.readFileSync(path.join(distDir, htmlFile), 'utf8');
  const roots = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((match) => path.join(distDir, (match[1] as string).replace(/^\//, '')));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = fs.readFileSync(file, 'utf8');
    for (const match of code.matchAll(STATIC_IMPORT))
      visit(path.resolve(path.dirname(file), match[1] as string));
  };
  roots.forEach(visit);
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of seen) {
    const data = fs.readFileSync(file);
    bytes += data.length;
    gzipBytes += zlib.gzipSync(data, { level: 9 }).length;
  }
  return {
    page: htmlFile,
    files: [...seen].map((file) => path.relative(distDir, file)).sort(),
    bytes,
    gzipBytes,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../dist'));
  for (const html of fs
    .readdirSync(distDir)
    .filter((name) => name.endsWith('.html'))
    .sort()) {
    const result = initialJs(distDir, html);
    process.stdout.write(
      `${JSON.stringify({ bench: 'bundle', page: result.page, files: result.files.length, bytes: result.bytes, gzipBytes: result.gzipBytes, gzipKB: Math.round(result.gzipBytes / 102.4) / 10 })}\n`,
    );
  }
}
