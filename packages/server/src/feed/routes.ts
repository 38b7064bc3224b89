import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { POST_LIMITS, type FeedPage, type User } from '@plaza/contract';
import type { Db, SqlParam } from '../db.ts';
import { managesGroup, membershipsOf, seesGroup, type GroupRole } from '../groups/access.ts';
import { acceptsGzip } from '../http/encoding.ts';
import type { AppEnv, AppSettings } from '../http/env.ts';
import { notFound, validationFailed } from '../http/errors.ts';
import { normaliseTopic } from '../markdown/lexer.ts';
import { postVisibleSql } from '../posts/access.ts';
import { decodeCursor, encodeCursor, parseLimit, type Cursor } from '../posts/cursor.ts';
import { loadPostData, markedBy, postView, type PostData } from '../posts/load.ts';

const encoder = new TextEncoder();

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
    const query = c.req.query();
    const limit = parseLimit(query.limit, POST_LIMITS.pageSizeDefault, POST_LIMITS.pageSizeMax);
    const cursor = decodeCursor(query.cursor, 'cursor');
    for (const name of ['groupId', 'topic', 'authorId', 'cursor', 'limit']) {
      if (query[name]?.includes('\0')) {
        throw validationFailed(`Invalid ${name}`, { [name]: ['Must not contain the character U+0000'] });
      }
    }
    const groupId = query.groupId || null;
    const topic = query.topic ? normaliseTopic(query.topic) : null;
    const authorId = query.authorId || null;
    if (topic !== null && (topic.length === 0 || topic.length > 100)) {
      throw validationFailed('Invalid topic', { topic: ['A topic of 1 to 100 characters'] });
    }
    const cache = settings.cache;
    const [groups, world] = await Promise.all([
      viewer ? cache.get('memberships', viewer.id, () => membershipsOf(db, viewer.id)) : new Map<string, GroupRole>(),
      cache.get('content', 'feed-world', () => feedWorld(db)),
    ]);
    // A private group's feed does not exist for outsiders.
    if (groupId !== null && !seesGroup(world.visibility.get(groupId), groups.get(groupId))) {
      throw notFound('No group has this id');
    }

    // Which posts a page holds depends on the filters, the position, the time only through pinned
    // announcements expiring, and the viewer only through the groups that change what they see:
    // private groups they belong to, groups they moderate (hidden posts), and whether they are a manager.
    const seeing = [...groups]
      .map(([id, role]) => ({ id, manages: managesGroup(viewer, role) }))
      .filter(({ id, manages }) => manages || world.visibility.get(id) === 'private')
      .map(({ id, manages }) => `${id}:${manages ? 'm' : ''}`)
      .sort();
    const expired = world.pinExpiries.filter((at) => at <= now.getTime()).length;
    const pageKey = JSON.stringify([
      viewer?.role === 'manager',
      seeing,
      groupId,
      topic,
      authorId,
      cursor?.createdAt.toISOString() ?? null,
      cursor?.id ?? null,
      limit,
      expired,
    ]);
    const page = await cache.get('content', `feed:${pageKey}`, () =>
      feedPage(db, { viewer, now, limit, cursor, groupId, topic, authorId }),
    );
    const build = (): FeedPage => ({
      items: page.ids.flatMap((id) => {
        const data = page.posts.get(id);
        return (data && postView(data, viewer, groups)) ?? [];
      }),
      nextCursor: page.nextCursor,
    });
    c.header('Vary', 'Accept-Encoding');
    if (viewer && page.markedBy.has(viewer.id)) return c.json(build());
    // Everyone else gets the same bytes, serialised once per page and way of asking until the next write
    // (the page key holds all else that differs between viewers); gzipped when the client takes it
    // (browsers do), which pays off here: compressed once, sent often.
    const gzip = acceptsGzip(c.req.header('Accept-Encoding'));
    const variant = `${gzip ? 'gzip' : 'json'}:${viewer ? 'in' : 'out'}`;
    let bytes = page.bodies.get(variant);
    if (!bytes) {
      const json = encoder.encode(JSON.stringify(build()));
      bytes = gzip ? gzipSync(json) : json;
      page.bodies.set(variant, bytes);
    }
    if (gzip) c.header('Content-Encoding', 'gzip');
    return c.body(bytes, 200, { 'Content-Type': 'application/json' });
  });
}

/** What changes what a feed page holds, for every viewer alike. */
interface FeedWorld {
  /** group id → visibility, for every group */
  visibility: Map<string, 'public' | 'private'>;
  /** When pinned announcements expire (ms since the epoch): a feed page changes at each of these times. */
  pinExpiries: number[];
}

async function feedWorld(db: Db): Promise<FeedWorld> {
  const [groups, pins] = await Promise.all([
    db.query<{ id: string; visibility: 'public' | 'private' }>('SELECT id, visibility FROM groups'),
    db.query<{ expires_at: Date }>('SELECT DISTINCT expires_at FROM posts WHERE pinned AND expires_at IS NOT NULL'),
  ]);
  return {
    visibility: new Map(groups.rows.map((row) => [row.id, row.visibility])),
    pinExpiries: pins.rows.map((row) => row.expires_at.getTime()),
  };
}

/** One feed page for viewers who see alike, kept by the read cache until the next write. */
interface FeedPageData {
  ids: string[];
  nextCursor: string | null;
  posts: Map<string, PostData>;
  /** People for whom the page shows something of their own (see `markedBy`): their pages are built for them. */
  markedBy: Set<string>;
  /** The response bytes for everyone else, by encoding and signed in or not; filled on first use. */
  bodies: Map<string, Uint8Array<ArrayBuffer>>;
}

interface PageQuery {
  viewer: User | null;
  now: Date;
  limit: number;
  cursor: Cursor | null;
  groupId: string | null;
  topic: string | null;
  authorId: string | null;
}

/** The ids on one feed page (pinned announcements first on the first page) and the cursor of the next. */
async function feedPage(
  db: Db,
  { viewer, now, limit, cursor, groupId, topic, authorId }: PageQuery,
): Promise<FeedPageData> {
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
  const ids = [...pinned, ...shown].map((row) => row.id);
  const posts = await loadPostData(db, ids);
  return {
    ids,
    nextCursor: more && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
    posts,
    markedBy: new Set([...posts.values()].flatMap(markedBy)),
    bodies: new Map(),
  };
}
