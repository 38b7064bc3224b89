import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { CSRF_HEADER } from '../auth/csrf.ts';
import type { AppEnv } from './env.ts';
import { IDEMPOTENCY_HEADER } from './writes.ts';

/** Request headers a Plaza page sends besides the CORS-safelisted ones. */
// Cache-Control: earlier SDKs sent it when opening the event stream (a second, older copy may be on the page).
const ALLOWED_HEADERS = [
  'Content-Type',
  'Authorization',
  IDEMPOTENCY_HEADER,
  CSRF_HEADER,
  'Last-Event-ID',
  'Cache-Control',
];
/** Response headers the SDK reads. */
const EXPOSED_HEADERS = ['Retry-After', 'X-Request-Id', 'Idempotent-Replayed'];
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * `PLAZA_CORS_ORIGINS` (comma-separated, spaces allowed) as a checked list; empty when unset. The server's
 * main and `pnpm demo` read it alike.
 */
export function parseCorsOrigins(list: string | undefined): string[] {
  return checkCorsOrigins(
    (list ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  );
}

/**
 * Throws unless every entry is an origin (`https://intranet.example.com`, no path, no wildcard): the
 * allow-list grants credentials, so `*` or a typo must fail at startup, not open the API to every site.
 */
export function checkCorsOrigins(origins: readonly string[]): string[] {
  return origins.map((origin) => {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new Error(`CORS origin ${JSON.stringify(origin)} is not an origin such as https://intranet.example.com`);
    }
    return origin;
  });
}

/**
 * CORS for the pages listed in `origins` (exact match): they get `Access-Control-Allow-Origin` with
 * credentials, the Plaza request headers and the exposed response headers, and their preflights are
 * answered. Any other origin gets no CORS header at all, so browsers keep its pages out (and the CSRF
 * header can only come from a listed page).
 */
export function corsAllowList(origins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(checkCorsOrigins(origins));
  const grant = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ALLOWED_METHODS,
    allowHeaders: ALLOWED_HEADERS,
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (origin !== undefined && allowed.has(origin)) return grant(c, next);
    const isPreflight = c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method') !== undefined;
    // Answered, but without a grant: the browser refuses the real request.
    if (isPreflight) return c.body(null, 204, { Vary: 'Origin' });
    await next();
    // A cache must not hand a listed origin's response (with its grant) to another origin, or the reverse.
    c.header('Vary', 'Origin', { append: true });
  };
}
