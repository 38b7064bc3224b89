import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Db } from '../src/index.ts';
import { ReadCache } from '../src/http/read-cache.ts';
import { acceptsGzip } from '../src/http/encoding.ts';
import { backend, HOUR, seededApi, testApi, type TestApi } from './helpers.ts';
import { createPost, readFeed } from './posts-fixtures.ts';

const PEOPLE = ['u-alex', 'u-lena', 'u-jonas', 'u-priya', 'u-sam', 'u-cache-new', 'u-cache-other', undefined] as const;

/** A database handle that counts the statements it runs. */
function counting(db: Db): { db: Db; count: () => number } {
  let statements = 0;
  return {
    count: () => statements,
    db: {
      shared: db.shared,
      query: (sql, params) => {
        statements += 1;
        return db.query(sql, params);
      },
      exec: (sql) => db.exec(sql),
      transaction: (fn) => db.transaction(fn),
      listen: db.listen?.bind(db),
      close: () => Promise.resolve(),
    },
  };
}

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
    await api.request('POST', `/v1/posts/${second.id}/reports`, { as: 'u-sam', body: { reason: 'Out of date' } });
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
    assert.equal(await cache.get('a', load), 1);
    assert.equal(await cache.get('a', load), 1);
    cache.invalidate();
    assert.equal(await cache.get('a', load), 2);
    await assert.rejects(cache.get('b', () => Promise.reject(new Error('down'))));
    assert.equal(await cache.get('b', load), 3);
    assert.equal(await cache.get('c', load, () => false), 4);
    assert.equal(await cache.get('c', load, () => false), 5);
  });

  it('does not keep what a load finished after an invalidation began', async () => {
    const cache = new ReadCache(unshared);
    let release!: (value: string) => void;
    const slow = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate();
    release('old');
    assert.equal(await slow, 'old');
    assert.equal(await cache.get('k', async () => 'new'), 'new');
  });

  it('keeps nothing when turned off, and starts over when full', async () => {
    const off = new ReadCache(unshared, { enabled: false });
    let loads = 0;
    await off.get('a', async () => ++loads);
    await off.get('a', async () => ++loads);
    assert.equal(loads, 2);
    const small = new ReadCache(unshared, { maxEntries: 2 });
    await small.get('a', async () => 'a');
    await small.get('b', async () => 'b');
    await small.get('c', async () => 'c');
    assert.equal(await small.get('a', async () => 'again'), 'again');
  });

  it('on a shared database, caches only while it listens for other processes, and stops when that breaks', async () => {
    let lost!: (error: Error) => void;
    let notify!: () => void;
    let listens = 0;
    const shared = {
      shared: true,
      listen: async (_channel: string, onNotify: () => void, onLost: (error: Error) => void) => {
        listens += 1;
        notify = onNotify;
        lost = onLost;
        return async () => {};
      },
    } as unknown as Db;
    const cache = new ReadCache(shared, { relistenMs: 10 });
    assert.equal(await cache.get('k', async () => 'before listening'), 'before listening');
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(await cache.get('k', async () => 'first'), 'first');
    assert.equal(await cache.get('k', async () => 'second'), 'first');
    notify();
    assert.equal(await cache.get('k', async () => 'after a write elsewhere'), 'after a write elsewhere');
    lost(new Error('connection reset'));
    assert.equal(await cache.get('k', async () => 'while lost'), 'while lost');
    assert.equal(await cache.get('k', async () => 'still lost'), 'still lost');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await cache.get('k', async () => 'triggers listening again');
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(listens, 2);
    assert.equal(await cache.get('k', async () => 'listening again'), 'listening again');
    assert.equal(await cache.get('k', async () => 'cached'), 'listening again');
    await cache.close();
    assert.equal(await cache.get('k', async () => 'closed'), 'closed');
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
