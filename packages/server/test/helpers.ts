/**
 * Test setup for the server suite. Each test file gets its own database: in-memory PGlite by default, or,
 * when PLAZA_TEST_DATABASE_URL is set, a fresh PostgreSQL database created next to that one and dropped
 * afterwards. Requests go through `app.request` (no network).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import * as z from 'zod/mini';
import { ErrorBody, Poll, type CreatePollRequest } from '@plaza/contract';
import { createApp, migrate, openDb, seed, silentLogger, type AppOptions, type Db } from '../src/index.ts';

const adminUrl = process.env.PLAZA_TEST_DATABASE_URL;
export const backend = adminUrl ? 'postgres' : 'pglite';

export interface TestDb {
  db: Db;
  /** Connection URL of this test's PostgreSQL database (undefined on PGlite). */
  url: string | undefined;
  /** Opens another connection pool to the same database (PostgreSQL only). */
  openAnother(): Promise<Db>;
  close(): Promise<void>;
}

/** A fresh database for one test file, migrated unless `migrated: false`. */
export async function openTestDb({ migrated = true } = {}): Promise<TestDb> {
  if (!adminUrl) {
    const db = await openDb();
    if (migrated) await migrate(db);
    return {
      db,
      url: undefined,
      openAnother: () => Promise.reject(new Error('One in-memory PGlite cannot be opened twice')),
      close: () => db.close(),
    };
  }
  const name = `plaza_test_${randomBytes(6).toString('hex')}`;
  await asAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const others: Db[] = [];
  const db = await openDb({ url: url.href });
  if (migrated) await migrate(db);
  return {
    db,
    url: url.href,
    openAnother: async () => {
      const other = await openDb({ url: url.href });
      others.push(other);
      return other;
    },
    close: async () => {
      await Promise.all([db, ...others].map((handle) => handle.close()));
      await asAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function asAdmin(fn: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/** A clock the tests move by hand. */
export class TestClock {
  constructor(public current = new Date('2026-06-01T09:00:00.000Z')) {}
  now = () => this.current;
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export interface RequestOptions {
  /** Signed in as this user id (dev session cookie); signed out when omitted. */
  as?: string;
  body?: unknown;
  /** A raw body, sent as is (malformed JSON, huge bodies). */
  rawBody?: string;
  /** Send the CSRF header with cookie-authenticated writes (default true). */
  csrf?: boolean;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

export interface TestApi {
  app: ReturnType<typeof createApp>;
  db: Db;
  clock: TestClock;
  request(method: string, path: string, options?: RequestOptions): Promise<Response>;
  get(path: string, options?: RequestOptions): Promise<Response>;
  /** Creates a poll as `as` (default u-alex) and returns it. */
  createPoll(input: CreatePollRequest, as?: string): Promise<Poll>;
  vote(pollId: string, optionIds: string[], as: string): Promise<Response>;
}

/** An app over `db` with a test clock, and request helpers. */
export function testApi(db: Db, options: Partial<AppOptions> = {}): TestApi {
  const clock = new TestClock();
  const app = createApp({
    db,
    authMode: 'dev',
    now: clock.now,
    // Tests that exercise these turn them on; the others would trip over budgets and log noise.
    rateLimits: false,
    log: silentLogger,
    ...options,
  });
  const request = (method: string, path: string, opts: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.as) headers.Cookie = `plaza_session=${opts.as}`;
    if (opts.as && opts.csrf !== false && method !== 'GET') headers['X-Plaza-CSRF'] = '1';
    if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
    const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (body !== undefined) headers['Content-Type'] ??= 'application/json';
    return Promise.resolve(app.request(path, { method, headers, ...(body === undefined ? {} : { body }) }));
  };
  return {
    app,
    db,
    clock,
    request,
    get: (path, opts) => request('GET', path, opts),
    createPoll: async (input, as = 'u-alex') => {
      const response = await request('POST', '/v1/polls', { as, body: input });
      if (response.status !== 201) throw new Error(`createPoll: ${response.status} ${await response.text()}`);
      return readPoll(response);
    },
    vote: (pollId, optionIds, as) => request('PUT', `/v1/polls/${pollId}/vote`, { as, body: { optionIds } }),
  };
}

/** Migrated, seeded database plus app, for one test file. */
export async function seededApi(options: Partial<AppOptions> = {}) {
  const testDb = await openTestDb();
  const api = testApi(testDb.db, options);
  await seed(testDb.db, { now: api.clock.current });
  return { ...api, close: testDb.close, testDb };
}

/** The response body checked against the contract's `Poll`. */
export async function readPoll(response: Response): Promise<Poll> {
  return z.parse(Poll, await response.json());
}

/** The response body checked against the contract's `ErrorBody`. */
export async function readError(response: Response): Promise<ErrorBody['error']> {
  return z.parse(ErrorBody, await response.json()).error;
}

/** Inserts `count` members named `<prefix>-<n>` and returns their ids. */
export async function createUsers(db: Db, count: number, prefix = 'u-test'): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`);
  await db.query(
    `INSERT INTO users (id, name, role) SELECT id, 'Test ' || id, 'member' FROM unnest($1::text[]) AS t(id)`,
    [ids],
  );
  return ids;
}

export const votesOf = (poll: Poll) => Object.fromEntries(poll.options.map((option) => [option.label, option.votes]));
