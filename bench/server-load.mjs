#!/usr/bin/env node
// Server throughput: requests/s and p99 latency (autocannon, 50 connections, 5 s per case) of a bare Hono
// hello-world route, the feed read and votes, against a child server on in-memory PGlite with the seed data,
// each also as a ratio to hello-world measured in the same run. Each case first warms up, not counted: one
// request per bench user (the feed's first read per person loads their session and groups into the read
// cache, see packages/server/src/http/read-cache.ts), then --warmup seconds (default 2) for the JIT; the
// vote case only the seconds, casting votes like the measured part. Then --rounds (default 3) rounds of every
// case in turn; each figure is the median of its rounds. Options: --duration <s>, --warmup <s>, --rounds <n>,
// --connections <n>.
import autocannon from 'autocannon';
import { startTempPostgres } from '../scripts/pg-temp.mjs';
import { startPlazaChild } from './child.mjs';

const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const duration = option('duration', 5);
const warmup = option('warmup', 2);
const rounds = option('rounds', 3);
const connections = option('connections', 50);
const USERS = 2_000;
const SEEDED_POLLS = ['poll-townhall', 'poll-triage', 'poll-schulung', 'poll-tools', 'poll-retro'];

const run = (opts) =>
  new Promise((done, fail) => {
    autocannon({ connections, duration, ...opts }, (error, result) => (error ? fail(error) : done(result)));
  });

/** Each request as the next of the bench users, so no one user's row is the bottleneck. */
function rotatingUsers(headers) {
  let next = 0;
  return (request) => {
    next = (next % USERS) + 1;
    return { ...request, headers: { ...request.headers, ...headers, Cookie: `plaza_session=u-bench-${next}` } };
  };
}

