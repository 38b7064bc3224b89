// The SDK's feed, posts, comments, moderation and uploads against the real reference server, in process.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import type { Post } from '@plaza/contract';
import { createApp, migrate, openDb, seed, type Db } from '@plaza/server';
import { createClient, newIdempotencyKey, PlazaError, type FeedState, type PlazaClient } from '@plaza/sdk';
import { postsApi, type PostsResources } from '@plaza/sdk/posts';

/** A client with the posts resources attached as properties (`client.posts` for `postsApi(client).posts`). */
type TestClient = PlazaClient & PostsResources;
const withPosts = (client: PlazaClient): TestClient => Object.assign(client, postsApi(client));

let db: Db;
let app: ReturnType<typeof createApp>;

before(async () => {
  db = await openDb({});
  await migrate(db);
  await seed(db);
  app = createApp({ db, authMode: 'dev' });
});
after(() => db.close());

type Intercept = (request: Request, forward: () => Promise<Response>) => Promise<Response>;

/** A client signed in as `userId` through the dev session cookie; `intercept` may drop or delay requests. */
function clientAs(userId: string | null, intercept?: Intercept, seen?: string[]): TestClient {
  return withPosts(
    createClient({
      baseUrl: 'http://plaza.test/',
      retry: { retries: 2, baseDelayMs: 1 },
      realtime: false,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (userId) request.headers.set('Cookie', `plaza_session=${userId}`);
        const url = new URL(request.url);
        seen?.push(`${request.method} ${url.pathname}${url.search}`);
        const forward = async () => app.request(request);
        return intercept ? intercept(request, forward) : forward();
      },
    }),
  );
}

const feedOf = (client: TestClient, query = {}) => client.store.get<FeedState>('feed', client.feed.key(query))?.value;
const postIn = (client: TestClient, id: string) => client.store.get<Post>('post', id)?.value;

const be32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};
const chunk = (type: string, data: Buffer) => {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  return Buffer.concat([be32(data.length), typeAndData, be32(crc32(typeAndData))]);
};
/** A real 3×2 grey PNG. */
const png = () =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.concat([be32(3), be32(2), Buffer.from([8, 2, 0, 0, 0])])),
    chunk('IDAT', deflateSync(Buffer.alloc(2 * 10, 0x80))),
    chunk('IEND', Buffer.alloc(0)),
  ]);

describe('feed', () => {
  it('loads the first page with pinned announcements first, normalises posts and pages with the cursor', async () => {
    const client = clientAs('u-alex');
    const first = await client.feed.load({ limit: 2 });
    assert.ok(first.postIds.length >= 2);
    assert.equal(first.postIds[0], 'post-network-outage', 'the urgent pinned announcement is first');
    assert.ok(postIn(client, 'post-network-outage')?.announcement?.urgent);
    assert.ok(first.nextCursor);
    const second = await client.feed.more({ limit: 2 });
    assert.ok(second.postIds.length > first.postIds.length);
    assert.deepEqual(second.postIds.slice(0, first.postIds.length), first.postIds, 'pages are appended');
    assert.equal(new Set(second.postIds).size, second.postIds.length, 'no post twice');
    for (const id of second.postIds) assert.ok(postIn(client, id), `post ${id} is in the store`);
  });

  it('the same post in two feeds is one state, and a fresh feed is not fetched twice', async () => {
    const seen: string[] = [];
    const client = clientAs('u-jonas', undefined, seen);
    await Promise.all([client.feed.load({}), client.feed.load({ groupId: 'grp-solar-service' })]);
    await client.feed.load({});
    assert.equal(seen.filter((line) => line === 'GET /v1/feed').length, 1);
    assert.ok(feedOf(client)?.postIds.includes('post-solar-isolation'));
    assert.ok(feedOf(client, { groupId: 'grp-solar-service' })?.postIds.includes('post-solar-isolation'));
    await client.posts.react('post-solar-isolation', 'celebrate');
    // Both feeds read the one entry.
    assert.equal(postIn(client, 'post-solar-isolation')?.reactions.find((r) => r.kind === 'celebrate')?.mine, true);
    await client.posts.unreact('post-solar-isolation', 'celebrate');
  });

  it('feed keys ignore field order, empty values, case and # of topics', () => {
    const client = clientAs(null);
    assert.equal(
      client.feed.key({ topic: '#Triage', groupId: 'g' }),
      client.feed.key({ groupId: 'g', topic: 'triage', authorId: null }),
    );
    assert.equal(client.feed.key({}), 'all');
  });

  it('a private group feed is not_found for outsiders and readable signed out only where public', async () => {
    await assert.rejects(
      clientAs('u-sam').feed.load({ groupId: 'grp-emergency-vets' }),
      (error: unknown) => error instanceof PlazaError && error.code === 'not_found',
    );
    const open = await clientAs(null).feed.load({ groupId: 'grp-solar-service' });
    assert.ok(open.postIds.length > 0);
  });

  it('posts.get batches the reads of one tick into one ?ids= request', async () => {
    const seen: string[] = [];
    const client = clientAs('u-alex', undefined, seen);
    const [a, b] = await Promise.all([client.posts.get('post-welcome-plaza'), client.posts.get('post-it-calendar')]);
    assert.equal(a.id, 'post-welcome-plaza');
    assert.equal(b.id, 'post-it-calendar');
    assert.deepEqual(
      seen.filter((line) => line.startsWith('GET /v1/posts')),
      ['GET /v1/posts?ids=post-welcome-plaza,post-it-calendar'],
    );
    await assert.rejects(
      client.posts.get('post-does-not-exist'),
      (error: unknown) => error instanceof PlazaError && error.code === 'not_found',
    );
  });
});

