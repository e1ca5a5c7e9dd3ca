import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './audit.ts';

/** A request id from the caller's X-Request-Id when it is sane, else a new one; logged on every line. */
export function generateRequestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
}

/** Until sign-in exists (issue 3) the actor is the API channel, tagged with the request id. */
export function actorOf(request: FastifyRequest): Actor {
  return { id: 'api', requestId: request.id };
}
