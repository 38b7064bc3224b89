import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/** A proxy's id is kept so logs line up across hops; anything odd-looking is replaced. */
const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;

/** Gives every request an id, returned as `X-Request-Id` on every response and as `requestId` in errors. */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('X-Request-Id');
    const id = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', id);
    // Set before the handler builds its response, which takes it along: setting a header on a finished
    // response copies the whole response (a fifth of a feed read's time).
    c.header('X-Request-Id', id);
    await next();
    // Responses built without the context's headers (a replayed write, a static file) get it now.
    if (!c.res.headers.has('X-Request-Id')) c.header('X-Request-Id', id);
  };
}