describe('posts', () => {
  it('creates a post that appears at the top of loaded feeds it belongs in (below pinned ones)', async () => {
    const client = clientAs('u-jonas');
    await client.feed.load({});
    await client.feed.load({ groupId: 'grp-solar-service' });
    await client.feed.load({ groupId: 'grp-it-help' });
    const post = await client.posts.create({
      body: 'Neue **Wechselrichter** sind da #lager',
      groupId: 'grp-solar-service',
    });
    assert.equal(post.topics[0], 'lager');
    const company = feedOf(client)!;
    const pinned = company.postIds.filter((id) => postIn(client, id)?.announcement?.pinned).length;
    assert.equal(company.postIds[pinned], post.id);
    assert.ok(feedOf(client, { groupId: 'grp-solar-service' })!.postIds.includes(post.id));
    assert.ok(!feedOf(client, { groupId: 'grp-it-help' })!.postIds.includes(post.id), 'not in another group');
  });

  it('a retried create (response lost) reuses its Idempotency-Key and creates the post once', async () => {
    const keys: string[] = [];
    let dropped = false;
    const client = clientAs('u-priya', async (request, forward) => {
      const response = await forward();
      if (request.method === 'POST' && new URL(request.url).pathname === '/v1/posts') {
        keys.push(request.headers.get('Idempotency-Key') ?? '');
        if (!dropped) {
          dropped = true;
          throw new TypeError('network dropped the response');
        }
      }
      return response;
    });
    const body = `Retry test ${Date.now()}`;
    const post = await client.posts.create({ body });
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1]);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM posts WHERE body_source = $1', [
      body,
    ]);
    assert.equal(rows[0]!.n, 1);
    assert.equal(post.author.id, 'u-priya');
  });

  it('a user retry of a failed create with the same key creates one post', async () => {
    let failing = true;
    const client = clientAs('u-sam', async (request, forward) => {
      const response = await forward();
      if (request.method === 'POST' && failing) throw new TypeError('offline');
      return response;
    });
    const key = newIdempotencyKey();
    const body = `Draft kept ${Date.now()}`;
    await assert.rejects(client.posts.create({ body }, { idempotencyKey: key }), (error: unknown) => {
      return error instanceof PlazaError && error.code === 'network';
    });
    failing = false;
    const post = await client.posts.create({ body }, { idempotencyKey: key });
    const again = await client.posts.create({ body }, { idempotencyKey: key });
    assert.equal(again.id, post.id, 'the same key answers with the same post');
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM posts WHERE body_source = $1', [
      body,
    ]);
    assert.equal(rows[0]!.n, 1);
  });

  it('refuses an empty post with field errors', async () => {
    await assert.rejects(
      clientAs('u-sam').posts.create({ body: '   ' }),
      (error: unknown) => error instanceof PlazaError && error.code === 'validation_failed' && !!error.fields?.body,
    );
  });

  it('edits and deletes its own post; the deleted post leaves the feeds', async () => {
    const client = clientAs('u-sam');
    const post = await client.posts.create({ body: 'Typo in the first version' });
    await client.feed.load({ authorId: 'u-sam' }, { refresh: true });
    const edited = await client.posts.edit(post.id, { body: 'Fixed the *typo*' });
    assert.ok(edited.editedAt);
    assert.equal(postIn(client, post.id)?.body.source, 'Fixed the *typo*');
    await assert.rejects(
      clientAs('u-priya').posts.edit(post.id, { body: 'not mine' }),
      (error: unknown) => error instanceof PlazaError && error.code === 'forbidden',
    );
    await client.posts.delete(post.id);
    assert.ok(!feedOf(client, { authorId: 'u-sam' })!.postIds.includes(post.id));
    await assert.rejects(
      client.posts.get(post.id, { refresh: true }),
      (error: unknown) => error instanceof PlazaError && error.code === 'not_found',
    );
  });
});

