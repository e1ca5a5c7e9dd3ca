/**
 * One error type for the whole server. Services throw `AppError` with a string code; the code's
 * HTTP status lives in one registry (filled by each module's `*.errors.ts`), and one handler
 * (`error-handler.ts`) turns it into `{ error: { code, message, details? } }`.
 */

export interface ErrorCodeSpec {
  status: number;
  /** One line for docs/errors.md. */
  description: string;
  /**
   * What a user is told, in Chinese (the pages are zh-CN first): one short sentence saying what
   * happened and, where there is one, what to do — no codes, no field names. Sent as
   * `error.messageZh`; `message` stays the English message of the case at hand.
   */
  zh: string;
}

export type ErrorCatalog = Record<string, ErrorCodeSpec>;

const registry = new Map<string, ErrorCodeSpec>();

/** Declares a module's error codes; every code is `<module>.<snake_case>`. Returns typed code helpers. */
export function defineErrorCodes<const C extends ErrorCatalog>(module: string, catalog: C): C {
  for (const [code, spec] of Object.entries(catalog)) {
    if (!code.startsWith(`${module}.`) || !/^[a-z]+\.[a-z0-9_]+$/.test(code)) {
      throw new Error(`Error code ${code} must look like ${module}.snake_case`);
    }
    const existing = registry.get(code);
    if (existing && existing !== spec) throw new Error(`Error code ${code} is declared twice`);
    registry.set(code, spec);
  }
  return catalog;
}

export function errorCodeSpec(code: string): ErrorCodeSpec | undefined {
  return registry.get(code);
}

export function allErrorCodes(): ReadonlyMap<string, ErrorCodeSpec> {
  return registry;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const platformErrors = defineErrorCodes('platform', {
  'platform.not_found': {
    status: 404,
    description: 'No route or no record at this address.',
    zh: '没有找到要访问的内容，可能已被删除或无权查看。',
  },
  'platform.validation_failed': {
    status: 400,
    description: 'The request does not match its schema; `details` lists each field and what is wrong.',
    zh: '填写的内容有误，请检查后重试。',
  },
  'platform.bad_json': {
    status: 400,
    description: 'The body is not valid JSON.',
    zh: '提交的内容格式有误，请刷新页面后重试。',
  },
  'platform.unsupported_media_type': {
    status: 415,
    description: 'The body has a content type the route does not take.',
    zh: '提交的内容类型不受支持，请刷新页面后重试。',
  },
  'platform.payload_too_large': {
    status: 413,
    description: 'The body is larger than the route accepts.',
    zh: '提交的内容过大，请精简后重试。',
  },
  'platform.method_not_allowed': {
    status: 405,
    description: 'The route exists but not with this method.',
    zh: '不支持此项操作，请刷新页面后重试。',
  },
  'platform.conflict': {
    status: 409,
    description: 'The request conflicts with the current state of the record.',
    zh: '内容已发生变化，请刷新后重新操作。',
  },
  'platform.too_many_requests': {
    status: 429,
    description: 'Too many requests; retry after the time given.',
    zh: '操作过于频繁，请稍后再试。',
  },
  'platform.unavailable': {
    status: 503,
    description: 'The server is starting or shutting down; retry shortly.',
    zh: '系统正在启动或维护中，请稍后重试。',
  },
  'platform.internal': {
    status: 500,
    description: 'An unexpected error; the log line with the same request id says more.',
    zh: '系统出现错误，请稍后重试。',
  },
});

export function notFound(what: string, details?: unknown): AppError {
  return new AppError('platform.not_found', `${what} not found`, details);
}
