import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Db } from '../src/index.ts';
import { CACHE_SCOPES, ReadCache, type CacheScope } from '../src/http/read-cache.ts';
import { cacheScopesOf } from '../src/app.ts';
import { acceptsGzip } from '../src/http/encoding.ts';
import { backend, HOUR, seededApi, testApi, type TestApi } from './helpers.ts';
import { createPost, readFeed } from './posts-fixtures.ts';

const PEOPLE = ['u-alex', 'u-lena', 'u-jonas', 'u-priya', 'u-sam', 'u-cache-new', 'u-cache-other', undefined] as const;

/** A database handle that records the statements it runs, in transactions too. */
function counting(db: Db): { db: Db; count: () => number; statements: string[] } {
  const statements: string[] = [];
  const wrap = (inner: Db): Db => ({
    shared: inner.shared,
    query: (sql, params) => {
      statements.push(sql);
      return inner.query(sql, params);
    },
    exec: (sql) => inner.exec(sql),
    transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))),
    listen: inner.listen?.bind(inner),
    close: () => Promise.resolve(),
  });
  return { db: wrap(db), count: () => statements.length, statements };
}

/** The tables behind each scope of the read cache: a write to one must drop its scope. */
const SCOPE_TABLES: Record<CacheScope, RegExp> = {
  users: /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+users\b/i,
  memberships: /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+group_members\b/i,
  content:
    /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:users|groups|group_members|posts|post_\w+|comments|comment_\w+|files)\b/i,
};