describe('reactions and acknowledgements', () => {
  it('react is optimistic, replaces another kind, and unreact removes it', async () => {
    const client = clientAs('u-priya');
    const before = await client.posts.get('post-it-calendar');
    const pending = client.posts.react('post-it-calendar', 'insightful');
    const shown = postIn(client, 'post-it-calendar')!;
    assert.equal(shown.reactions.find((r) => r.kind === 'insightful')?.mine, true, 'shown before the answer');
    await pending;
    const replaced = await client.posts.react('post-it-calendar', 'support');
    assert.equal(replaced.reactions.find((r) => r.kind === 'insightful')?.mine, false);
    assert.equal(replaced.reactions.find((r) => r.kind === 'support')?.mine, true);
    const removed = await client.posts.unreact('post-it-calendar', 'support');
    assert.deepEqual(
      removed.reactions.map((r) => r.count),
      before.reactions.map((r) => (r.mine ? r.count - 1 : r.count)),
    );
  });

  it('a refused reaction rolls back', async () => {
    const client = clientAs('u-priya', async (request, forward) =>
      request.method === 'PUT'
        ? new Response(JSON.stringify({ error: { code: 'forbidden', message: 'no' } }), { status: 403 })
        : forward(),
    );
    const before = await client.posts.get('post-welcome-plaza');
    await assert.rejects(client.posts.react('post-welcome-plaza', 'like'));
    assert.deepEqual(postIn(client, 'post-welcome-plaza'), before);
  });

  it('acknowledges optimistically; the manager sees the count rise', async () => {
    const manager = clientAs('u-alex');
    const before = (await manager.posts.get('post-network-outage')).acknowledgement!;
    assert.notEqual(before.count, null);
    const client = clientAs('u-sam');
    const post = await client.posts.get('post-network-outage');
    assert.equal(post.acknowledgement?.acknowledged, false);
    assert.equal(post.acknowledgement?.count, null, 'members see no count');
    const pending = client.posts.acknowledge('post-network-outage');
    assert.equal(postIn(client, 'post-network-outage')?.acknowledgement?.acknowledged, true);
    await pending;
    const after = await manager.posts.get('post-network-outage', { refresh: true });
    assert.equal(after.acknowledgement!.count, before.count! + 1);
  });
});

