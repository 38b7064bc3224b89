import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Db } from '../db.ts';
import type { AppEnv } from './env.ts';
import { errorJson } from './errors.ts';

/** Budgets per client (a signed-in user, else an IP address) and window. */
export interface RateLimitOptions {
  /** Writes (POST, PUT, PATCH, DELETE) per window. Default 60. */
  writes?: number;
  /** Reads (GET, HEAD) per window. Default 600. */
  reads?: number;
  /** Window length in milliseconds. Default 60,000 (one minute). */
  windowMs?: number;
}

export const DEFAULT_RATE_LIMITS: Required<RateLimitOptions> = { writes: 60, reads: 600, windowMs: 60_000 };

export interface RateLimitSettings {
  limits: Required<RateLimitOptions>;
  now: () => Date;
  /** Take the client address from the last `X-Forwarded-For` entry (set by your proxy) instead of the socket. */
  trustProxy: boolean;
  /** Paths not counted (static documents that cost no database work). */
  exempt?: readonly string[];
}

/** Throws unless the budgets are positive integers. */
export function checkRateLimits(options: RateLimitOptions): Required<RateLimitOptions> {
  const limits = { ...DEFAULT_RATE_LIMITS, ...options };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`rate limit ${name} must be a positive integer`);
  }
  return limits;
}

/** The client's address: the socket's peer, or what the proxy in front says when it is trusted. */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    // The last entry is the one our own proxy appended; earlier ones are whatever the client claimed.
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not behind @hono/node-server (app.request in tests): every such request is one client.
    return 'unknown';
  }
}

/**
 * Counts the request against its client's budget (reads and writes separately) in a fixed-window counter
 * in the database, so that every API node shares it. Over budget: 429 `rate_limited` with `Retry-After`
 * (seconds until the window ends). Mount it before `transactionalWrites`: the count is its own statement,
 * committed even when the write it guards fails and rolls back. Refused requests count too, so a client
 * that ignores Retry-After stays refused until the window ends.
 */
export function rateLimit({ limits, now, trustProxy, exempt = [] }: RateLimitSettings): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' || exempt.includes(c.req.path)) return next();
    const isRead = c.req.method === 'GET' || c.req.method === 'HEAD';
    const viewer = c.get('viewer');
    const client = viewer ? `user:${viewer.id}` : `ip:${clientAddress(c, trustProxy)}`;
    const bucket = `${isRead ? 'read' : 'write'}:${client}`;
    const limit = isRead ? limits.reads : limits.writes;

    const at = now().getTime();
    const windowStart = Math.floor(at / limits.windowMs) * limits.windowMs;
    const hits = await countHit(c.get('db'), bucket, new Date(windowStart));
    if (hits > limit) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + limits.windowMs - at) / 1000));
      c.header('Retry-After', String(retryAfter));
      return errorJson(
        c,
        429,
        'rate_limited',
        `Too many ${isRead ? 'reads' : 'writes'}: at most ${limit} per ${limits.windowMs / 1000} s; retry in ${retryAfter} s`,
      );
    }
    await next();
  };
}

async function countHit(db: Db, bucket: string, windowStart: Date): Promise<number> {
  const { rows } = await db.query<{ hits: number }>(
    `INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES ($1, $2, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
     RETURNING hits`,
    [bucket, windowStart],
  );
  return rows[0]!.hits;
}

/** Deletes counters of windows that ended before `now`; call it now and then. */
export async function purgeRateLimitHits(db: Db, now: Date, windowMs = DEFAULT_RATE_LIMITS.windowMs): Promise<number> {
  const { rows } = await db.query<{ bucket: string }>(
    'DELETE FROM rate_limit_hits WHERE window_start < $1 RETURNING bucket',
    [new Date(now.getTime() - windowMs)],
  );
  return rows.length;
}