describe(`read cache (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  /** The same API over the same database without the cache: what every cached answer must equal. */
  let uncached: TestApi;
  before(async () => {
    api = await seededApi();
    uncached = testApi(api.db, { readCache: false });
    await api.db.query(
      `INSERT INTO users (id, name, role) VALUES ('u-cache-new', 'New Person', 'member'), ('u-cache-other', 'Other Person', 'member')`,
    );
    // Marks of people's own on the feed: reactions, an acknowledgement, a report, posts of their own.
    const feed = await readFeed(await api.get('/v1/feed', { as: 'u-priya' }));
    const [first, second] = feed.items;
    assert.ok(first && second);
    await api.request('PUT', `/v1/posts/${first.id}/reactions/like`, { as: 'u-sam' });
    await api.request('PUT', `/v1/posts/${second.id}/reactions/celebrate`, { as: 'u-jonas' });
    const report = await api.request('POST', `/v1/posts/${second.id}/reports`, {
      as: 'u-sam',
      body: { reason: 'other' },
    });
    assert.equal(report.status, 201);
    await createPost(api, 'u-jonas', { body: 'Wechselrichter-Update für alle' });
  });
  after(() => api.close());

  const queries = [
    '/v1/feed',
    '/v1/feed?limit=2',
    '/v1/feed?groupId=grp-emergency-vets',
    '/v1/feed?groupId=grp-solar-service&limit=1',
    '/v1/feed?topic=it-help',
  ];

  /** Both apps' answers for one person and query, following every cursor; the cached app asked twice. */
  async function compare(path: string, as: string | undefined, headers: Record<string, string> = {}) {
    let cursor: string | null = null;
    do {
      const url = `${path}${cursor ? `${path.includes('?') ? '&' : '?'}cursor=${cursor}` : ''}`;
      const expected = await uncached.get(url, { ...(as ? { as } : {}) });
      for (const round of ['filling', 'from the cache']) {
        const response = await api.get(url, { ...(as ? { as } : {}), headers });
        assert.equal(response.status, expected.status, `${url} as ${as ?? 'signed out'} (${round})`);
        const gzipped = response.headers.get('Content-Encoding') === 'gzip';
        const bytes = Buffer.from(await response.arrayBuffer());
        const text = (gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
        const body = JSON.parse(text) as { error?: { code: string } };
        const wanted = (await expected.clone().json()) as { error?: { code: string } };
        // Errors carry their request's id; the code is what must agree.
        if (wanted.error) assert.equal(body.error?.code, wanted.error.code);
        else assert.deepEqual(body, wanted, `${url} as ${as ?? 'signed out'} (${round})`);
      }
      cursor = expected.status === 200 ? ((await expected.json()) as { nextCursor: string | null }).nextCursor : null;
    } while (cursor);
  }

  it('answers every person, page and filter exactly as the database does, cached or not', async () => {
    for (const path of queries) for (const as of PEOPLE) await compare(path, as);
  });

  it('answers the same when the client takes gzip, and says so', async () => {
    for (const as of PEOPLE) await compare('/v1/feed?limit=3', as, { 'Accept-Encoding': 'gzip, br' });
    // A page shared by many readers is compressed once; one built for its reader (u-lena wrote posts on it) is not.
    const shared = await api.get('/v1/feed', { as: 'u-cache-new', headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(shared.headers.get('Content-Encoding'), 'gzip');
    assert.equal(shared.headers.get('Vary'), 'Accept-Encoding');
    const own = await api.get('/v1/feed', { as: 'u-lena', headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(own.headers.get('Content-Encoding'), null);
    assert.equal(own.headers.get('Vary'), 'Accept-Encoding');
    const plain = await api.get('/v1/feed', { as: 'u-cache-new' });
    assert.equal(plain.headers.get('Content-Encoding'), null);
  });

  it('reads nothing from the database for a feed page read before, until a write', async () => {
    const watched = counting(api.db);
    const app = testApi(watched.db);
    // On PostgreSQL the cache starts once this process listens for the others' writes (a few ms).
    for (let attempt = 0, before = -1; attempt < 50 && before !== watched.count(); attempt += 1) {
      before = watched.count();
      await app.get('/v1/feed', { as: 'u-cache-new' });
      if (backend === 'postgres') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const afterFirst = watched.count();
    assert.ok(afterFirst > 0);
    await app.get('/v1/feed', { as: 'u-cache-new' });
    await app.get('/v1/feed');
    assert.equal(watched.count(), afterFirst, 'the same page again, and for a reader who sees alike: no statement');
    await app.get('/v1/feed', { as: 'u-cache-other' });
    assert.equal(watched.count(), afterFirst + 2, 'another person costs their session and groups only');
    await app.get('/v1/feed', { as: 'u-cache-other' });
    assert.equal(watched.count(), afterFirst + 2);
    await createPost(app, 'u-sam', { body: 'A write drops the cache' });
    const beforeRead = watched.count();
    await app.get('/v1/feed', { as: 'u-cache-new' });
    assert.ok(watched.count() > beforeRead, 'read again after the write');
  });

  it('drops only what a write may change: each kind of write, statement by statement', async () => {
    const watched = counting(api.db);
    const app = testApi(watched.db);
    assert.ok(SCOPE_TABLES.content.test('INSERT INTO post_reactions (post_id, user_id, kind)'));
    const checked = new Set<string>();
    /** Runs a write and checks every statement it ran against the scopes its path drops. */
    const write = async (method: string, path: string, as: string, body?: unknown) => {
      const from = watched.count();
      const response = await app.request(method, path, { as, ...(body === undefined ? {} : { body }) });
      assert.ok(response.status < 300, `${method} ${path} answered ${response.status}`);
      const statements = watched.statements.slice(from);
      assert.ok(statements.length > 0);
      const allowed = cacheScopesOf(path);
      for (const scope of CACHE_SCOPES) {
        if (allowed.includes(scope)) continue;
        const touching = statements.filter((sql) => SCOPE_TABLES[scope].test(sql));
        assert.deepEqual(touching, [], `${method} ${path} writes ${scope} data: give its path that scope`);
      }
      checked.add(`${method} ${path.split('/').slice(0, 3).join('/')}`);
      return response.json() as Promise<{ id: string }>;
    };

    const poll = (await write('POST', '/v1/polls', 'u-sam', {
      question: 'Cache or no cache?',
      options: ['Cache', 'No cache'],
    })) as unknown as { id: string; options: { id: string }[] };
    await write('PUT', `/v1/polls/${poll.id}/vote`, 'u-priya', { optionIds: [poll.options[0]!.id] });
    await write('PUT', `/v1/polls/${poll.id}/vote`, 'u-priya', { optionIds: [poll.options[1]!.id] });
    await write('DELETE', `/v1/polls/${poll.id}/vote`, 'u-priya');
    await write('POST', `/v1/polls/${poll.id}/close`, 'u-sam');
    const question = await write('POST', '/v1/questions', 'u-sam', {
      title: 'How do I reset the printer queue?',
      topic: 'it-help',
    });
    const answer = await write('POST', `/v1/questions/${question.id}/answers`, 'u-alex', {
      body: 'Restart the spooler.',
    });
    await write('PUT', `/v1/answers/${answer.id}/vote`, 'u-priya');
    await write('DELETE', `/v1/answers/${answer.id}/vote`, 'u-priya');
    await write('POST', `/v1/questions/${question.id}/accept`, 'u-sam', { answerId: answer.id });
    await write('POST', '/v1/notifications/read', 'u-sam', { all: true });
    await write('POST', '/v1/dev/session', 'u-sam', { userId: 'u-priya' });

    const post = await write('POST', '/v1/posts', 'u-sam', { body: 'Scopes, one by one', groupId: 'grp-it-help' });
    await write('PATCH', `/v1/posts/${post.id}`, 'u-sam', { body: 'Scopes, one by one (edited)' });
    await write('PUT', `/v1/posts/${post.id}/reactions/like`, 'u-priya');
    await write('DELETE', `/v1/posts/${post.id}/reactions/like`, 'u-priya');
    const comment = await write('POST', `/v1/posts/${post.id}/comments`, 'u-priya', { body: 'Nice' });
    await write('PATCH', `/v1/comments/${comment.id}`, 'u-priya', { body: 'Nice one' });
    await write('DELETE', `/v1/comments/${comment.id}`, 'u-priya');
    await write('POST', `/v1/posts/${post.id}/reports`, 'u-priya', { reason: 'off-topic' });
    await write('POST', `/v1/posts/${post.id}/hide`, 'u-alex');
    await write('POST', `/v1/posts/${post.id}/restore`, 'u-alex');
    const announcement = await write('POST', '/v1/posts', 'u-alex', {
      body: 'Please confirm',
      announcement: { pinned: false, urgent: false, expiresAt: null, ackRequired: true },
    });
    await write('POST', `/v1/posts/${announcement.id}/acknowledgements`, 'u-sam');
    await write('DELETE', `/v1/posts/${post.id}`, 'u-sam');

    await write('POST', '/v1/groups/grp-solar-service/join', 'u-sam');
    await write('POST', '/v1/groups/grp-solar-service/leave', 'u-sam');
    await write('POST', '/v1/groups/grp-emergency-vets/requests', 'u-jonas', {});
    await write('DELETE', '/v1/groups/grp-emergency-vets/requests/mine', 'u-jonas');
    await write('POST', '/v1/groups/grp-emergency-vets/requests', 'u-jonas', {});
    await write('POST', '/v1/groups/grp-emergency-vets/requests/u-jonas/deny', 'u-lena');
    assert.ok(checked.size >= 12);

    // A busy poll leaves feed pages cached; a reaction leaves sessions and memberships cached.
    await app.get('/v1/feed', { as: 'u-cache-new' });
    const before = watched.count();
    await app.vote('poll-townhall', ['townhall-qa'], 'u-cache-new');
    const afterVote = watched.count();
    await app.get('/v1/feed', { as: 'u-cache-new' });
    assert.equal(watched.count(), afterVote, 'no statement for the feed after a vote');
    assert.ok(afterVote > before);
    await app.request('PUT', `/v1/posts/${announcement.id}/reactions/like`, { as: 'u-priya' });
    const afterReaction = watched.count();
    await app.get('/v1/feed', { as: 'u-cache-new' });
    const reread = watched.statements.slice(afterReaction);
    assert.ok(reread.length > 0, 'the page is read again');
    assert.ok(!reread.some((sql) => /FROM users WHERE id = \$1|FROM group_members WHERE user_id/.test(sql)));
  });

  it('shows a write to the very next read: posts, reactions, memberships', async () => {
    const before = await readFeed(await api.get('/v1/feed?limit=50', { as: 'u-priya' }));
    const post = await createPost(api, 'u-lena', { body: 'Frisch aus der Notaufnahme' });
    const withPost = await readFeed(await api.get('/v1/feed?limit=50', { as: 'u-priya' }));
    assert.ok(withPost.items.some((item) => item.id === post.id));
    assert.equal(withPost.items.length, Math.min(50, before.items.length + 1));

    await api.request('PUT', `/v1/posts/${post.id}/reactions/support`, { as: 'u-priya' });
    const mine = (await readFeed(await api.get('/v1/feed?limit=50', { as: 'u-priya' }))).items.find(
      (item) => item.id === post.id,
    );
    assert.deepEqual(
      mine?.reactions.filter((reaction) => reaction.count > 0).map(({ kind, count, mine }) => [kind, count, mine]),
      [['support', 1, true]],
    );

    // u-sam asked to join the private emergency vets; once approved, their feed holds its posts.
    const outside = await api.get('/v1/feed?groupId=grp-emergency-vets', { as: 'u-sam' });
    assert.equal(outside.status, 404);
    assert.equal(
      (await api.request('POST', '/v1/groups/grp-emergency-vets/requests/u-sam/approve', { as: 'u-lena' })).status,
      200,
    );
    const inside = await readFeed(await api.get('/v1/feed?groupId=grp-emergency-vets', { as: 'u-sam' }));
    assert.ok(inside.items.length > 0);
    await compare('/v1/feed', 'u-sam');
  });

  it('moves an announcement out of the pinned place when it expires, with no write in between', async () => {
    const pinned = await createPost(api, 'u-alex', {
      body: 'Heating maintenance tonight',
      announcement: {
        pinned: true,
        urgent: false,
        expiresAt: new Date(api.clock.current.getTime() + HOUR).toISOString(),
        ackRequired: false,
      },
    });
    const while_ = await readFeed(await api.get('/v1/feed?limit=1', { as: 'u-sam' }));
    assert.ok(while_.items.slice(0, 3).some((item) => item.id === pinned.id));
    api.clock.advance(2 * HOUR);
    uncached.clock.advance(2 * HOUR);
    await compare('/v1/feed?limit=1', 'u-sam');
    api.clock.advance(-2 * HOUR);
    uncached.clock.advance(-2 * HOUR);
    await compare('/v1/feed?limit=1', 'u-sam');
  });

  it(
    'on PostgreSQL, drops its cache when another server process writes',
    { skip: backend !== 'postgres' && 'needs two pools on one PostgreSQL database' },
    async () => {
      const other = testApi(await api.testDb.openAnother());
      try {
        const before = await readFeed(await other.get('/v1/feed', { as: 'u-priya' }));
        // The other process listens before it caches; reads until then go to the database.
        await other.get('/v1/feed', { as: 'u-priya' });
        const post = await createPost(api, 'u-priya', { body: 'Written through the first process' });
        let seen = false;
        for (let attempt = 0; attempt < 50 && !seen; attempt += 1) {
          const page = await readFeed(await other.get('/v1/feed', { as: 'u-priya' }));
          seen = page.items.some((item) => item.id === post.id);
          if (!seen) await new Promise((resolve) => setTimeout(resolve, 20));
        }
        assert.ok(seen, 'the write reached the other process within a second');
        assert.ok(!before.items.some((item) => item.id === post.id));
      } finally {
        await other.app.close();
      }
    },
  );
});

describe('ReadCache', () => {
  const unshared = { shared: false } as unknown as Db;

  it('loads a key once until invalidated; a failed load or a refused value is not kept', async () => {
    const cache = new ReadCache(unshared);
    let loads = 0;
    const load = async () => ++loads;
    assert.equal(await cache.get('content', 'a', load), 1);
    assert.equal(await cache.get('content', 'a', load), 1);
    cache.invalidate();
    assert.equal(await cache.get('content', 'a', load), 2);
    await assert.rejects(cache.get('content', 'b', () => Promise.reject(new Error('down'))));
    assert.equal(await cache.get('content', 'b', load), 3);
    assert.equal(await cache.get('content', 'c', load, () => false), 4);
    assert.equal(await cache.get('content', 'c', load, () => false), 5);
  });

  it('does not keep what a load finished after an invalidation began', async () => {
    const cache = new ReadCache(unshared);
    let release!: (value: string) => void;
    const slow = cache.get('content', 'k', () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate();
    release('old');
    assert.equal(await slow, 'old');
    assert.equal(await cache.get('content', 'k', async () => 'new'), 'new');
  });

  it('keeps nothing when turned off, and starts over when full', async () => {
    const off = new ReadCache(unshared, { enabled: false });
    let loads = 0;
    await off.get('content', 'a', async () => ++loads);
    await off.get('content', 'a', async () => ++loads);
    assert.equal(loads, 2);
    const small = new ReadCache(unshared, { maxEntries: { content: 2 } });
    await small.get('content', 'a', async () => 'a');
    await small.get('content', 'b', async () => 'b');
    await small.get('content', 'c', async () => 'c');
    assert.equal(await small.get('content', 'a', async () => 'again'), 'again');
  });

  it('on a shared database, caches only while it listens for other processes, and stops when that breaks', async () => {
    let lost!: (error: Error) => void;
    let notify!: (payload: string) => void;
    let listens = 0;
    const shared = {
      shared: true,
      listen: async (_channel: string, onNotify: (payload: string) => void, onLost: (error: Error) => void) => {
        listens += 1;
        notify = onNotify;
        lost = onLost;
        return async () => {};
      },
    } as unknown as Db;
    const cache = new ReadCache(shared, { relistenMs: 10 });
    assert.equal(await cache.get('content', 'k', async () => 'before listening'), 'before listening');
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(await cache.get('content', 'k', async () => 'first'), 'first');
    assert.equal(await cache.get('content', 'k', async () => 'second'), 'first');
    assert.equal(await cache.get('users', 'u', async () => 'user'), 'user');
    notify('users,memberships');
    assert.equal(await cache.get('content', 'k', async () => 'kept'), 'first', 'other scopes stay');
    assert.equal(await cache.get('users', 'u', async () => 'user again'), 'user again');
    notify('');
    assert.equal(await cache.get('content', 'k', async () => 'after a write elsewhere'), 'after a write elsewhere');
    lost(new Error('connection reset'));
    assert.equal(await cache.get('content', 'k', async () => 'while lost'), 'while lost');
    assert.equal(await cache.get('content', 'k', async () => 'still lost'), 'still lost');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await cache.get('content', 'k', async () => 'triggers listening again');
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(listens, 2);
    assert.equal(await cache.get('content', 'k', async () => 'listening again'), 'listening again');
    assert.equal(await cache.get('content', 'k', async () => 'cached'), 'listening again');
    await cache.close();
    assert.equal(await cache.get('content', 'k', async () => 'closed'), 'closed');
  });

  it('reads Accept-Encoding for gzip with its quality', () => {
    assert.equal(acceptsGzip(undefined), false);
    assert.equal(acceptsGzip('gzip, deflate, br'), true);
    assert.equal(acceptsGzip('br;q=1.0, gzip;q=0.8'), true);
    assert.equal(acceptsGzip('gzip;q=0'), false);
    assert.equal(acceptsGzip('br'), false);
    assert.equal(acceptsGzip('*'), true);
    assert.equal(acceptsGzip('*;q=0, br'), false);
  });
});
