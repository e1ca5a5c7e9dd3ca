import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../app.ts';
import { renderErrorDocs } from './error-docs.ts';
import { errorBody, toErrorResponse } from './error-handler.ts';
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

  it('gives every code a Chinese message for users: one sentence, no codes or field names', () => {
    const problems: string[] = [];
    for (const [code, spec] of allErrorCodes()) {
      if (!/^[\u4e00-\u9fff]/.test(spec.zh)) problems.push(`${code}: does not start in Chinese`);
      if (!/[。！]$/.test(spec.zh)) problems.push(`${code}: not a finished sentence`);
      if (/[`{}_]|details|\.[a-z]/.test(spec.zh)) problems.push(`${code}: names something technical`);
      if (spec.zh.length > 60) problems.push(`${code}: ${spec.zh.length} characters`);
    }
    expect(problems).toEqual([]);
  });

  it('puts the code’s Chinese message in the error body, and none for a code nobody declared', () => {
    expect(errorBody('cases.conflict', 'The case changed', { version: 3 })).toEqual({
      error: {
        code: 'cases.conflict',
        message: 'The case changed',
        messageZh: allErrorCodes().get('cases.conflict')?.zh,
        details: { version: 3 },
      },
    });
    expect(errorBody('nope.missing', 'x')).toEqual({ error: { code: 'nope.missing', message: 'x' } });
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
