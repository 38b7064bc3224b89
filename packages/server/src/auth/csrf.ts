import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';

export const CSRF_HEADER = 'X-Plaza-CSRF';

/**
 * Cookie-authenticated writes must carry `X-Plaza-CSRF: 1`. Another site can make a browser send the
 * cookie, but not a custom header (that needs a CORS preflight we do not grant), so the header proves
 * the request came from a page allowed to call the API. `alwaysFor` lists paths that need it even
 * without a cookie (signing in, so nobody can sign a visitor in as someone else).
 */
export function csrfGuard(cookieName: string, alwaysFor: readonly string[] = []): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const isWrite = c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS';
    const needsHeader = getCookie(c, cookieName) !== undefined || alwaysFor.includes(c.req.path);
    if (isWrite && needsHeader && c.req.header(CSRF_HEADER) !== '1') {
      throw new ApiError(403, 'csrf_failed', `Cookie-authenticated writes need the header ${CSRF_HEADER}: 1`);
    }
    await next();
  };
}
