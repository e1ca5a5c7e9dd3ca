import { describe, expect, it } from 'vitest';
import { ServiceRequestStatus } from '#contracts/services.ts';
import { nextStatus, type ServiceRequestMove } from './service-request.lifecycle.ts';

const MOVES: ServiceRequestMove[] = ['accepted', 'done', 'rated'];

describe('service request lifecycle', () => {
  it('allows exactly routed → accepted → done → rated', () => {
    const allowed = ServiceRequestStatus.options.flatMap((status) =>
      MOVES.flatMap((move) => {
        const next = nextStatus(status, move);
        return next ? [`${status} -${move}-> ${next}`] : [];
      }),
    );
    expect(allowed).toEqual(['routed -accepted-> accepted', 'accepted -done-> done', 'done -rated-> rated']);
  });
});
