import type { Db } from '../db.ts';
import type { Logger } from './log.ts';

/** The channel on which every committed write tells the other API nodes to drop their read caches. */
export const CHANGES_CHANNEL = 'plaza_changes';

export interface ReadCacheOptions {
  /** False: nothing is kept, every read loads. Default true. */
  enabled?: boolean;
  /** Entries kept at most; when full, the cache starts over. Default 20,000. */
  maxEntries?: number;
  /** Wait before listening again after the LISTEN connection broke. Default 1,000 ms. */
  relistenMs?: number;
  log?: Logger;
}

/**
 * What many requests read alike, kept in memory between writes: the signed-in user of a session, a feed
 * page's post ids for one way of seeing (the same groups, the same role), and each post's data apart from
 * who is looking. Everything is dropped at once when a write commits, so a reader never sees data older
 * than the last write it could know of:
 * - writes of this process call `invalidate()` right after their commit, before their response is sent;
 * - on a database that other processes write too (PostgreSQL), each write transaction NOTIFYs
 *   `plaza_changes` (`notifyChange`), and every node drops its cache when that arrives. The cache only
 *   works while this node listens; before the listener is up, and while it is lost, every read goes to the
 *   database.
 * Values are shared between requests: never change them, build the response from them.
 */
export class ReadCache {
  readonly #db: Db;
  readonly #maxEntries: number;
  readonly #relistenMs: number;
  readonly #log: Logger | undefined;
  #entries = new Map<string, Promise<unknown>>();
  /** Whether reads may use the cache: always on an unshared database, while listening on a shared one. */
  #active: boolean;
  #listening: Promise<void> | null = null;
  #stopListening: (() => Promise<void>) | null = null;
  #relistenTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(db: Db, { enabled = true, maxEntries = 20_000, relistenMs = 1_000, log }: ReadCacheOptions = {}) {
    this.#db = db;
    this.#maxEntries = maxEntries;
    this.#relistenMs = relistenMs;
    this.#log = log;
    this.#active = enabled && !db.shared;
    this.#closed = !enabled;
  }

  /** Whether writes must NOTIFY the other nodes (the database is shared and this node caches). */
  get notifies(): boolean {
    return Boolean(this.#db.shared) && !this.#closed;
  }

  /**
   * The value under `key`, loaded once until the next write. A failed load is not kept; nor is a value
   * `keep` refuses (say, "no such user", which a later insert would make wrong).
   */
  get<T>(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    if (!this.#ready()) return load();
    const hit = this.#entries.get(key);
    if (hit) return hit as Promise<T>;
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    const entries = this.#entries;
    const promise = load();
    entries.set(key, promise);
    promise.then(
      (value) => {
        if (!keep(value) && entries.get(key) === promise) entries.delete(key);
      },
      () => {
        if (entries.get(key) === promise) entries.delete(key);
      },
    );
    return promise;
  }

  /** Drops everything (a write committed). Loads under way finish for their callers but are not kept. */
  invalidate(): void {
    this.#entries = new Map();
  }

  /** The statement that tells the other nodes, inside a write transaction, that it changed something. */
  async notifyChange(tx: Db): Promise<void> {
    if (this.notifies) await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, '']);
  }

  /** Stops listening; the cache stays off. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#active = false;
    clearTimeout(this.#relistenTimer);
    this.invalidate();
    await this.#listening?.catch(() => {});
    await this.#stopListening?.();
    this.#stopListening = null;
  }

  #ready(): boolean {
    if (this.#active) return true;
    if (!this.#closed && this.#db.shared && !this.#listening) this.#listen();
    return false;
  }

  #listen(): void {
    const listen = this.#db.listen?.bind(this.#db);
    if (!listen) return;
    this.#listening = listen(
      CHANGES_CHANNEL,
      () => this.invalidate(),
      (error) => this.#lost(error),
    ).then(
      (stop) => {
        if (this.#closed) return void stop();
        this.#stopListening = stop;
        this.invalidate();
        this.#active = true;
      },
      (error: unknown) => this.#lost(error as Error),
    );
  }

  #lost(error: Error): void {
    this.#active = false;
    this.#stopListening = null;
    this.invalidate();
    if (this.#closed) return;
    this.#log?.({
      time: new Date().toISOString(),
      level: 'warn',
      msg: 'read cache off: change listener lost',
      error: { name: error.name, message: error.message },
    });
    this.#relistenTimer = setTimeout(() => {
      this.#listening = null;
    }, this.#relistenMs);
    (this.#relistenTimer as { unref?: () => void }).unref?.();
  }
}
