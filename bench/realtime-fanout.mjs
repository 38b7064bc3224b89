#!/usr/bin/env node
// Realtime fan-out: opens 1,000 Server-Sent Events streams (raw node:http, one signed-in bench user each)
// to a child server on in-memory PGlite, casts votes, and measures how long each vote's poll.updated event
// takes to reach every stream (from sending the vote). Prints p50 / p99 / max and the streams reached.
// Target: p99 < 250 ms. Options: --clients <n>, --rounds <n>. Bounded to about a minute.
import http from 'node:http';
import { createParser } from 'eventsource-parser';
import { startPlazaChild } from './child.mjs';

const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const CLIENTS = option('clients', 1_000);
const ROUNDS = option('rounds', 5);
const TARGET_P99_MS = 250;
const ROUND_TIMEOUT_MS = 5_000;
const DEADLINE_MS = 55_000;

const deadline = setTimeout(() => {
  console.log('summary: did not finish within 55 s');
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

/** One stream; resolves once the server says it is subscribed. */
function openStream(port, userId, onPollUpdated) {
  return new Promise((ready, fail) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/v1/events', agent, headers: { Cookie: `plaza_session=${userId}` } },
      (response) => {
        if (response.statusCode !== 200) {
          fail(new Error(`${userId}: HTTP ${response.statusCode}`));
          response.resume();
          return;
        }
        const parser = createParser({
          onComment: (comment) => {
            if (comment.trim() === 'connected') ready(request);
          },
          onEvent: (message) => {
            if (message.event === 'poll.updated') onPollUpdated(performance.now());
          },
        });
        response.setEncoding('utf8');
        response.on('data', (chunk) => parser.feed(chunk));
      },
    );
    request.on('error', fail);
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const server = await startPlazaChild(CLIENTS);
const requests = [];
try {
  const received = new Array(CLIENTS).fill(null);
  let round = { sentAt: 0, pending: 0, done: () => {} };
  const started = performance.now();
  // In batches, so the listen backlog never overflows.
  for (let first = 0; first < CLIENTS; first += 100) {
    const batch = [];
    for (let index = first; index < Math.min(CLIENTS, first + 100); index++) {
      batch.push(
        openStream(server.plaza, `u-bench-${index + 1}`, (at) => {
          if (received[index] !== null) return;
          received[index] = at - round.sentAt;
          if (--round.pending === 0) round.done();
        }),
      );
    }
    requests.push(...(await Promise.all(batch)));
  }
  const connectMs = performance.now() - started;

  const latencies = [];
  const reached = [];
  const options = ['townhall-qa', 'townhall-tools'];
  for (let index = 0; index < ROUNDS; index++) {
    received.fill(null);
    const complete = new Promise((done) => {
      round = { sentAt: performance.now(), pending: CLIENTS, done };
    });
    const vote = await fetch(`http://127.0.0.1:${server.plaza}/v1/polls/poll-townhall/vote`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Plaza-CSRF': '1', Cookie: 'plaza_session=u-alex' },
      body: JSON.stringify({ optionIds: [options[index % 2]] }),
    });
    if (vote.status !== 200) throw new Error(`vote: HTTP ${vote.status}`);
    await Promise.race([complete, new Promise((done) => setTimeout(done, ROUND_TIMEOUT_MS))]);
    const got = received.filter((value) => value !== null);
    reached.push(got.length);
    latencies.push(...got);
    await new Promise((done) => setTimeout(done, 200));
  }

  latencies.sort((a, b) => a - b);
  const ms = (value) => (value === undefined ? '—' : value.toFixed(1));
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  console.log(
    `${CLIENTS} SSE streams (opened in ${(connectMs / 1000).toFixed(1)} s), ${ROUNDS} votes, PGlite in memory`,
  );
  console.log('');
  console.log('| streams reached per vote | p50 ms | p99 ms | max ms | target p99 |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(
    `| ${reached.join(', ')} of ${CLIENTS} | ${ms(p50)} | ${ms(p99)} | ${ms(latencies.at(-1))} | < ${TARGET_P99_MS} ms |`,
  );
  console.log('');
  const allReached = reached.every((count) => count === CLIENTS);
  const met = allReached && p99 !== undefined && p99 < TARGET_P99_MS;
  console.log(
    `summary: ${allReached ? 'every' : 'NOT every'} stream reached; delivery p50 ${ms(p50)} ms, p99 ${ms(p99)} ms ` +
      `(target < ${TARGET_P99_MS} ms ${met ? 'met' : 'missed'})`,
  );
  if (!allReached) process.exitCode = 1;
} finally {
  for (const request of requests) request.destroy();
  await server.stop();
}
