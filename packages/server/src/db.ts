import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction as PGliteTransaction } from '@electric-sql/pglite';
import pg from 'pg';

/** What a query parameter may be; both drivers serialise these the same way. */
export type SqlParam = string | number | boolean | Date | null | readonly string[];

/**
 * The little the server needs from a database, implemented by embedded PGlite and by PostgreSQL.
 * SQL must run on both: PostgreSQL 15 and PGlite's newer PostgreSQL.
 */
export interface Db {
  /** One statement, `$1`-style parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<{ rows: T[] }>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Inside, use only `tx`: the outer handle waits for the transaction (PGlite has one connection).
   * A transaction opened on `tx` joins the outer one.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** True when other processes may write to the same database (PostgreSQL); PGlite belongs to one process. */
  readonly shared?: boolean;
  /**
   * Calls `onNotify` with the payload of every NOTIFY on `channel` (after the sending transaction commits),
   * until the returned function is called. On PostgreSQL this holds one dedicated connection; `onLost` is
   * called if it breaks (then listen again: notifications sent meanwhile are lost). Optional: without it,
   * the realtime hub polls.
   */
  listen?(
    channel: string,
    onNotify: (payload: string) => void,
    onLost?: (error: Error) => void,
  ): Promise<() => Promise<void>>;
}

export interface OpenDbOptions {
  /** PostgreSQL connection URL; when given, PGlite is not used. */
  url?: string;
  /** Folder of a file-backed PGlite database; in memory when neither this nor `url` is given. */
  dataDir?: string;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
}

/** Opens PostgreSQL when `url` is given, else PGlite (file-backed under `dataDir`, or in memory). */
export async function openDb(options: OpenDbOptions = {}): Promise<Db> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = new PGlite(options.dataDir);
  await pglite.waitReady;
  return new PGliteDb(pglite);
}

class PGliteDb implements Db {
  constructor(private readonly pglite: PGlite) {}

  async query<T>(sql: string, params: readonly SqlParam[] = []) {
    const { rows } = await this.pglite.query<T>(sql, [...params]);
    return { rows };
  }

  async exec(sql: string) {
    await this.pglite.exec(sql);
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) => fn(new PGliteTransactionDb(tx)));
  }

  close() {
    return this.pglite.close();
  }

  async listen(channel: string, onNotify: (payload: string) => void) {
    // In-process: PGlite delivers a committed transaction's notifications to its own listeners.
    return this.pglite.listen(channel, onNotify);
  }
}

class PGliteTransactionDb implements Db {
  constructor(private readonly tx: PGliteTransaction) {}

  async query<T>(sql: string, params: readonly SqlParam[] = []) {
    const { rows } = await this.tx.query<T>(sql, [...params]);
    return { rows };
  }

  async exec(sql: string) {
    await this.tx.exec(sql);
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return fn(this);
  }

  close(): Promise<void> {
    return Promise.reject(new Error('Close the database, not a transaction'));
  }
}

async function openPostgres(url: string, max: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', (error) => console.error('PostgreSQL pool:', error.message));
  // Fail at startup, not at the first request, when the database is unreachable.
  const client = await pool.connect();
  client.release();
  return new PostgresDb(pool, url);
}

class PostgresDb implements Db {
  readonly shared = true;

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {}

  async query<T>(sql: string, params: readonly SqlParam[] = []) {
    const { rows } = await this.pool.query(sql, [...params]);
    return { rows: rows as T[] };
  }

  async exec(sql: string) {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(new PostgresClientDb(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      // A connection that could not roll back is in an unknown state: destroy it instead of reusing it.
      client.release(broken);
    }
  }

  close() {
    return this.pool.end();
  }

  async listen(channel: string, onNotify: (payload: string) => void, onLost?: (error: Error) => void) {
    // Its own connection, outside the pool: LISTEN holds it for as long as the process runs.
    const client = new pg.Client({ connectionString: this.url });
    let stopped = false;
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onNotify(message.payload);
    });
    const lost = (error: Error) => {
      if (stopped) return;
      stopped = true;
      client.end().catch(() => {});
      onLost?.(error);
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('The LISTEN connection closed')));
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (error) {
      // Reported to the caller by the rejection, not (also) through onLost.
      stopped = true;
      await client.end().catch(() => {});
      throw error;
    }
    return async () => {
      stopped = true;
      await client.end().catch(() => {});
    };
  }
}

class PostgresClientDb implements Db {
  constructor(private readonly client: pg.PoolClient) {}

  async query<T>(sql: string, params: readonly SqlParam[] = []) {
    const { rows } = await this.client.query(sql, [...params]);
    return { rows: rows as T[] };
  }

  async exec(sql: string) {
    await this.client.query(sql);
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return fn(this);
  }

  close(): Promise<void> {
    return Promise.reject(new Error('Close the database, not a transaction'));
  }
}
