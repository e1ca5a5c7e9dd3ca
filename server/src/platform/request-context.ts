import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A request id from the caller's X-Request-Id when it is sane, else a new one; logged on every line. */
export function generateRequestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
}
