import { Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod/mini';
import { Id } from '@plaza/contract';
import type { AppEnv } from '../http/env.ts';
import type { ReadCache } from '../http/read-cache.ts';
import { readBody } from '../http/body.ts';
import { validationFailed } from '../http/errors.ts';
import { findUser, listUsers } from '../users/store.ts';

/**
 * Dev auth: the session cookie simply holds a user id, so anyone can be anyone. It exists for the demo's
 * user switcher and for tests, and must never serve real users.
 */
export const SESSION_COOKIE = 'plaza_session';
export const DEV_SESSION_PATH = '/v1/dev/session';

/** Throws when dev auth is asked for in production. */
export function assertDevAuthAllowed(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production') {
    throw new Error('Dev auth lets anyone sign in as anyone; it refuses to run with NODE_ENV=production');
  }
}

/** Sets `viewer` from the session cookie; an unknown id counts as signed out. */
export function devViewer(cache: ReadCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const userId = getCookie(c, SESSION_COOKIE);
    const db = c.get('db');
    c.set(
      'viewer',
      userId
        ? await cache.get(
            'users',
            userId,
            () => findUser(db, userId),
            (user) => user !== null,
          )
        : null,
    );
    await next();
  };
}

const SessionRequest = z.object({ userId: z.nullable(Id) });

/** `GET /v1/dev/users` (the demo's user switcher) and `POST /v1/dev/session` (switch or sign out). */
export function devRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/users', async (c) => {
      const users = await listUsers(c.get('db'));
      return c.json({
        items: users.map(({ id, name, title, avatarUrl, role }) => ({ id, name, title, avatarUrl, role })),
      });
    })
    .post('/session', async (c) => {
      const { userId } = await readBody(c, SessionRequest);
      if (userId === null) {
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.json({ user: null });
      }
      const user = await findUser(c.get('db'), userId);
      if (!user) throw validationFailed('No such user', { userId: ['No user has this id'] });
      setCookie(c, SESSION_COOKIE, user.id, { httpOnly: true, sameSite: 'Lax', path: '/' });
      return c.json({ user });
    });
}
