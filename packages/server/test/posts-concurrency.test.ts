import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backend, createUsers, readPoll, seededApi } from './helpers.ts';

/** Sends each request 2 or 3 times: the first copies at once (concurrently), the last after a pause. */
async function withRetries<T>(count: number, send: (index: number) => Promise<T>): Promise<T[][]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const copies = 2 + (index % 2);
      const concurrent = await Promise.all(Array.from({ length: copies - 1 }, () => send(index)));
      // A client retrying after a timeout it saw: the first response may or may not have arrived.
      await new Promise((resolve) => setImmediate(resolve));
      return [...concurrent, await send(index)];
    }),
  );
}

describe(`posts under concurrent retried writes (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  it('1,000 post creations, each sent 2–3 times with its Idempotency-Key, make exactly 1,000 posts', async () => {
    const authors = ['u-alex', 'u-lena', 'u-jonas', 'u-priya', 'u-sam'];
    const responses = await withRetries(1000, (index) =>
      api.request('POST', '/v1/posts', {
        as: authors[index % authors.length]!,
        body: { body: `Load test post ${index} #loadtest` },
        idempotencyKey: `create-${index}`,
      }),
    );
    const idsByRequest = await Promise.all(
      responses.map(async (copies, index) => {
        const bodies = await Promise.all(
          copies.map(async (response) => {
            assert.equal(response.status, 201, `request ${index}`);
            return (await response.json()) as { id: string; body: { source: string } };
          }),
        );
        assert.equal(new Set(bodies.map((post) => post.id)).size, 1, `request ${index}: one post for every copy`);
        assert.equal(bodies[0]!.body.source, `Load test post ${index} #loadtest`);
        return bodies[0]!.id;
      }),
    );
    assert.equal(new Set(idsByRequest).size, 1000, 'one distinct post per key');
    const { rows } = await api.db.query<{ count: number; distinct_bodies: number }>(
      `SELECT count(*)::int AS count, count(DISTINCT body_source)::int AS distinct_bodies
         FROM posts WHERE 'loadtest' = ANY(topics)`,
    );
    assert.deepEqual(rows[0], { count: 1000, distinct_bodies: 1000 });
    const { rows: events } = await api.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM events WHERE type = 'post.created' AND entity_id = ANY($1::text[])`,
      [idsByRequest],
    );
    assert.equal(events[0]!.count, 1000, 'one event per post, none for replays');
  });

  it('1,000 voters, each vote sent 2–3 times with its Idempotency-Key, give the exact tally', async () => {
    const voters = await createUsers(api.db, 1000, 'u-voter');
    // Anonymous: each response then carries counts, not 1,000 names (which would make this test slow, not better).
    const poll = await api.createPoll({
      question: 'Canteen menu next week?',
      options: ['Pasta', 'Curry', 'Salad'],
      anonymous: true,
    });
    const responses = await withRetries(1000, (index) =>
      api.request('PUT', `/v1/polls/${poll.id}/vote`, {
        as: voters[index]!,
        body: { optionIds: [poll.options[index % 3]!.id] },
        idempotencyKey: `vote-${poll.id}`,
      }),
    );
    for (const [index, copies] of responses.entries()) {
      assert.deepEqual(
        copies.map((response) => response.status),
        copies.map(() => 200),
        `voter ${index}`,
      );
    }
    const tally = await readPoll(await api.get(`/v1/polls/${poll.id}`));
    assert.equal(tally.totalVoters, 1000);
    assert.deepEqual(
      tally.options.map((option) => option.votes),
      [334, 333, 333],
    );
    const { rows } = await api.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM events WHERE type = 'poll.updated' AND entity_id = $1`,
      [poll.id],
    );
    assert.equal(rows[0]!.count, 1000, 'replays record no event');
  });
});
