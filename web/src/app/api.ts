import type { ErrorBody } from '#contracts';

/** An API failure, carrying the server's `{ error: { code, message, details? } }` and the HTTP status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(options: { status: number; code: string; message: string; details?: unknown }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `/api/...?a=1&b=2`, leaving out null, undefined and empty values. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/**
 * The one fetch helper: JSON in, JSON out; any failure becomes an ApiError.
 * The caller names the response type from `#contracts`; the server validates its own responses.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal } = options;
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (signal) init.signal = signal;
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      code: 'web.network',
      message: error instanceof Error ? error.message : String(error),
    });
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    if (isErrorBody(parsed)) {
      throw new ApiError({ status: response.status, ...parsed.error });
    }
    throw new ApiError({
      status: response.status,
      code: 'web.http',
      message: `HTTP ${response.status} ${response.statusText}`.trim(),
    });
  }
  if (parsed === null && text) {
    throw new ApiError({
      status: response.status,
      code: 'web.bad_json',
      message: 'The server sent a response that is not JSON',
    });
  }
  return parsed as T;
}

export const apiGet = <T>(
  path: string,
  query?: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<T> => apiRequest<T>(path, { query, signal });

export const apiPost = <T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> =>
  apiRequest<T>(path, { method: 'POST', body, signal });

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
