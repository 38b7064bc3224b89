import { Hono } from 'hono';
import { POST_LIMITS, type FeedPage } from '@plaza/contract';
import type { SqlParam } from '../db.ts';
import { groupAccess } from '../groups/access.ts';
import type { AppEnv, AppSettings } from '../http/env.ts';
import { notFound, validationFailed } from '../http/errors.ts';
import { normaliseTopic } from '../markdown/lexer.ts';
import { postVisibleSql } from '../posts/access.ts';
import { decodeCursor, encodeCursor, parseLimit } from '../posts/cursor.ts';
import { loadPosts } from '../posts/load.ts';

/** Pinned announcements shown above the first page, at most. */
const MAX_PINNED = 10;

/**
 * `/v1/feed`: the posts the viewer may see, newest first, paged by a keyset cursor (stable while new posts
 * arrive). Pinned announcements that have not expired come first on the first page, and are left out of
 * the pages themselves so nothing shows twice. Filters: `groupId`, `topic`, `authorId`.
 */
export function feedRoutes(settings: AppSettings): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    const db = c.get('db');
    const viewer = c.get('viewer');
    const now = settings.now();
    const limit = parseLimit(c.req.query('limit'), POST_LIMITS.pageSizeDefault, POST_LIMITS.pageSizeMax);
    const cursor = decodeCursor(c.req.query('cursor'), 'cursor');
    for (const name of ['groupId', 'topic', 'authorId', 'cursor', 'limit']) {
      if (c.req.query(name)?.includes('\0')) {
        throw validationFailed(`Invalid ${name}`, { [name]: ['Must not contain the character U+0000'] });
      }
    }
    const groupId = c.req.query('groupId') || null;
    const topic = c.req.query('topic') ? normaliseTopic(c.req.query('topic')!) : null;
    const authorId = c.req.query('authorId') || null;
    if (topic !== null && (topic.length === 0 || topic.length > 100)) {
      throw validationFailed('Invalid topic', { topic: ['A topic of 1 to 100 characters'] });
    }
    // A private group's feed does not exist for outsiders.
    if (groupId !== null && !(await groupAccess(db, viewer, groupId)).canSee) throw notFound('No group has this id');

    const params: SqlParam[] = [viewer?.id ?? null, viewer?.role ?? null, now];
    const param = (value: SqlParam) => {
      params.push(value);
      return `$${params.length}`;
    };
    const filters = [postVisibleSql('p', '$1', '$2')];
    if (groupId !== null) filters.push(`p.group_id = ${param(groupId)}::text`);
    if (topic !== null) filters.push(`${param(topic)}::text = ANY(p.topics)`);
    if (authorId !== null) filters.push(`p.author_id = ${param(authorId)}::text`);
    const pinnedNow = `(p.pinned AND (p.expires_at IS NULL OR p.expires_at > $3::timestamptz))`;

    const pageFilters = [...filters, `NOT ${pinnedNow}`];
    if (cursor) {
      pageFilters.push(`(p.created_at, p.id) < (${param(cursor.createdAt)}::timestamptz, ${param(cursor.id)}::text)`);
    }
    const { rows: page } = await db.query<{ id: string; created_at: Date }>(
      `SELECT p.id, p.created_at FROM posts p WHERE ${pageFilters.join(' AND ')}
        ORDER BY p.created_at DESC, p.id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const more = page.length > limit;
    const shown = page.slice(0, limit);
    let pinned: { id: string }[] = [];
    if (!cursor) {
      ({ rows: pinned } = await db.query<{ id: string }>(
        `SELECT p.id FROM posts p WHERE ${[...filters, pinnedNow].join(' AND ')}
          ORDER BY p.urgent DESC, p.created_at DESC, p.id DESC LIMIT ${MAX_PINNED}`,
        params.slice(0, params.length - 1),
      ));
    }
    const last = shown.at(-1);
    const body: FeedPage = {
      items: await loadPosts(
        db,
        [...pinned, ...shown].map((row) => row.id),
        viewer,
      ),
      nextCursor: more && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
    };
    return c.json(body);
  });
}
