import http from 'node:http';

/** One server-sent event as a client sees it (comments are counted, not kept). */
export interface ReceivedEvent {
  event: string;
  id: string | null;
  data: unknown;
}

export interface EventStreamClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: ReceivedEvent[];
  /** Heartbeat comments received. */
  comments: number;
  /** The first event (already received or to come) that matches; rejects when the stream ends first or after `timeoutMs`. */
  next(match: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/**
 * Opens a text/event-stream over real HTTP (app.inject cannot stream) and parses it as a browser's
 * EventSource would: `event:`, `id:`, `data:` lines, a blank line ending each event.
 */
export function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const events: ReceivedEvent[] = [];
      const waiters = new Set<{
        match: (e: ReceivedEvent) => boolean;
        resolve: (e: ReceivedEvent) => void;
      }>();
      let buffer = '';
      let endedResolve!: () => void;
      const ended = new Promise<void>((r) => {
        endedResolve = r;
      });
      let isEnded = false;
      const client: EventStreamClient = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        events,
        comments: 0,
        ended,
        next(match, timeoutMs = 15_000) {
          const found = events.find(match);
          if (found) return Promise.resolve(found);
          if (isEnded) return Promise.reject(new Error('the stream has ended'));
          return new Promise((resolveEvent, rejectEvent) => {
            const waiter = {
              match,
              resolve: (event: ReceivedEvent) => {
                clearTimeout(timer);
                waiters.delete(waiter);
                resolveEvent(event);
              },
            };
            const timer = setTimeout(() => {
              waiters.delete(waiter);
              rejectEvent(new Error(`no matching event; got ${JSON.stringify(events)}`));
            }, timeoutMs);
            waiters.add(waiter);
            void ended.then(() => {
              if (!waiters.has(waiter)) return;
              clearTimeout(timer);
              waiters.delete(waiter);
              rejectEvent(new Error(`the stream ended; got ${JSON.stringify(events)}`));
            });
          });
        },
        close() {
          request.destroy();
        },
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          let name = 'message';
          let id: string | null = null;
          const data: string[] = [];
          let fields = 0;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) {
              client.comments += 1;
              continue;
            }
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') name = value;
            else if (field === 'id') id = value;
            else if (field === 'data') data.push(value);
            else continue;
            fields += 1;
          }
          if (fields === 0 || data.length === 0) continue;
          const event: ReceivedEvent = { event: name, id, data: JSON.parse(data.join('\n')) };
          events.push(event);
          for (const waiter of [...waiters]) if (waiter.match(event)) waiter.resolve(event);
        }
      });
      const finish = () => {
        isEnded = true;
        endedResolve();
      };
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
      resolve(client);
    });
    request.on('error', reject);
  });
}
