import fs from 'node:fs';
import { benchmarks } from './benchmarks.ts';

/**
 * `npm run bench -- NAME`: runs one benchmark (or all with no name). Each measures a figure and
 * its baseline in the same run and prints one JSON line per figure as its last output lines.
 */
const name = process.argv[2];
const selected = name ? benchmarks.filter((b) => b.name === name) : benchmarks;
if (selected.length === 0) {
  process.stderr.write(`Unknown benchmark ${name}; available: ${benchmarks.map((b) => b.name).join(', ')}\n`);
  process.exit(2);
}
for (const benchmark of selected) {
  // Synchronous writes keep the order: progress on stderr first, the JSON figures last.
  const figures = await benchmark.run((message) => fs.writeSync(2, `${message}\n`));
  for (const figure of figures) fs.writeSync(1, `${JSON.stringify({ bench: benchmark.name, ...figure })}\n`);
}
