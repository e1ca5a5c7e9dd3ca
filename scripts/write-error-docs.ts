import fs from 'node:fs';
import path from 'node:path';
import '../server/src/app.ts';
import { renderErrorDocs } from '../server/src/platform/error-docs.ts';

const target = path.resolve(import.meta.dirname, '../docs/errors.md');
fs.writeFileSync(target, renderErrorDocs());
process.stdout.write(`wrote ${target}\n`);
