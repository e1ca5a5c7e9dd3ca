import type { ServiceRequestEventType, ServiceRequestStatus } from '#contracts/services.ts';

/**
 * A one-window request's life (pure): taken at a window (received) and at once routed to the
 * item's handler → accepted by the handler → done → rated by the resident. Each move is one hand on
 * the timeline.
 */

export type ServiceRequestMove = Exclude<ServiceRequestEventType, 'received' | 'routed'>;

/** The status a move leads to from `status`, or null when the move is not allowed there. */
export function nextStatus(
  status: ServiceRequestStatus,
  move: ServiceRequestMove,
): ServiceRequestStatus | null {
  switch (status) {
    case 'routed':
      return move === 'accepted' ? 'accepted' : null;
    case 'accepted':
      return move === 'done' ? 'done' : null;
    case 'done':
      return move === 'rated' ? 'rated' : null;
    case 'rated':
      return null;
    default: {
      const unknown: never = status;
      throw new RangeError(`unknown status ${String(unknown)}`);
    }
  }
}
