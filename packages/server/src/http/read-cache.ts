import type { Db } from '../db.ts';
import type { Logger } from './log.ts';

/** The channel on which every committed write tells the other API nodes to drop their read caches. */
export const CHANGES_CHANNEL = 'plaza_changes';

/**
 * The parts of the cache a write may drop: `users` (who a session is), `memberships` (who belongs to which
 * group), `content` (groups, posts and everything shown with them: feed pages).
 */
export type CacheScope = 'users' | 'memberships' | 'content';
export const CACHE_SCOPES: readonly CacheScope[] = ['users', 'memberships', 'content'];

export interface ReadCacheOptions {
  /** False: nothing is kept, every read loads. Default true. */
  enabled?: boolean;
  /**
   * Entries kept at most per scope; when a scope is full it starts over. Defaults: 50,000 users and
   * memberships (small), 500 content entries (a feed page with its posts and response bytes is up to
   * about 100 KB).
   */
  maxEntries?: Partial<Record<CacheScope, number>>;
  /** Wait before listening again after the LISTEN connection broke. Default 1,000 ms. */
  relistenMs?: number;
  log?: Logger;
}

/**
 * What many requests read alike, kept in memory between writes: the signed-in user of a session, a feed
 * page's post ids for one way of seeing (the same groups, the same role), and each post's data apart from
 * who is looking. The part (scope) a write may change is dropped when it commits, so a reader never sees
 * data older than the last write it could know of:
 * - writes of this process call `invalidate(scopes)` right after their commit, before their response is sent;
 * - on a database that other processes write too (PostgreSQL), each write transaction NOTIFYs
 *   `plaza_changes` with its scopes (`notifyChange`), and every node drops those when that arrives. The cache only
 *   works while this node listens; before the listener is up, and while it is lost, every read goes to the
 *   database.
 * Values are shared between requests: never change them, build the response from them.
 */
export class ReadCache {
  readonly #db: Db;
  readonly #maxEntries: Record<CacheScope, number>;
  readonly #relistenMs: number;
  readonly #log: Logger | undefined;
  #entries = new Map<CacheScope, Map<string, Promise<unknown>>>(CACHE_SCOPES.map((scope) => [scope, new Map()]));
  /** Whether reads may use the cache: always on an unshared database, while listening on a shared one. */
  #active: boolean;
  #listening: Promise<void> | null = null;
  #stopListening: (() => Promise<void>) | null = null;
  #relistenTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(db: Db, { enabled = true, maxEntries = {}, relistenMs = 1_000, log }: ReadCacheOptions = {}) {
    this.#db = db;
    this.#maxEntries = { users: 50_000, memberships: 50_000, content: 500, ...maxEntries };
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
   * The value under `key` in `scope`, loaded once until a write changes that scope. A failed load is not
   * kept; nor is a value `keep` refuses (say, "no such user", which a later insert would make wrong).
   */
  get<T>(scope: CacheScope, key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    if (!this.#ready()) return load();
    const entries = this.#entries.get(scope)!;
    const hit = entries.get(key);
    if (hit) return hit as Promise<T>;
    if (entries.size >= this.#maxEntries[scope]) entries.clear();
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

  /**
   * Drops these scopes (a write committed), all by default. Loads under way finish for their callers but
   * are not kept.
   */
  invalidate(scopes: readonly CacheScope[] = CACHE_SCOPES): void {
    for (const scope of scopes) this.#entries.set(scope, new Map());
  }

  /** The statement that tells the other nodes, inside a write transaction, which scopes it changed. */
  async notifyChange(tx: Db, scopes: readonly CacheScope[] = CACHE_SCOPES): Promise<void> {
    if (this.notifies && scopes.length > 0)
      await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, scopes.join(',')]);
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
      (payload) => this.invalidate(scopesOf(payload)),
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

/** The scopes named in a change notification; anything unknown (an older node's empty payload) drops all. */
function scopesOf(payload: string): readonly CacheScope[] {
  const named = payload.split(',');
  return named.every((scope) => (CACHE_SCOPES as readonly string[]).includes(scope))
    ? (named as CacheScope[])
    : CACHE_SCOPES;
}