describe('comments', () => {
  it('lists newest comments, pages back, comments, replies, edits and deletes', async () => {
    const client = clientAs('u-priya');
    const post = await client.posts.create({ body: 'Comment thread test' });
    const first = await client.posts.comment(post.id, { body: 'First' });
    for (let i = 2; i <= 4; i++) await client.posts.comment(post.id, { body: `Comment ${i}` });
    const page = await client.posts.comments(post.id, { limit: 2 });
    assert.deepEqual(
      page.items.map((c) => c.body.source),
      ['Comment 3', 'Comment 4'],
    );
    assert.equal(page.total, 4);
    const all = await client.posts.moreComments(post.id, { limit: 2 });
    assert.deepEqual(
      all.items.map((c) => c.body.source),
      ['First', 'Comment 2', 'Comment 3', 'Comment 4'],
    );
    assert.equal(all.nextCursor, null);
    const reply = await client.posts.comment(post.id, { body: 'A reply', parentId: first.id });
    const stored = client.store.get<{ items: { id: string; replies: { id: string }[] }[]; total: number }>(
      'comments',
      post.id,
    )!.value!;
    assert.equal(stored.items[0]!.replies[0]!.id, reply.id);
    assert.equal(stored.total, 5);
    assert.equal(postIn(client, post.id)?.commentCount, 5);
    const edited = await client.posts.editComment(post.id, reply.id, { body: 'An edited reply' });
    assert.ok(edited.editedAt);
    await client.posts.deleteComment(post.id, first.id);
    const afterDelete = client.store.get<{ items: unknown[]; total: number }>('comments', post.id)!.value!;
    assert.equal(afterDelete.items.length, 3);
    assert.equal(afterDelete.total, 3, 'the comment and its reply are gone');
    assert.equal(postIn(client, post.id)?.commentCount, 3);
    const server = await clientAs(null).posts.get(post.id);
    assert.equal(server.commentCount, 3);
  });
});

describe('reports and moderation', () => {
  it('reports once; the moderator sees it in the queue, hides it, and it is gone for others', async () => {
    const author = clientAs('u-sam');
    const post = await author.posts.create({ body: 'Buy cheap watches http://spam.example' });
    const reporter = clientAs('u-priya');
    await reporter.posts.get(post.id);
    const report = await reporter.posts.report(post.id, { reason: 'spam', note: 'advertising' });
    assert.equal(report.reason, 'spam');
    assert.equal(postIn(reporter, post.id)?.canReport, false);
    await assert.rejects(
      reporter.posts.report(post.id, { reason: 'spam' }),
      (error: unknown) => error instanceof PlazaError && error.status === 409,
    );

    const moderator = clientAs('u-alex');
    const queue = await moderator.moderation.reports();
    const entry = queue.find((item) => item.post.id === post.id);
    assert.ok(entry);
    assert.equal(entry.reports[0]!.note, 'advertising');
    const hidden = await moderator.posts.hide(post.id);
    assert.equal(hidden.hidden, true);

    const other = clientAs('u-jonas');
    await other.feed.load({ authorId: 'u-sam' });
    assert.ok(!feedOf(other, { authorId: 'u-sam' })!.postIds.includes(post.id), 'hidden posts are not listed');
    // The reporter no longer sees it.
    await assert.rejects(reporter.posts.get(post.id, { refresh: true }));
    await moderator.posts.restore(post.id);
    assert.equal((await clientAs('u-priya').posts.get(post.id)).hidden, false);
    await assert.rejects(
      clientAs('u-sam').moderation.reports(),
      (error: unknown) => error instanceof PlazaError && error.code === 'forbidden',
    );
  });
});

describe('files', () => {
  it('uploads an image as the raw body (fetch, indeterminate progress) and attaches it to a post', async () => {
    const client = clientAs('u-jonas');
    const progress: (number | null)[] = [];
    const file = await client.files.upload(new Blob([png()], { type: 'image/png' }), {
      onProgress: (fraction) => progress.push(fraction),
    });
    assert.equal(file.contentType, 'image/png');
    assert.equal(file.width, 3);
    assert.deepEqual(progress, [null, 1]);
    const post = await client.posts.create({ body: 'With a picture', images: [{ fileId: file.id, alt: 'Grey test' }] });
    assert.equal(post.images[0]!.alt, 'Grey test');
  });

  it('refuses what is not an image with a typed 415', async () => {
    await assert.rejects(
      clientAs('u-jonas').files.upload(new Blob(['<svg onload=alert(1)>'], { type: 'image/png' })),
      (error: unknown) => error instanceof PlazaError && error.code === 'unsupported_media_type',
    );
    await assert.rejects(
      clientAs(null).files.upload(new Blob([png()], { type: 'image/png' })),
      (error: unknown) => error instanceof PlazaError && error.code === 'unauthenticated',
    );
  });
});