// --postgres: the same on a throw-away PostgreSQL cluster (the machine's binaries), pool of 20 connections.
const onPostgres = process.argv.includes('--postgres');
const pg = onPostgres ? await startTempPostgres() : null;
const server = await startPlazaChild(USERS, pg ? { BENCH_DATABASE_URL: pg.url } : {});
try {
  const plaza = `http://127.0.0.1:${server.plaza}`;
  const feedStatus = (await fetch(`${plaza}/v1/feed`, { headers: { Cookie: 'plaza_session=u-bench-1' } })).status;
  const feed =
    feedStatus === 200
      ? { name: 'feed read (GET /v1/feed)', path: '/v1/feed' }
      : {
          name: 'feed read (stand-in: GET /v1/polls?ids= of the 5 seeded polls; no /v1/feed yet)',
          path: `/v1/polls?ids=${SEEDED_POLLS.join(',')}`,
        };

  const firstPostId = feedStatus === 200 ? (await (await fetch(`${plaza}/v1/feed`)).json()).items[0]?.id : undefined;
  /** Writes a reaction (another kind each time) to the newest post every `ms` until stopped. */
  const reactEvery = (ms) => () => {
    let stopped = false;
    let writes = 0;
    const kinds = ['like', 'celebrate', 'insightful', 'support'];
    const loop = (async () => {
      while (!stopped && firstPostId) {
        const response = await fetch(`${plaza}/v1/posts/${firstPostId}/reactions/${kinds[writes % kinds.length]}`, {
          method: 'PUT',
          headers: { Cookie: 'plaza_session=u-alex', 'X-Plaza-CSRF': '1' },
        });
        if (!response.ok) throw new Error(`reaction write failed: ${response.status}`);
        writes += 1;
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
    })();
    return async () => {
      stopped = true;
      await loop;
      return writes;
    };
  };

  const cases = [
    { name: 'Hono hello-world (same process)', url: `http://127.0.0.1:${server.hello}/hello` },
    // As a browser asks (every browser sends Accept-Encoding; the feed then comes gzipped) …
    {
      name: `${feed.name}, Accept-Encoding: gzip, deflate, br`,
      url: `${plaza}${feed.path}`,
      requests: [{ setupRequest: rotatingUsers({ 'Accept-Encoding': 'gzip, deflate, br' }) }],
    },
    // … and as a script that does not take compression.
    {
      name: `${feed.name}, no Accept-Encoding`,
      url: `${plaza}${feed.path}`,
      requests: [{ setupRequest: rotatingUsers({}) }],
    },
    // … and while people write: every write to posts, reactions, groups … drops the whole read cache.
    {
      name: `${feed.name}, gzip, while someone changes a reaction every 100 ms`,
      url: `${plaza}${feed.path}`,
      requests: [{ setupRequest: rotatingUsers({ 'Accept-Encoding': 'gzip, deflate, br' }) }],
      during: reactEvery(100),
    },
    {
      name: 'vote (PUT /v1/polls/poll-townhall/vote, rotating users)',
      url: `${plaza}/v1/polls/poll-townhall/vote`,
      method: 'PUT',
      requests: [
        {
          method: 'PUT',
          body: JSON.stringify({ optionIds: ['townhall-qa'] }),
          setupRequest: rotatingUsers({ 'Content-Type': 'application/json', 'X-Plaza-CSRF': '1' }),
        },
      ],
    },
  ];

  // Rounds: every case once per round, in turn, so that a slow moment of the machine hits one round of
  // each case rather than one case; each figure is the median of its rounds.
  const results = cases.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, { during, ...opts }] of cases.entries()) {
      if (round === 0) {
        // Reads: every bench user once (a cold read each: their session and groups are not cached yet),
        // then the time. Votes only the time: after a vote by everyone every measured vote would be a change of mind.
        if (opts.requests && !opts.method) await run({ ...opts, amount: USERS });
        if (warmup > 0) await run({ ...opts, duration: warmup });
      }
      const stop = during?.();
      const result = await run(opts);
      const writes = await stop?.();
      results[index].push({
        rps: result.requests.average,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx,
        total: result.requests.total,
        writes,
      });
    }
  }
  const median = (values) => {
    const sorted = [...values].sort((x, y) => x - y);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const rows = cases.map(({ name }, index) => {
    const runs = results[index];
    const writes = runs.reduce((sum, r) => sum + (r.writes ?? 0), 0);
    return {
      name: runs[0].writes === undefined ? name : `${name} (${writes} writes)`,
      rps: median(runs.map((r) => r.rps)),
      p99: median(runs.map((r) => r.p99)),
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
      total: runs.reduce((sum, r) => sum + r.total, 0),
      // Each round's ratio to hello-world in the same round.
      ratios: runs.map((r, round) => (r.rps / results[0][round].rps) * 100),
    };
  });

  const hello = rows[0];
  const storage = pg ? 'PostgreSQL (local, pool of 20)' : 'PGlite in memory';
  console.log(
    `${connections} connections, ${duration} s per case and round, ${rounds} rounds (medians), after ${warmup} s of warm-up, ` +
      `${storage}, rate limiter on (never refusing)`,
  );
  console.log('');
  console.log('| case | requests/s | p99 ms | vs hello-world | each round | failed |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const ratio = row === hello ? '1' : `${((row.rps / hello.rps) * 100).toFixed(1)} %`;
    const each = row === hello ? '' : row.ratios.map((r) => `${r.toFixed(1)} %`).join(', ');
    console.log(
      `| ${row.name} | ${Math.round(row.rps)} | ${row.p99} | ${ratio} | ${each} | ${row.errors} of ${row.total} |`,
    );
  }
  console.log('');
  const [, read, plain, busy, vote] = rows;
  const share = (row) => `${((row.rps / hello.rps) * 100).toFixed(1)} %`;
  console.log(
    `summary (${pg ? 'PostgreSQL' : 'PGlite'}): hello-world ${Math.round(hello.rps)} req/s; ` +
      `feed read ${Math.round(read.rps)} req/s (p99 ${read.p99} ms, ${share(read)}; ` +
      `without compression ${Math.round(plain.rps)} req/s, ${share(plain)}; ` +
      `with a write every 100 ms ${Math.round(busy.rps)} req/s, ${share(busy)}); ` +
      `votes ${Math.round(vote.rps)} req/s (p99 ${vote.p99} ms, ${share(vote)})`,
  );
  if (rows.some((row) => row.errors > 0)) process.exitCode = 1;
} finally {
  await server.stop();
  await pg?.stop();
}
