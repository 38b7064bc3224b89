import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db, SqlParam } from '../src/index.ts';
import { backend, DAY, HOUR, readError, readPoll, seededApi, testApi } from './helpers.ts';

describe(`Idempotency-Key (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const countPolls = async (question: string) =>
    (await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM polls WHERE question = $1', [question])).rows[0]!
      .n;

  const create = (question: string, key: string, as = 'u-lena') =>
    api.request('POST', '/v1/polls', { as, idempotencyKey: key, body: { question, options: ['Yes', 'No'] } });

  it('replays the first response to a sequential retry without acting again', async () => {
    const first = await create('Retried once?', 'key-create-1');
    assert.equal(first.status, 201);
    const firstBody = await first.text();
    const retry = await create('Retried once?', 'key-create-1');
    assert.equal(retry.status, 201);
    assert.equal(await retry.text(), firstBody);
    assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(await countPolls('Retried once?'), 1);
  });

  it('counts the same vote sent twice with one key once, even after a later vote', async () => {
    const poll = await api.createPoll({ question: 'Vote retried?', options: ['A', 'B'] });
    const [a, b] = poll.options.map((option) => option.id);
    const send = (optionId: string, key: string) =>
      api.request('PUT', `/v1/polls/${poll.id}/vote`, {
        as: 'u-sam',
        idempotencyKey: key,
        body: { optionIds: [optionId] },
      });

    const first = await readPoll(await send(a!, 'vote-key-a'));
    assert.equal(first.totalVoters, 1);
    const retried = await readPoll(await send(a!, 'vote-key-a'));
    assert.deepEqual(retried, first);
    // A newer vote with its own key, then a late retry of the first: the retry must not undo the newer vote.
    await send(b!, 'vote-key-b');
    const lateRetry = await readPoll(await send(a!, 'vote-key-a'));
    assert.deepEqual(lateRetry, first, 'the stored response, not a new vote');
    const now = await readPoll(await api.get(`/v1/polls/${poll.id}`, { as: 'u-sam' }));
    assert.deepEqual(now.myVote, [b]);
    assert.equal(now.totalVoters, 1);
  });

  it('acts once when the same request arrives several times at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => create('Sent concurrently?', 'key-concurrent')),
    );
    const bodies = await Promise.all(responses.map((response) => response.text()));
    assert.deepEqual(
      responses.map((response) => response.status),
      Array(8).fill(201),
    );
    assert.equal(new Set(bodies).size, 1, 'every response is the first one');
    assert.equal(await countPolls('Sent concurrently?'), 1);
  });

  it('counts concurrent duplicate votes with one key once', async () => {
    const poll = await api.createPoll({ question: 'Concurrent duplicate votes?', options: ['A', 'B'] });
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.request('PUT', `/v1/polls/${poll.id}/vote`, {
          as: 'u-priya',
          idempotencyKey: 'key-concurrent-vote',
          body: { optionIds: [poll.options[0]!.id] },
        }),
      ),
    );
    const polls = await Promise.all(responses.map(readPoll));
    assert.ok(polls.every((seen) => seen.totalVoters === 1 && seen.options[0]!.votes === 1));
    const { rows } = await api.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM poll_ballots WHERE poll_id = $1',
      [poll.id],
    );
    assert.equal(rows[0]!.n, 1);
  });

  it('answers 422 idempotency_conflict when the key comes back with a different request', async () => {
    assert.equal((await create('Original question?', 'key-reused')).status, 201);
    const differentBody = await create('Another question?', 'key-reused');
    assert.equal(differentBody.status, 422);
    assert.equal((await readError(differentBody)).code, 'idempotency_conflict');
    const differentRoute = await api.request('PUT', '/v1/polls/poll-townhall/vote', {
      as: 'u-lena',
      idempotencyKey: 'key-reused',
      body: { optionIds: ['townhall-qa'] },
    });
    assert.equal(differentRoute.status, 422);
    assert.equal(await countPolls('Another question?'), 0);
  });

  it('keeps keys per user', async () => {
    assert.equal((await create('Per user?', 'key-shared', 'u-lena')).status, 201);
    assert.equal((await create('Per user?', 'key-shared', 'u-jonas')).status, 201);
    assert.equal(await countPolls('Per user?'), 2);
  });

  it('replays an error response too', async () => {
    const send = () =>
      api.request('PUT', '/v1/polls/poll-townhall/vote', {
        as: 'u-jonas',
        idempotencyKey: 'key-invalid',
        body: { optionIds: ['retro-smooth'] },
      });
    const first = await send();
    assert.equal(first.status, 400);
    const retry = await send();
    assert.equal(retry.status, 400);
    assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
    assert.equal((await readError(retry)).code, 'invalid_option');
  });

  it('forgets keys after 24 hours', async () => {
    assert.equal((await create('Expiring key?', 'key-expiring')).status, 201);
    api.clock.advance(23 * HOUR);
    assert.equal((await create('Expiring key?', 'key-expiring')).headers.get('Idempotent-Replayed'), 'true');
    api.clock.advance(2 * HOUR);
    try {
      const fresh = await create('Expiring key?', 'key-expiring');
      assert.equal(fresh.status, 201);
      assert.equal(fresh.headers.get('Idempotent-Replayed'), null);
      assert.equal(await countPolls('Expiring key?'), 2);
    } finally {
      api.clock.advance(-DAY - HOUR);
    }
  });

  it('does not keep a failed (5xx) attempt: its writes roll back and a retry runs', async () => {
    const flaky = failOnce(api.db, /INSERT INTO poll_options/);
    const flakyApi = testApi(flaky.db);
    const send = () =>
      flakyApi.request('POST', '/v1/polls', {
        as: 'u-alex',
        idempotencyKey: 'key-flaky',
        body: { question: 'Flaky database?', options: ['Yes', 'No'] },
      });
    const logged = console.error;
    console.error = () => {};
    try {
      const failed = await send();
      assert.equal(failed.status, 500);
    } finally {
      console.error = logged;
    }
    assert.equal(flaky.failures(), 1);
    assert.equal(await countPolls('Flaky database?'), 0, 'the poll row was rolled back with its options');
    const retry = await send();
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('Idempotent-Replayed'), null);
    assert.equal((await readPoll(retry)).options.length, 2);
  });

  it('refuses an over-long key', async () => {
    const response = await create('Long key?', 'k'.repeat(201));
    assert.equal(response.status, 400);
    assert.ok((await readError(response)).fields?.['Idempotency-Key']);
  });
});

/** Wraps `db` so that the first statement matching `pattern` fails, as a dropped connection would. */
function failOnce(inner: Db, pattern: RegExp) {
  let failures = 0;
  const wrap = (db: Db): Db => ({
    query<T>(sql: string, params?: readonly SqlParam[]) {
      if (failures === 0 && pattern.test(sql)) {
        failures += 1;
        return Promise.reject(new Error('injected failure'));
      }
      return db.query<T>(sql, params);
    },
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  });
  return { db: wrap(inner), failures: () => failures };
}
