import type { RealtimeEvent, RealtimeEventType, User } from '@plaza/contract';
import type { Db } from '../db.ts';
import { errorField, type Logger } from '../http/log.ts';
import { EVENTS_CHANNEL } from './outbox.ts';

/** A row of the `events` outbox. */
export interface StoredEvent {
  /** The bigserial id as text (it may exceed 2^53). */
  id: string;
  type: RealtimeEventType;
  entityId: string;
  groupId: string | null;
  userId: string | null;
  /** ISO 8601. */
  at: string;
}

/** One open event stream. */
export interface Subscriber {
  viewer: User | null;
  /** Called synchronously, in id order, with each new event this viewer may receive. */
  deliver(event: StoredEvent): void;
  /** The hub is closing (server shutdown): end the stream so the client reconnects elsewhere. */
  end(): void;
}

export interface HubOptions {
  db: Db;
  log: Logger;
  /** Without `db.listen`, new events are looked for this often. Default 1,000 ms. */
  pollMs?: number;
  /** Group visibility and membership are re-read after this long at the latest. Default 5,000 ms. */
  audienceTtlMs?: number;
  /** Wait before listening again after the LISTEN connection broke. Default 1,000 ms. */
  relistenMs?: number;
}

/** Who may receive a group's events: everyone (public), its members (private), or nobody (no such group). */
interface Audience {
  visibility: 'public' | 'private' | null;
  members: ReadonlySet<string>;
}

interface EventRow {
  id: string;
  type: RealtimeEventType;
  entity_id: string;
  group_id: string | null;
  user_id: string | null;
  created_at: Date | string;
}

export const EVENT_COLUMNS = 'id::text AS id, type, entity_id, group_id, user_id, created_at';

export const toStoredEvent = (row: EventRow): StoredEvent => ({
  id: row.id,
  type: row.type,
  entityId: row.entity_id,
  groupId: row.group_id,
  userId: row.user_id,
  at: new Date(row.created_at).toISOString(),
});

/** The `data:` of an event's SSE message. */
export const toRealtimeEvent = (event: StoredEvent): RealtimeEvent => ({
  id: event.id,
  type: event.type,
  entityId: event.entityId,
  groupId: event.groupId,
  at: event.at,
});

/**
 * May `viewer` receive `event`? Addressed to a user: that user alone (the writer already checked what they
 * may see). In a group: everyone when it is public, its members when private; company manager or not.
 * Otherwise: everyone, signed out too.
 */
export function mayReceive(viewer: User | null, event: StoredEvent, audience: Audience | null): boolean {
  if (event.userId !== null) return viewer?.id === event.userId;
  if (event.groupId === null) return true;
  if (!audience || audience.visibility === null) return false;
  return audience.visibility === 'public' || (viewer !== null && audience.members.has(viewer.id));
}

const RECENT_IDS = 10_000;
const BATCH = 1_000;

/**
 * Fan-out of the `events` outbox to every open stream of this process, with one listener per process:
 * on PostgreSQL one connection LISTENs on `plaza_events` (each commit that recorded an event NOTIFYs its
 * id, on whichever node it ran), on PGlite the in-process equivalent. Each notified event is loaded once
 * and offered to every subscriber in memory; group audiences are read once per group and cached briefly,
 * dropped at once when a `membership.updated` or `group.updated` event for that group passes through.
 * Starts with the first subscriber; `close()` ends every stream and stops listening.
 */
export class EventHub {
  readonly #db: Db;
  readonly #log: Logger;
  readonly #pollMs: number;
  readonly #audienceTtlMs: number;
  readonly #relistenMs: number;
  readonly #subscribers = new Set<Subscriber>();
  #started: Promise<void> | null = null;
  #closed = false;
  #stopListening: (() => Promise<void>) | null = null;
  #timer: NodeJS.Timeout | null = null;
  /** The highest id dispatched: catching up (after a lost LISTEN, or polling) reads after it. */
  #lastId = 0n;
  /** Ids dispatched lately, so that a notification and a catch-up never send one event twice. */
  readonly #recent = new Set<string>();
  #notified: string[] = [];
  #catchUp = false;
  #draining: Promise<void> | null = null;
  #drainAgain = false;
  readonly #audiences = new Map<string, { until: number; audience: Promise<Audience> }>();

  constructor({ db, log, pollMs = 1_000, audienceTtlMs = 5_000, relistenMs = 1_000 }: HubOptions) {
    this.#db = db;
    this.#log = log;
    this.#pollMs = pollMs;
    this.#audienceTtlMs = audienceTtlMs;
    this.#relistenMs = relistenMs;
  }

