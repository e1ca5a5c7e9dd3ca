import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../app.ts';
import { renderErrorDocs } from './error-docs.ts';
import { toErrorResponse } from './error-handler.ts';
import { AppError, allErrorCodes } from './errors.ts';

describe('error codes', () => {
  const docs = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/errors.md'), 'utf8');

  it('lists every registered code in docs/errors.md with its HTTP status', () => {
    expect(allErrorCodes().size).toBeGreaterThan(10);
    for (const [code, spec] of allErrorCodes()) {
      expect(docs, `docs/errors.md is missing ${code}: run npm run docs:errors`).toContain(
        `| \`${code}\` | ${spec.status} |`,
      );
    }
  });

  it('keeps docs/errors.md exactly as generated', () => {
    expect(docs).toBe(renderErrorDocs());
  });

  it('maps an AppError to its registered status and keeps its details', () => {
    const response = toErrorResponse(new AppError('territory.outside_jurisdiction', 'outside', { lng: 1 }));
    expect(response).toEqual({
      status: 422,
      code: 'territory.outside_jurisdiction',
      message: 'outside',
      details: { lng: 1 },
    });
  });

  it('turns an undeclared code or an unknown error into a 500 without leaking it', () => {
    expect(toErrorResponse(new AppError('nope.missing', 'x')).status).toBe(500);
    const unknown = toErrorResponse(new Error('secret stack'));
    expect(unknown).toEqual({ status: 500, code: 'platform.internal', message: 'Internal error' });
  });
});
