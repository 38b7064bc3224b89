import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { User } from '@plaza/contract';
import type { Db } from '../db.ts';
import { visibleToViewerSql } from '../groups/access.ts';
import type { AppEnv, AppSettings } from '../http/env.ts';
import { validationFailed } from '../http/errors.ts';
import { errorField, type Logger } from '../http/log.ts';
import { EVENT_COLUMNS, toRealtimeEvent, toStoredEvent, type EventHub, type StoredEvent } from './hub.ts';

export interface EventStreamOptions {
  hub: EventHub;
  settings: AppSettings;
  log: Logger;
  /** A comment line this often keeps proxies from closing an idle stream. Default 20,000 ms. */
  heartbeatMs?: number;
}

/** A resume sends at most this many stored events, and none older than `REPLAY_WINDOW_MS`. */
export const REPLAY_LIMIT = 1_000;
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Tells EventSource to reconnect after this long when the stream ends (e.g. this node shuts down). */
const RETRY_MS = 2_000;
/** A client this many messages behind is dropped; it reconnects with Last-Event-ID. */
const MAX_QUEUED_WRITES = 1_000;

function parseLastEventId(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (!/^\d{1,18}$/.test(value)) {
    throw validationFailed('Invalid Last-Event-ID', {
      'Last-Event-ID': ['Must be the id of an event received before'],
    });
  }
  return value;
}

/** The newest stored events after `afterId` the viewer may receive, oldest first. */
async function replay(db: Db, viewer: User | null, afterId: string, since: Date): Promise<StoredEvent[]> {
  const { rows } = await db.query<Parameters<typeof toStoredEvent>[0]>(
    `SELECT ${EVENT_COLUMNS} FROM events
      WHERE id > $1::bigint AND created_at >= $2
        AND CASE WHEN user_id IS NOT NULL THEN user_id = $3 ELSE ${visibleToViewerSql('group_id', '$3')} END
      ORDER BY id DESC LIMIT ${REPLAY_LIMIT}`,
    [afterId, since, viewer?.id ?? null],
  );
  return rows.reverse().map(toStoredEvent);
}

const message = (event: StoredEvent) =>
  `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(toRealtimeEvent(event))}\n\n`;

/**
 * `GET /v1/events`: Server-Sent Events of what changed, for the viewer (signed out too). Each message is
 * `id: <id>`, `event: <type>`, `data: <RealtimeEvent JSON>`. `Last-Event-ID` (or `?lastEventId=`) first
 * sends the stored events after that id (the newest 1,000 of the last 24 hours). The stream opens with a
 * comment (`: connected`) once it is subscribed, then a comment every `heartbeatMs`.
 */
export function eventRoutes({ hub, settings, log, heartbeatMs = 20_000 }: EventStreamOptions): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', (c) => {
    const lastEventId = parseLastEventId(c.req.header('Last-Event-ID') ?? c.req.query('lastEventId'));
    const viewer = c.get('viewer');
    const db = c.get('db');
    // Proxies such as nginx would otherwise buffer the stream.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      if (hub.closed) return;
      let endStream!: () => void;
      const ended = new Promise<void>((resolve) => (endStream = resolve));
      stream.onAbort(() => endStream());

      let writing: Promise<unknown> = Promise.resolve();
      let queued = 0;
      const write = (chunk: string) => {
        if (++queued > MAX_QUEUED_WRITES) return endStream();
        writing = writing.then(() => stream.write(chunk)).finally(() => queued--);
      };
      // Live events wait while the stored ones are sent, so the client gets them in order.
      let buffered: StoredEvent[] | null = [];
      const replayed = new Set<string>();
      const deliver = (event: StoredEvent) => {
        if (buffered) buffered.push(event);
        else write(message(event));
      };

      let unsubscribe: () => void;
      try {
        unsubscribe = await hub.subscribe({ viewer, deliver, end: endStream });
      } catch {
        // Closing, or the database is unreachable: the client retries.
        return;
      }
      const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
      try {
        write(`retry: ${RETRY_MS}\n: connected\n\n`);
        if (lastEventId !== null) {
          const since = new Date(settings.now().getTime() - REPLAY_WINDOW_MS);
          for (const event of await replay(db, viewer, lastEventId, since)) {
            replayed.add(event.id);
            write(message(event));
          }
        }
        for (const event of buffered) if (!replayed.has(event.id)) write(message(event));
        buffered = null;
        await ended;
      } catch (error) {
        // The headers are sent: log it and end the stream; the client reconnects with Last-Event-ID.
        log({
          time: new Date().toISOString(),
          level: 'error',
          msg: 'event stream failed',
          requestId: c.get('requestId'),
          error: errorField(error),
        });
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
        // Let what is queued reach the client, but never wait long on one that stopped reading.
        await Promise.race([writing, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      }
    });
  });
}