  /** Open streams. */
  get size(): number {
    return this.#subscribers.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Adds a stream; resolves once the hub listens, so every event committed from then on reaches it.
   * @returns unsubscribe
   */
  async subscribe(subscriber: Subscriber): Promise<() => void> {
    if (this.#closed) throw new Error('The event hub is closed');
    this.#subscribers.add(subscriber);
    const unsubscribe = () => void this.#subscribers.delete(subscriber);
    try {
      this.#started ??= this.#start().catch((error: unknown) => {
        this.#started = null;
        throw error;
      });
      await this.#started;
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /** Ends every stream and stops listening. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const subscriber of this.#subscribers) subscriber.end();
    this.#subscribers.clear();
    await this.#started?.catch(() => {});
    await this.#stopListening?.();
    this.#stopListening = null;
    await this.#draining;
  }

  async #start(): Promise<void> {
    await this.#listen();
    // Read after listening: anything committed later is notified, so nothing falls between.
    const { rows } = await this.#db.query<{ id: string }>('SELECT COALESCE(MAX(id), 0)::text AS id FROM events');
    this.#lastId = BigInt(rows[0]!.id);
  }

  async #listen(): Promise<void> {
    if (!this.#db.listen) {
      this.#schedulePoll();
      return;
    }
    this.#stopListening = await this.#db.listen(
      EVENTS_CHANNEL,
      (payload) => {
        if (!/^\d{1,19}$/.test(payload)) return;
        this.#notified.push(payload);
        this.#drain();
      },
      (error) => this.#listenLost(error),
    );
  }

  #schedulePoll() {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#catchUp = true;
      this.#drain();
      this.#schedulePoll();
    }, this.#pollMs);
    this.#timer.unref();
  }

  #listenLost(error: Error) {
    this.#stopListening = null;
    if (this.#closed) return;
    this.#log({
      time: new Date().toISOString(),
      level: 'warn',
      msg: 'realtime listener lost',
      error: errorField(error),
    });
    this.#timer = setTimeout(() => {
      this.#listen().then(
        () => {
          // Events committed while nobody listened were never notified here: read them by id.
          this.#catchUp = true;
          this.#drain();
        },
        (relistenError: unknown) => this.#listenLost(relistenError as Error),
      );
    }, this.#relistenMs);
    this.#timer.unref();
  }

  /** Loads and dispatches what is pending; one run at a time, in id order. */
  #drain() {
    if (this.#draining) {
      this.#drainAgain = true;
      return;
    }
    this.#draining = this.#drainOnce()
      .catch((error: unknown) => {
        if (this.#closed) return;
        this.#log({
          time: new Date().toISOString(),
          level: 'error',
          msg: 'realtime dispatch failed',
          error: errorField(error),
        });
      })
      .finally(() => {
        this.#draining = null;
        if (this.#drainAgain && !this.#closed) {
          this.#drainAgain = false;
          this.#drain();
        }
      });
  }

  async #drainOnce(): Promise<void> {
    while (!this.#closed && (this.#notified.length > 0 || this.#catchUp)) {
      let rows: EventRow[];
      if (this.#notified.length > 0) {
        const ids = this.#notified.splice(0, BATCH);
        ({ rows } = await this.#db.query<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE id = ANY($1::bigint[]) ORDER BY id`,
          [ids],
        ));
      } else {
        ({ rows } = await this.#db.query<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE id > $1::bigint ORDER BY id LIMIT ${BATCH}`,
          [this.#lastId.toString()],
        ));
        this.#catchUp = rows.length === BATCH;
      }
      for (const row of rows) await this.#dispatch(toStoredEvent(row));
    }
  }

  async #dispatch(event: StoredEvent): Promise<void> {
    if (this.#recent.has(event.id)) return;
    this.#recent.add(event.id);
    if (this.#recent.size > RECENT_IDS) this.#recent.delete(this.#recent.values().next().value!);
    const id = BigInt(event.id);
    if (id > this.#lastId) this.#lastId = id;
    if (event.groupId !== null && (event.type === 'membership.updated' || event.type === 'group.updated')) {
      this.#audiences.delete(event.groupId);
    }
    if (this.#subscribers.size === 0) return;
    const audience = event.userId === null && event.groupId !== null ? await this.#audience(event.groupId) : null;
    for (const subscriber of this.#subscribers) {
      if (mayReceive(subscriber.viewer, event, audience)) subscriber.deliver(event);
    }
  }

  #audience(groupId: string): Promise<Audience> {
    const now = Date.now();
    const cached = this.#audiences.get(groupId);
    if (cached && cached.until > now) return cached.audience;
    if (this.#audiences.size > 1_000) this.#audiences.clear();
    const audience = this.#db
      .query<{ visibility: 'public' | 'private'; members: string[] | null }>(
        `SELECT g.visibility,
                (SELECT array_agg(m.user_id) FROM group_members m WHERE m.group_id = g.id AND g.visibility = 'private')
                  AS members
           FROM groups g WHERE g.id = $1`,
        [groupId],
      )
      .then(({ rows }) => ({ visibility: rows[0]?.visibility ?? null, members: new Set(rows[0]?.members ?? []) }));
    this.#audiences.set(groupId, { until: now + this.#audienceTtlMs, audience });
    audience.catch(() => this.#audiences.delete(groupId));
    return audience;
  }
}
