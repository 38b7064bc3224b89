import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { purgeRateLimitHits, silentLogger, startServer } from '../src/index.ts';
import { backend, readError, seededApi, testApi } from './helpers.ts';

const MINUTE = 60_000;

describe(`rate limits (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi({ rateLimits: { writes: 3, reads: 5, windowMs: MINUTE } });
  });
  after(() => api.close());

  /** Starts the next test in a fresh window (the test clock starts on a minute boundary). */
  const nextWindow = () => {
    const at = api.clock.current.getTime();
    api.clock.advance(Math.ceil((at + 1) / MINUTE) * MINUTE - at);
  };

  it('answers writes over budget with 429 rate_limited and Retry-After until the window ends', async () => {
    nextWindow();
    for (let vote = 0; vote < 3; vote++) {
      assert.equal((await api.vote('poll-townhall', ['townhall-qa'], 'u-priya')).status, 200);
    }
    const refused = await api.vote('poll-townhall', ['townhall-qa'], 'u-priya');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('Retry-After'), '60');
    const error = await readError(refused);
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.requestId, refused.headers.get('X-Request-Id'));

    api.clock.advance(45_500);
    const later = await api.vote('poll-townhall', ['townhall-qa'], 'u-priya');
    assert.equal(later.status, 429);
    assert.equal(later.headers.get('Retry-After'), '15');

    // Another user has a budget of their own; reads are a separate budget.
    assert.equal((await api.vote('poll-townhall', ['townhall-qa'], 'u-jonas')).status, 200);
    assert.equal((await api.get('/v1/polls/poll-townhall', { as: 'u-priya' })).status, 200);

    api.clock.advance(15_000);
    assert.equal((await api.vote('poll-townhall', ['townhall-tools'], 'u-priya')).status, 200);
  });

  it('limits reads separately, with a larger budget', async () => {
    nextWindow();
    for (let read = 0; read < 5; read++) {
      assert.equal((await api.get('/v1/polls/poll-townhall', { as: 'u-sam' })).status, 200);
    }
    const refused = await api.get('/v1/polls/poll-townhall', { as: 'u-sam' });
    assert.equal(refused.status, 429);
    assert.equal((await readError(refused)).code, 'rate_limited');
    assert.equal((await api.vote('poll-townhall', ['townhall-qa'], 'u-sam')).status, 200, 'writes still allowed');
  });

  it('counts failed writes: the count is not rolled back with the write', async () => {
    nextWindow();
    for (let attempt = 0; attempt < 3; attempt++) {
      assert.equal((await api.vote('poll-nope', ['x'], 'u-lena')).status, 404);
    }
    assert.equal((await api.vote('poll-townhall', ['townhall-qa'], 'u-lena')).status, 429);
    const { rows } = await api.db.query<{ hits: number }>(
      'SELECT hits FROM rate_limit_hits WHERE bucket = $1 AND window_start = $2',
      ['write:user:u-lena', api.clock.current],
    );
    assert.deepEqual(rows, [{ hits: 4 }]);
  });

  it('holds across API nodes: two apps on one database share the budget', async () => {
    nextWindow();
    const other = testApi(api.db, { now: api.clock.now, rateLimits: { writes: 3, reads: 5 } });
    assert.equal((await api.vote('poll-townhall', ['townhall-qa'], 'u-alex')).status, 200);
    assert.equal((await other.vote('poll-townhall', ['townhall-qa'], 'u-alex')).status, 200);
    assert.equal((await api.vote('poll-townhall', ['townhall-qa'], 'u-alex')).status, 200);
    assert.equal((await other.vote('poll-townhall', ['townhall-qa'], 'u-alex')).status, 429);
  });

  it('keys signed-out clients by address: the proxy’s last X-Forwarded-For entry when trusted', async () => {
    nextWindow();
    const proxied = testApi(api.db, {
      now: api.clock.now,
      rateLimits: { writes: 3, reads: 2, readSyncMs: 0 },
      trustProxy: true,
    });
    const read = (forwardedFor: string) =>
      proxied.get('/v1/polls/poll-townhall', { headers: { 'X-Forwarded-For': forwardedFor } });
    assert.equal((await read('10.0.0.7')).status, 200);
    assert.equal((await read('1.2.3.4, 10.0.0.7')).status, 200);
    assert.equal((await read('10.0.0.7')).status, 429);
    assert.equal((await read('10.0.0.8')).status, 200);
    const { rows } = await api.db.query<{ bucket: string }>(
      `SELECT bucket FROM rate_limit_hits WHERE bucket LIKE 'read:ip:%' AND window_start = $1 ORDER BY bucket`,
      [api.clock.current],
    );
    assert.deepEqual(
      rows.map((row) => row.bucket),
      ['read:ip:10.0.0.7', 'read:ip:10.0.0.8'],
    );
  });

  it('sums reads in memory and adds them to the shared counter in one statement per sync interval', async () => {
    nextWindow();
    const options = { now: api.clock.now, rateLimits: { writes: 3, reads: 5, readSyncMs: 30 } };
    const nodeA = testApi(api.db, options);
    const nodeB = testApi(api.db, options);
    const shared = async () =>
      (
        await api.db.query<{ hits: number }>(
          'SELECT hits FROM rate_limit_hits WHERE bucket = $1 AND window_start = $2',
          ['read:user:u-jonas', api.clock.current],
        )
      ).rows[0]?.hits ?? 0;
    const read = (node: typeof nodeA) => node.get('/v1/polls/poll-townhall', { as: 'u-jonas' });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 120));

    for (let i = 0; i < 3; i++) assert.equal((await read(nodeA)).status, 200);
    assert.equal(await shared(), 0, 'no database write per read');
    await settle();
    assert.equal(await shared(), 3, 'one sync adds them all');

    for (let i = 0; i < 2; i++) assert.equal((await read(nodeB)).status, 200);
    await settle();
    assert.equal(await shared(), 5);
    // Node B has learnt the shared total: its next read is over the budget.
    assert.equal((await read(nodeB)).status, 429);
    // Node A still counts on its last sync (3) plus its own reads, so it lets one more through, then learns.
    assert.equal((await read(nodeA)).status, 200);
    await settle();
    assert.equal((await read(nodeA)).status, 429);
  });

  it('takes the socket address over HTTP, ignoring X-Forwarded-For unless trusted', async () => {
    nextWindow();
    const server = await startServer({
      port: 0,
      db: api.db,
      authMode: 'dev',
      now: api.clock.now,
      rateLimits: { writes: 1, reads: 1 },
      log: silentLogger,
    });
    try {
      const url = `http://127.0.0.1:${server.port}/v1/polls/poll-townhall`;
      assert.equal((await fetch(url, { headers: { 'X-Forwarded-For': '10.9.9.9' } })).status, 200);
      const refused = await fetch(url, { headers: { 'X-Forwarded-For': '10.9.9.10' } });
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('Retry-After')) >= 1);
    } finally {
      await server.close();
    }
  });

  it('purges counters of past windows', async () => {
    const windows = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rate_limit_hits');
    assert.ok(windows.rows[0]!.n > 0);
    const purged = await purgeRateLimitHits(api.db, new Date(api.clock.current.getTime() + 2 * MINUTE), MINUTE);
    assert.equal(purged, windows.rows[0]!.n);
  });

  it('refuses budgets that are not positive integers', () => {
    for (const rateLimits of [{ writes: 0 }, { reads: -1 }, { windowMs: 1.5 }, { writes: Number.NaN }]) {
      assert.throws(() => testApi(api.db, { rateLimits }), /positive integer/);
    }
  });
});