describe('realtime', () => {
  it('a post.updated event re-reads a held post; a hidden one leaves the feed', async () => {
    const author = clientAs('u-sam');
    const post = await author.posts.create({ body: 'Realtime test' });
    const streamRequests: string[] = [];
    const reader = withPosts(
      createClient({
        baseUrl: 'http://plaza.test/',
        retry: { retries: 0 },
        realtime: { baseDelayMs: 10, idleCloseMs: 10 },
        fetch: async (input, init) => {
          const request = new Request(input, init);
          request.headers.set('Cookie', 'plaza_session=u-priya');
          streamRequests.push(new URL(request.url).pathname);
          return app.request(request);
        },
      }),
    );
    await reader.feed.load({ authorId: 'u-sam' });
    assert.ok(feedOf(reader, { authorId: 'u-sam' })!.postIds.includes(post.id));
    const stop = reader.store.subscribe('post', post.id, () => undefined);
    const stopFeed = reader.store.subscribe('feed', reader.feed.key({ authorId: 'u-sam' }), () => undefined);
    await waitFor(() => reader.realtime.state === 'open');
    await author.posts.edit(post.id, { body: 'Realtime test, edited' });
    await waitFor(() => postIn(reader, post.id)?.body.source === 'Realtime test, edited');
    await clientAs('u-alex').posts.hide(post.id);
    await waitFor(() => !feedOf(reader, { authorId: 'u-sam' })!.postIds.includes(post.id));
    stop();
    stopFeed();
  });

  it('while the stream is down, polling finds posts newer than a feed (newerIds) and leaves the list as it is', async () => {
    let streamTries = 0;
    let feedReads = 0;
    const reader = withPosts(
      createClient({
        baseUrl: 'http://plaza.test/',
        retry: { retries: 0 },
        realtime: { baseDelayMs: 5, maxDelayMs: 10, failuresBeforePolling: 2, pollIntervalMs: 30, idleCloseMs: 10 },
        fetch: async (input, init) => {
          const request = new Request(input, init);
          request.headers.set('Cookie', 'plaza_session=u-priya');
          if (new URL(request.url).pathname === '/v1/events') {
            streamTries++;
            throw new TypeError('blocked by a proxy');
          }
          if (new URL(request.url).pathname === '/v1/feed') feedReads++;
          return app.request(request);
        },
      }),
    );
    const query = { authorId: 'u-jonas' };
    await reader.feed.load(query);
    const listed = feedOf(reader, query)!.postIds;
    assert.deepEqual(feedOf(reader, query)!.newerIds, []);
    const stopFeed = reader.store.subscribe('feed', reader.feed.key(query), () => undefined);
    await waitFor(() => reader.realtime.state === 'polling');
    const post = await clientAs('u-jonas').posts.create({ body: 'Posted while the stream was down' });
    await waitFor(() => feedOf(reader, query)!.newerIds.includes(post.id));
    assert.deepEqual(feedOf(reader, query)!.postIds, listed, 'not inserted under the reader');
    assert.equal(postIn(reader, post.id)?.id, post.id, 'the post is in the store for the banner');
    const reads = feedReads;
    await waitFor(() => feedReads >= reads + 2);
    assert.deepEqual(feedOf(reader, query)!.newerIds, [post.id], 'found once, however often it polls');
    await reader.feed.load(query, { refresh: true });
    assert.deepEqual(feedOf(reader, query)!.newerIds, [], 'a reload shows it and clears the list');
    assert.equal(feedOf(reader, query)!.postIds[0], post.id);
    assert.ok(streamTries >= 2);
    stopFeed();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
