import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db.ts';
import type { AppEnv } from './env.ts';
import { CACHE_SCOPES, type CacheScope, type ReadCache } from './read-cache.ts';
import { ApiError, validationFailed } from './errors.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const IDEMPOTENCY_KEY_MAX_LENGTH = 200;
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** Thrown to roll back a write whose error response is already set on the context. */
class RollbackOnly extends Error {}

interface IdempotentRequest {
  userId: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

/** What claiming a key found. */
type Claim =
  // First use (or the old use expired): run the request, store its response.
  | { kind: 'claimed' }
  // The same request ran before: send its response again.
  | { kind: 'replay'; status: number; body: string }
  // The key was used for another method, path or body.
  | { kind: 'conflict' }
  // Used, but without a stored response yet.
  | { kind: 'pending' };

export interface WriteOptions {
  now: () => Date;
  /** Paths under these prefixes run in a transaction but ignore `Idempotency-Key`. */
  idempotencyExempt?: readonly string[];
  /** Dropped after every committed write; its `notifyChange` tells the other nodes inside the transaction. */
  cache?: ReadCache;
  /** What of the cache a write to this path may change (see CACHE_SCOPES_BY_PATH); default everything. */
  cacheScopes?: (path: string) => readonly CacheScope[];
}

/**
 * Runs every write (not GET/HEAD/OPTIONS) in one transaction, exposed to handlers as `c.get('db')`.
 * A handler that fails leaves nothing behind. With an `Idempotency-Key` from a signed-in user, the key is
 * claimed in the same transaction and the first response (status + body) is stored with it: a retry
 * replays it, and a concurrent duplicate waits on the claimed row until the first commits, then replays.
 * 5xx responses are not stored, so a retry runs again.
 */
export function transactionalWrites({
  now,
  idempotencyExempt = [],
  cache,
  cacheScopes = () => CACHE_SCOPES,
}: WriteOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (READ_METHODS.includes(c.req.method)) return next();
    // Read the whole body before the transaction: a slow upload must not hold a connection (or, on
    // PGlite, the only one). Handlers get it from Hono's body cache. Bytes, not text: decoded as UTF-8, two
    // different images would hash the same (every invalid byte becomes U+FFFD).
    const body = new Uint8Array(await c.req.arrayBuffer());

    const key = c.req.header(IDEMPOTENCY_HEADER);
    const viewer = c.get('viewer');
    const exempt = idempotencyExempt.some((prefix) => c.req.path.startsWith(prefix));
    const scopes = cacheScopes(c.req.path);
    let request: IdempotentRequest | null = null;
    if (key !== undefined && viewer && !exempt) {
      if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
        throw validationFailed('Invalid Idempotency-Key', {
          [IDEMPOTENCY_HEADER]: [`Must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters`],
        });
      }
      const url = new URL(c.req.url);
      request = {
        userId: viewer.id,
        key,
        method: c.req.method,
        path: url.pathname + url.search,
        requestHash: createHash('sha256').update(body).digest('hex'),
      };
    }

    const rootDb = c.get('db');
    try {
      await rootDb.transaction(async (tx) => {
        c.set('db', tx);
        if (request) {
          const claim = await claimKey(tx, request, now());
          if (claim.kind === 'conflict') {
            throw new ApiError(422, 'idempotency_conflict', 'This Idempotency-Key was used for a different request');
          }
          if (claim.kind === 'pending') {
            throw new ApiError(409, 'conflict', 'A request with this Idempotency-Key is still being processed');
          }
          if (claim.kind === 'replay') {
            c.res = replayResponse(claim);
            return;
          }
          await tx.query('SAVEPOINT handler');
        }
        await next();
        if (c.error) {
          // Keep the claim (to store the error response) but none of the failed handler's writes.
          if (!request) throw new RollbackOnly();
          await tx.query('ROLLBACK TO SAVEPOINT handler');
        }
        if (c.res.status >= 500) throw new RollbackOnly();
        if (request) await storeResponse(tx, request, c.res.status, await c.res.clone().text());
        await cache?.notifyChange(tx, scopes);
      });
      // Before the response goes out: whoever saw it reads the change.
      cache?.invalidate(scopes);
    } catch (error) {
      if (!(error instanceof RollbackOnly)) throw error;
    } finally {
      c.set('db', rootDb);
    }
  };
}

/**
 * Inserts the key, or takes over an expired one. When the key exists, the row lock makes this wait for a
 * concurrent first request to commit; then the stored response decides between replay and conflict.
 */
async function claimKey(db: Db, request: IdempotentRequest, now: Date): Promise<Claim> {
  const expiredBefore = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
  const { rows: claimed } = await db.query(
    `INSERT INTO idempotency_keys (user_id, key, method, path, request_hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id, key) DO UPDATE
       SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
           status_code = NULL, response_body = NULL, created_at = EXCLUDED.created_at
       WHERE idempotency_keys.created_at < $7
     RETURNING key`,
    [request.userId, request.key, request.method, request.path, request.requestHash, now, expiredBefore],
  );
  if (claimed.length > 0) return { kind: 'claimed' };

  const { rows } = await db.query<{
    method: string;
    path: string;
    request_hash: string;
    status_code: number | null;
    response_body: string | null;
  }>(
    'SELECT method, path, request_hash, status_code, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2',
    [request.userId, request.key],
  );
  const stored = rows[0];
  const sameRequest =
    stored?.method === request.method && stored.path === request.path && stored.request_hash === request.requestHash;
  if (!stored || !sameRequest) return { kind: 'conflict' };
  // Claim and response are written in one transaction, so this only happens if that changes.
  if (stored.status_code === null || stored.response_body === null) return { kind: 'pending' };
  return { kind: 'replay', status: stored.status_code, body: stored.response_body };
}

async function storeResponse(db: Db, request: IdempotentRequest, status: number, body: string): Promise<void> {
  await db.query('UPDATE idempotency_keys SET status_code = $3, response_body = $4 WHERE user_id = $1 AND key = $2', [
    request.userId,
    request.key,
    status,
    body,
  ]);
}

function replayResponse({ status, body }: { status: number; body: string }): Response {
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' },
  });
}

/** Deletes idempotency records older than 24 hours; they would be taken over anyway, this keeps the table small. */
export async function purgeExpiredIdempotencyKeys(db: Db, now: Date = new Date()): Promise<number> {
  const { rows } = await db.query<{ key: string }>('DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING key', [
    new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS),
  ]);
  return rows.length;
}
