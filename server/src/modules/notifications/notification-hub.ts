import { notificationsLimits } from '#contracts';
import type { DatabaseHandle } from '../../db/database.ts';
import { presentNotification } from './notifications.presenter.ts';
import {
  countUnread,
  findLastNotificationId,
  findNotificationsAfter,
  type Recipient,
} from './notifications.repository.ts';
import { NOTIFICATION_CHANNEL, parseSignal } from './notify.ts';

/**
 * The open notification streams of this app server (server-sent events), fed by the database
 * channel: every app server listens, and each pushes to the streams it holds. A signal only names
 * the accounts with news; each stream then reads what it has not sent yet (`id` after the last one
 * sent), so signals that arrive together, or twice, send nothing twice and lose nothing.
 *
 * A heartbeat comment goes out every `heartbeatMs` (proxies keep the connection), and with it the
 * streams' sessions are checked (`liveSessions`): a stream ends with its session (signed out,
 * idle, too old, account disabled). A sign-out is also signalled at once (`end:<session>`).
 */

/** Where a stream's frames go: the HTTP response in the app, a buffer in tests. */
export interface StreamSink {
  write(frame: string): void;
  end(): void;
}

export interface StreamOwner extends Recipient {
  /** The session the stream was opened with (its token hash). */
  sessionId: string;
}

export type StreamEndReason = 'session_ended' | 'shutdown';

export interface NotificationHubOptions {
  database: Pick<DatabaseHandle, 'db' | 'listen'>;
  /** Between heartbeat comments and session checks (default 25 s). */
  heartbeatMs?: number;
  /** Of these sessions, the ones still live (the access module decides). */
  liveSessions?: (sessionIds: readonly string[]) => Promise<ReadonlySet<string>>;
  onError?: (error: unknown, message: string) => void;
}

interface Stream {
  owner: StreamOwner;
  sink: StreamSink;
  /** The newest notification id sent; -1 until the first read. */
  lastId: number;
  /** From the client's Last-Event-ID: replay what came after it (the newest few). */
  replayAfter: number | null;
  running: boolean;
  dirty: boolean;
  closed: boolean;
}

const keyOf = (who: Recipient) => `${who.jurisdictionId}:${who.accountId}`;

