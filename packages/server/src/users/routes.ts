import { Hono } from 'hono';
import { USER_SEARCH_LIMITS, type UserSearchResult } from '@plaza/contract';
import type { AppEnv } from '../http/env.ts';
import { requireViewer } from '../auth/viewer.ts';
import { validationFailed } from '../http/errors.ts';
import { searchUsers } from './store.ts';

/** `GET /v1/me` */
export function meRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', (c) => c.json(requireViewer(c)));
}

/** `GET /v1/users?query=`: people search for mention autocomplete; signed-in users only. */
export function userRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    requireViewer(c);
    const query = (c.req.query('query') ?? '').trim();
    const { queryMin, queryMax, results } = USER_SEARCH_LIMITS;
    if (query.length < queryMin || query.length > queryMax) {
      throw validationFailed('Give a search text', { query: [`Must be ${queryMin} to ${queryMax} characters`] });
    }
    if (query.includes('\0')) {
      throw validationFailed('Invalid search text', { query: ['Must not contain the character U+0000'] });
    }
    const body: UserSearchResult = { items: await searchUsers(c.get('db'), query, results) };
    return c.json(body);
  });
}
