import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backend, DAY, HOUR, readError, seededApi } from './helpers.ts';
import { createPost, insertGroup, readFeed } from './posts-fixtures.ts';

describe(`feed (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
    await insertGroup(api, 'grp-feed', 'public', ['u-sam', 'u-priya', 'u-alex']);
    await insertGroup(api, 'grp-feed-pins', 'public', ['u-sam', 'u-priya']);
  });
  after(() => api.close());

  /** Every page of a feed query, following `nextCursor`. */
  const allPages = async (query: string, as?: string) => {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const separator = query.includes('?') ? '&' : '?';
      const page = await readFeed(
        await api.get(`${query}${cursor ? `${separator}cursor=${cursor}` : ''}`, as ? { as } : {}),
      );
      pages.push(page.items.map((post) => post.id));
      cursor = page.nextCursor;
    } while (cursor);
    return pages;
  };

  it('pages newest first with a cursor, stable while new posts arrive', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 25; index += 1) {
      api.clock.advance(1000);
      // Every fifth post shares its timestamp with the one before: the id breaks the tie.
      if (index % 5 === 4) api.clock.advance(-1000);
      ids.push((await createPost(api, 'u-sam', { body: `Post ${index}`, groupId: 'grp-feed' })).id);
    }
    const first = await readFeed(await api.get('/v1/feed?groupId=grp-feed&limit=10'));
    assert.equal(first.items.length, 10);
    assert.ok(first.nextCursor);
    // New posts arrive between page loads: they never push older posts onto the next page twice.
    for (let index = 0; index < 3; index += 1) {
      api.clock.advance(1000);
      await createPost(api, 'u-priya', { body: `Late ${index}`, groupId: 'grp-feed' });
    }
    const second = await readFeed(await api.get(`/v1/feed?groupId=grp-feed&limit=10&cursor=${first.nextCursor}`));
    const third = await readFeed(await api.get(`/v1/feed?groupId=grp-feed&limit=10&cursor=${second.nextCursor}`));
    assert.equal(third.nextCursor, null);
    const seen = [...first.items, ...second.items, ...third.items];
    assert.equal(seen.length, 25);
    assert.equal(new Set(seen.map((post) => post.id)).size, 25, 'no duplicates');
    assert.deepEqual(new Set(seen.map((post) => post.id)), new Set(ids), 'nothing lost');
    const order = seen.map((post) => [post.createdAt, post.id] as const);
    for (let index = 1; index < order.length; index += 1) {
      const [previousAt, previousId] = order[index - 1]!;
      const [at, id] = order[index]!;
      assert.ok(at < previousAt || (at === previousAt && id < previousId), `newest first at ${index}`);
    }
    // Starting over shows the new posts first.
    const fresh = await readFeed(await api.get('/v1/feed?groupId=grp-feed&limit=3'));
    assert.deepEqual(
      fresh.items.map((post) => post.body.source),
      ['Late 2', 'Late 1', 'Late 0'],
    );
  });

  it('takes 20 posts per page by default, at most 50; rejects bad parameters', async () => {
    const page = await readFeed(await api.get('/v1/feed?groupId=grp-feed'));
    assert.equal(page.items.length, 20);
    const max = await readFeed(await api.get('/v1/feed?groupId=grp-feed&limit=50'));
    assert.equal(max.items.length, 28);
    assert.equal(max.nextCursor, null);
    for (const query of ['limit=0', 'limit=51', 'limit=abc', 'limit=1.5', 'cursor=nope', 'cursor=W10', 'topic=%23']) {
      const response = await api.get(`/v1/feed?${query}`);
      assert.equal(response.status, 400, query);
      assert.equal((await readError(response)).code, 'validation_failed', query);
    }
  });

  it('answers a tampered cursor with 400 on every paged list (the feed, comments, notifications, questions)', async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    // Each decodes and passes a loose check, but PostgreSQL refuses it (NUL in text, years outside 1–9999,
    // a rank past integer): before, a 500.
    const times = ['0000-01-01T00:00:00Z', '+100000-01-01T00:00:00.000Z', '-000500-01-01T00:00:00.000Z'];
    const paths = [
      ...[...times.map((time) => [time, 'post-x']), ['2026-01-01T00:00:00.000Z', 'a\u0000b']].flatMap((value) => [
        `/v1/feed?cursor=${cursor(value)}`,
        `/v1/posts/post-x/comments?before=${cursor(value)}`,
      ]),
      ...times.map((time) => `/v1/notifications?cursor=${cursor([time, 'n-1'])}`),
      ...times.map((time) => `/v1/questions?topic=it-help&cursor=${cursor([1, time, 'q-1'])}`),
      `/v1/questions?topic=it-help&cursor=${cursor([2 ** 40, '2026-01-01T00:00:00Z', 'q-1'])}`,
    ];
    const post = await createPost(api, 'u-sam', { body: 'Paged comments', groupId: 'grp-feed' });
    for (const path of paths) {
      const response = await api.get(path.replace('post-x', post.id), { as: 'u-sam' });
      assert.equal(response.status, 400, path);
      assert.equal((await readError(response)).code, 'validation_failed', path);
    }
  });

  it('filters by topic (case-insensitive, with or without #), author and group', async () => {
    // Newer than every post made before, so it comes first among u-priya's (equal times order by id).
    api.clock.advance(60_000);
    const tagged = await createPost(api, 'u-priya', { body: 'Patch day #Windows-Update', groupId: 'grp-feed' });
    await createPost(api, 'u-alex', { body: 'Patch notes #windows-update #security' });
    for (const topic of ['windows-update', 'Windows-Update', '%23WINDOWS-UPDATE']) {
      const page = await readFeed(await api.get(`/v1/feed?topic=${topic}`));
      assert.equal(page.items.length, 2, topic);
      assert.ok(page.items.every((post) => post.topics.includes('windows-update')));
    }
    const german = await readFeed(await api.get(`/v1/feed?topic=${encodeURIComponent('wechselrichter')}`));
    assert.deepEqual(
      german.items.map((post) => post.id),
      ['post-solar-isolation', 'post-solar-parts'],
    );
    const byAuthor = await readFeed(await api.get('/v1/feed?authorId=u-priya&groupId=grp-feed&limit=50'));
    assert.deepEqual(byAuthor.items.map((post) => post.id).slice(0, 1), [tagged.id]);
    assert.ok(byAuthor.items.every((post) => post.author.id === 'u-priya' && post.groupId === 'grp-feed'));
    const combined = await readFeed(await api.get('/v1/feed?topic=windows-update&authorId=u-alex'));
    assert.equal(combined.items.length, 1);
    assert.equal((await api.get('/v1/feed?groupId=grp-nope')).status, 404);
  });

  it('shows private groups’ posts only to members, also when asked for the group', async () => {
    const outsider = await allPages('/v1/feed?limit=50', 'u-sam');
    assert.ok(!outsider.flat().includes('post-vets-triage'));
    const signedOut = await allPages('/v1/feed?limit=50');
    assert.ok(!signedOut.flat().includes('post-vets-dosage'));
    assert.ok(signedOut.flat().includes('post-solar-parts'));
    const member = await allPages('/v1/feed?limit=50', 'u-priya');
    assert.ok(member.flat().includes('post-vets-triage'));
    assert.equal((await api.get('/v1/feed?groupId=grp-emergency-vets', { as: 'u-sam' })).status, 404);
    assert.equal((await api.get('/v1/feed?groupId=grp-emergency-vets', { as: 'u-alex' })).status, 404);
    const groupFeed = await readFeed(await api.get('/v1/feed?groupId=grp-emergency-vets', { as: 'u-lena' }));
    assert.deepEqual(
      groupFeed.items.map((post) => post.id),
      ['post-vets-triage', 'post-vets-dosage'],
    );
  });

  it('puts pinned announcements first on the first page only, until they expire', async () => {
    api.clock.advance(HOUR);
    const older = await createPost(api, 'u-sam', {
      body: 'Pinned, lasting',
      groupId: 'grp-feed-pins',
      announcement: { pinned: true },
    });
    api.clock.advance(1000);
    const expiring = await createPost(api, 'u-sam', {
      body: 'Pinned until tomorrow',
      groupId: 'grp-feed-pins',
      announcement: { pinned: true, expiresAt: new Date(api.clock.current.getTime() + DAY).toISOString() },
    });
    const ordinary: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      api.clock.advance(1000);
      ordinary.push((await createPost(api, 'u-priya', { body: `Chat ${index}`, groupId: 'grp-feed-pins' })).id);
    }
    const pages = await allPages('/v1/feed?groupId=grp-feed-pins&limit=2');
    assert.deepEqual(pages, [
      [expiring.id, older.id, ordinary[4], ordinary[3]],
      [ordinary[2], ordinary[1]],
      [ordinary[0]],
    ]);
    // Urgent pinned posts go above other pinned ones.
    const urgent = await readFeed(await api.get('/v1/feed?limit=1', { as: 'u-sam' }));
    assert.equal(urgent.items[0]!.id, 'post-network-outage');
    assert.equal(urgent.items[0]!.announcement?.urgent, true);

    api.clock.advance(DAY + 1000);
    const later = await allPages('/v1/feed?groupId=grp-feed-pins&limit=3');
    assert.deepEqual(later, [
      [older.id, ordinary[4], ordinary[3], ordinary[2]],
      [ordinary[1], ordinary[0], expiring.id],
    ]);
  });
});