/** One server-sent event: `id` (notifications only, so a reconnection resumes after it), name, JSON data. */
export function sseFrame(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export class NotificationHub {
  private readonly streams = new Map<string, Set<Stream>>();
  private listening: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly heartbeatMs: number;

  constructor(private readonly options: NotificationHubOptions) {
    this.heartbeatMs = options.heartbeatMs ?? 25_000;
  }

  /** How many streams this server holds. */
  get size(): number {
    let count = 0;
    for (const set of this.streams.values()) count += set.size;
    return count;
  }

  /**
   * Opens a stream: first the unread count (and, after a reconnection, what was missed), then each
   * new notification and count as they come. Returns the function that closes it.
   */
  async open(owner: StreamOwner, sink: StreamSink, lastEventId: number | null = null): Promise<() => void> {
    await this.ready();
    const stream: Stream = {
      owner,
      sink,
      lastId: -1,
      replayAfter: lastEventId,
      running: false,
      dirty: false,
      closed: false,
    };
    const key = keyOf(owner);
    const set = this.streams.get(key) ?? new Set<Stream>();
    set.add(stream);
    this.streams.set(key, set);
    this.startHeartbeat();
    this.schedule(stream);
    return () => this.remove(stream);
  }

  /** Listening on the database channel (the first stream starts it); throws when it cannot. */
  async ready(): Promise<void> {
    if (this.closed) throw new Error('the notification hub is closed');
    await this.startListening();
  }

  /** Ends the streams of a session (signed out on this server; others hear the signal). */
  endSession(sessionId: string): void {
    for (const set of this.streams.values()) {
      for (const stream of set) {
        if (stream.owner.sessionId === sessionId) this.finish(stream, 'session_ended');
      }
    }
  }

  /** Ends every stream (shutdown) and stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const set of [...this.streams.values()]) {
      for (const stream of [...set]) this.finish(stream, 'shutdown');
    }
    await this.listening?.catch(() => undefined);
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.();
  }

  private startListening(): Promise<void> {
    this.listening ??= this.options.database
      .listen(
        NOTIFICATION_CHANNEL,
        (payload) => this.heard(payload),
        () => this.resyncAll(),
      )
      .then(
        (unlisten) => {
          this.unlisten = unlisten;
        },
        (error: unknown) => {
          this.listening = null;
          throw error;
        },
      );
    return this.listening;
  }

  private heard(payload: string): void {
    const signal = parseSignal(payload);
    if (!signal) return;
    if (signal.kind === 'session_ended') {
      this.endSession(signal.sessionId);
      return;
    }
    for (const accountId of signal.accountIds) {
      const set = this.streams.get(keyOf({ jurisdictionId: signal.jurisdictionId, accountId }));
      for (const stream of set ?? []) this.schedule(stream);
    }
  }

  /** After the database connection came back: signals may have been lost, so every stream reads again. */
  private resyncAll(): void {
    for (const set of this.streams.values()) for (const stream of set) this.schedule(stream);
  }

  /** Runs one read for a stream at a time; a signal during a read runs another after it. */
  private schedule(stream: Stream): void {
    if (stream.closed) return;
    if (stream.running) {
      stream.dirty = true;
      return;
    }
    stream.running = true;
    void (async () => {
      try {
        do {
          stream.dirty = false;
          await this.push(stream);
        } while (stream.dirty && !stream.closed);
      } catch (error) {
        this.options.onError?.(error, 'could not push notifications to a stream');
      } finally {
        stream.running = false;
      }
    })();
  }

  /** Sends what the stream has not sent yet, then the unread count. */
  private async push(stream: Stream): Promise<void> {
    const { db } = this.options.database;
    const who = stream.owner;
    const batch = 100;
    if (stream.lastId < 0) {
      const last = await findLastNotificationId(db, who);
      if (stream.replayAfter !== null && stream.replayAfter < last) {
        const missed = await findNotificationsAfter(
          db,
          who,
          stream.replayAfter,
          notificationsLimits.maxReplay,
          {
            newest: true,
          },
        );
        for (const row of missed)
          this.send(stream, sseFrame('notification', presentNotification(row), row.id));
      }
      stream.lastId = last;
    } else {
      let rows: Awaited<ReturnType<typeof findNotificationsAfter>>;
      do {
        rows = await findNotificationsAfter(db, who, stream.lastId, batch);
        for (const row of rows) {
          this.send(stream, sseFrame('notification', presentNotification(row), row.id));
          stream.lastId = row.id;
        }
      } while (rows.length === batch && !stream.closed);
    }
    this.send(stream, sseFrame('unread', { unread: await countUnread(db, who) }));
  }

  private send(stream: Stream, frame: string): void {
    if (stream.closed) return;
    try {
      stream.sink.write(frame);
    } catch {
      this.remove(stream);
    }
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => void this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  private async beat(): Promise<void> {
    const all = [...this.streams.values()].flatMap((set) => [...set]);
    if (all.length === 0) return;
    for (const stream of all) this.send(stream, ': heartbeat\n\n');
    const { liveSessions } = this.options;
    if (!liveSessions) return;
    try {
      const live = await liveSessions([...new Set(all.map((stream) => stream.owner.sessionId))]);
      for (const stream of all) {
        if (!live.has(stream.owner.sessionId)) this.finish(stream, 'session_ended');
      }
    } catch (error) {
      this.options.onError?.(error, 'could not check the sessions of notification streams');
    }
  }

  /** Tells the client why, then ends the stream. */
  private finish(stream: Stream, reason: StreamEndReason): void {
    this.send(stream, sseFrame('end', { reason }));
    this.remove(stream);
  }

  private remove(stream: Stream): void {
    if (stream.closed) return;
    stream.closed = true;
    const key = keyOf(stream.owner);
    const set = this.streams.get(key);
    set?.delete(stream);
    if (set?.size === 0) this.streams.delete(key);
    try {
      stream.sink.end();
    } catch {
      // already gone
    }
  }
}
