import type { ErrorBody } from '#contracts';
import { readStoredLocale } from './locale-store.ts';

/**
 * An API failure, carrying the server's `{ error: { code, message, messageZh?, details? } }` and the
 * HTTP status. `message` is what to show: the server's Chinese message when the user reads Chinese
 * (the default) and the server sent one, else its English one (`serverMessage`).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Seconds from the Retry-After header (429), when the server sent one. */
  readonly retryAfterS: number | null;
  /** The server's English message, with the specifics of the case at hand. */
  readonly serverMessage: string;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    messageZh?: string | undefined;
    details?: unknown;
    retryAfterS?: number | null;
  }) {
    super(options.messageZh && readStoredLocale() === 'zh' ? options.messageZh : options.message);
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
    this.retryAfterS = options.retryAfterS ?? null;
    this.serverMessage = options.message;
  }
}

// ---- the session, as the fetch helper needs it -------------------------------------------------

/**
 * Answers about the session rather than the request: gone (back to sign-in), a password change
 * or a second-factor set-up due, or a CSRF token that no longer matches (the session was renewed in another tab).
 */
export type SessionProblem =
  | 'unauthenticated'
  | 'password_change_required'
  | 'totp_setup_required'
  | 'csrf_stale';

let csrfToken: string | null = null;
let sessionListener: ((problem: SessionProblem, error: ApiError) => void) | null = null;

/** The signed-in session's CSRF token, sent as X-CSRF-Token on every non-GET request (null: none). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called by the auth context: told when any request finds the session gone or the password due. */
export function onSessionProblem(
  listener: ((problem: SessionProblem, error: ApiError) => void) | null,
): void {
  sessionListener = listener;
}

/**
 * A 401 means the session is gone, except where the 401 answers the request itself: wrong
 * credentials at sign-in or as the current password, a locked account, a second-factor code.
 */
const REQUEST_OWN_401 = new Set([
  'access.invalid_credentials',
  'access.account_locked',
  'access.totp_required',
  'access.totp_invalid',
]);

function sessionProblemOf(error: ApiError): SessionProblem | null {
  if (error.status === 401 && !REQUEST_OWN_401.has(error.code)) return 'unauthenticated';
  if (error.status === 403 && error.code === 'access.password_change_required')
    return 'password_change_required';
  if (error.status === 403 && error.code === 'access.totp_setup_required') return 'totp_setup_required';
  if (error.status === 403 && error.code === 'access.csrf_failed') return 'csrf_stale';
  return null;
}

function retryAfterOf(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
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
  /** Leave the session alone on a 401 (the auth context's own GET /api/auth/me). */
  ignoreSessionProblems?: boolean;
  /** Extra request headers (e.g. Idempotency-Key, If-Match). */
  headers?: Record<string, string>;
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
 * Every non-GET request carries the session's X-CSRF-Token; a 401 (or a password change falling
 * due) anywhere tells the auth context, which returns to sign-in.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(path, options);
  } catch (error) {
    if (error instanceof ApiError && !options.ignoreSessionProblems) {
      const problem = sessionProblemOf(error);
      if (problem) sessionListener?.(problem, error);
    }
    throw error;
  }
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  const { method = 'GET', query, body, signal } = options;
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (signal) init.signal = signal;
  if (body instanceof FormData) {
    // multipart: the browser writes the content type with its boundary.
    init.body = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
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
    const retryAfterS = retryAfterOf(response);
    if (isErrorBody(parsed)) {
      throw new ApiError({ status: response.status, ...parsed.error, retryAfterS });
    }
    throw new ApiError({
      status: response.status,
      code: 'web.http',
      message: `HTTP ${response.status} ${response.statusText}`.trim(),
      retryAfterS,
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

/** Whether an ApiError's `details` is an object (the server's details are free-form). */
export function detailsOf(error: unknown): Record<string, unknown> {
  if (!(error instanceof ApiError)) return {};
  const { details } = error;
  return typeof details === 'object' && details !== null && !Array.isArray(details)
    ? (details as Record<string, unknown>)
    : {};
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
