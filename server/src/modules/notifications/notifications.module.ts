import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import { NotificationHub, type NotificationHubOptions } from './notification-hub.ts';

export interface NotificationsOptions {
  clock?: Clock;
  /** Between heartbeats and session checks of the streams (default 25 s). */
  heartbeatMs?: number;
  liveSessions?: NotificationHubOptions['liveSessions'];
  onError?: NotificationHubOptions['onError'];
}

/** The notifications module as the app sees it: one per process, with its streams. */
export class NotificationsModule {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly hub: NotificationHub;

  constructor(database: Pick<DatabaseHandle, 'db' | 'listen'>, options: NotificationsOptions = {}) {
    this.db = database.db;
    this.clock = options.clock ?? systemClock;
    this.hub = new NotificationHub({
      database,
      ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
      ...(options.liveSessions ? { liveSessions: options.liveSessions } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }
}
