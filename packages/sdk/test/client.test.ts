import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Poll } from '@plaza/contract';
import { createClient, PlazaError, sharedClient, withBallot } from '@plaza/sdk';
import { createTransport } from '../src/transport.ts';
import { errorJson, fakeFetch, json, poll, tick } from './fake-fetch.ts';

const BASE = 'http://plaza.test/api';
const noRetry = { retries: 0 };

describe('reads', () => {
  it('batches polls asked for in one tick into one ?ids= request and de-duplicates ids', async () => {
    const net = fakeFetch(({ url }) =>
      json({ items: (url.searchParams.get('ids') ?? '').split(',').map((id) => poll({ id })) }),
    );
    const client = createClient({ baseUrl: BASE, fetch: net.fetch });
    const results = await Promise.all([client.polls.get('a'), client.polls.get('b'), client.polls.get('a')]);
    assert.deepEqual(
      results.map((p) => p.id),
      ['a', 'b', 'a'],
    );
    assert.equal(net.requests.length, 1);
    assert.equal(net.requests[0]!.url.pathname, '/api/v1/polls');
    assert.equal(net.requests[0]!.url.searchParams.get('ids'), 'a,b');
  });

  it('serves a fresh entity from the store without a second request', async () => {
    const net = fakeFetch(() => json({ items: [poll()] }));
    const client = createClient({ baseUrl: BASE, fetch: net.fetch });
    await client.polls.get('p1');
    await client.polls.get('p1');
    assert.equal(net.requests.length, 1);
    assert.equal(client.store.get<Poll>('poll', 'p1')?.status, 'ready');
  });

  it('rejects a poll missing from the batch answer with not_found and stores the error', async () => {
    const net = fakeFetch(() => json({ items: [] }));
    const client = createClient({ baseUrl: BASE, fetch: net.fetch });
    await assert.rejects(
      client.polls.get('nope'),
      (error: unknown) => error instanceof PlazaError && error.code === 'not_found',
    );
    assert.equal(client.store.get('poll', 'nope')?.status, 'error');
  });

  it('turns a response of the wrong shape into invalid_response, never a thrown ZodError', async () => {
    const net = fakeFetch(() => json({ items: [{ id: 'p1', question: 42 }] }));
    const client = createClient({ baseUrl: BASE, fetch: net.fetch, retry: noRetry });
    await assert.rejects(
      client.polls.get('p1'),
      (error: unknown) => error instanceof PlazaError && error.code === 'invalid_response',
    );
  });

  it('turns a body that is not JSON into invalid_response', async () => {
    const net = fakeFetch(() => new Response('<html>proxy error', { status: 200 }));
    const client = createClient({ baseUrl: BASE, fetch: net.fetch, retry: noRetry });
    await assert.rejects(
      client.polls.get('p1'),
      (error: unknown) => error instanceof PlazaError && error.code === 'invalid_response',
    );
  });

  it('maps an unreachable server to a network error after retrying', async () => {
    let calls = 0;
    const client = createClient({
      baseUrl: BASE,
      retry: { retries: 2, baseDelayMs: 1 },
      fetch: async () => {
        calls++;
        throw new TypeError('fetch failed');
      },
    });
    await assert.rejects(
      client.polls.get('p1'),
      (error: unknown) => error instanceof PlazaError && error.code === 'network',
    );
    assert.equal(calls, 3);
  });

  it('retries a 500 and succeeds', async () => {
    let calls = 0;
    const net = fakeFetch(() => (++calls === 1 ? errorJson(500, 'internal') : json({ items: [poll()] })));
    const client = createClient({ baseUrl: BASE, fetch: net.fetch, retry: { baseDelayMs: 1 } });
    assert.equal((await client.polls.get('p1')).id, 'p1');
    assert.equal(calls, 2);
  });

  it('honours Retry-After on 429', async () => {
    let calls = 0;
    const net = fakeFetch(() =>
      ++calls === 1
        ? errorJson(429, 'rate_limited', 'slow down', { 'Retry-After': '0.05' })
        : json({ items: [poll()] }),
    );
    const client = createClient({ baseUrl: BASE, fetch: net.fetch, retry: { baseDelayMs: 1 } });
    const started = Date.now();
    await client.polls.get('p1');
    assert.ok(Date.now() - started >= 45, 'waited for Retry-After');
    assert.equal(calls, 2);
  });

  it('does not wait out a Retry-After longer than maxWaitMs: it rejects at once with the wait, for the widget to say', async () => {
    let calls = 0;
    const net = fakeFetch(() => {
      calls++;
      return errorJson(429, 'rate_limited', 'slow down', { 'Retry-After': '8' });
    });
    const client = createClient({ baseUrl: BASE, fetch: net.fetch, retry: { baseDelayMs: 1 } });
    const started = Date.now();
    const error = await client.polls.vote('p1', ['a']).then(
      () => assert.fail('the vote should fail'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof PlazaError);
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryAfter, 8);
    assert.equal(calls, 1);
    assert.ok(Date.now() - started < 1000, 'did not wait');
  });

  it('gives up an attempt that hangs longer than timeoutMs and retries it like a network error', async () => {
    const keys: (string | null)[] = [];
    const fetch = (_input: RequestInfo | URL, init: RequestInit = {}) => {
      keys.push(new Headers(init.headers).get('Idempotency-Key'));
      if (keys.length > 1) return Promise.resolve(json(poll()));
      // A server that never answers: only the abort ends it.
      return new Promise<Response>((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('The user aborted', 'AbortError'))),
      );
    };
    const client = createClient({ baseUrl: BASE, fetch, retry: { baseDelayMs: 1 }, timeoutMs: 30 });
    await client.polls.vote('p1', ['o1']);
    assert.equal(keys.length, 2, 'tried again after the timeout');
    assert.ok(keys[0] && keys[0] === keys[1], 'with the same Idempotency-Key');
  });

  it('a server that never answers is a network error after its second timeout; an abort is not retried', async () => {
    let calls = 0;
    const fetch = (_input: RequestInfo | URL, init: RequestInit = {}) => {
      calls++;
      return new Promise<Response>((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('The user aborted', 'AbortError'))),
      );
    };
    // Three retries allowed, but a hanging server is tried twice, not four times.
    const client = createClient({ baseUrl: BASE, fetch, retry: { retries: 3, baseDelayMs: 1 }, timeoutMs: 20 });
    await assert.rejects(client.me(), (error: unknown) => error instanceof PlazaError && error.code === 'network');
    assert.equal(calls, 2);
    const transport = createTransport({ baseUrl: BASE, fetch, timeoutMs: 10_000 });
    const abort = new AbortController();
    const pending = transport('v1/me', { signal: abort.signal });
    abort.abort();
    await assert.rejects(pending, (error: unknown) => error instanceof PlazaError && error.code === 'aborted');
    assert.equal(calls, 3);
  });

  it('does not retry a 4xx', async () => {
    const net = fakeFetch(() => errorJson(404, 'not_found'));
    const client = createClient({ baseUrl: BASE, fetch: net.fetch, retry: { baseDelayMs: 1 } });
    await assert.rejects(client.me(), (error: unknown) => error instanceof PlazaError && error.status === 404);
    assert.equal(net.requests.length, 1);
  });

  it('reports signed-out as me() === null', async () => {
    const net = fakeFetch(() => errorJson(401, 'unauthenticated'));
    const client = createClient({ baseUrl: BASE, fetch: net.fetch });
    assert.equal(await client.me(), null);
  });
});

describe('auth', () => {
  it('sends the bearer token and refreshes it once on 401', async () => {
    const tokens = ['old', 'new'];
    const net = fakeFetch(({ headers }) =>
      headers.get('Authorization') === 'Bearer new'
        ? json({ id: 'u1', name: 'Ada', avatarUrl: null, title: null, role: 'member', locale: null })
        : errorJson(401, 'unauthenticated'),
    );
    const client = createClient({ baseUrl: BASE, fetch: net.fetch, getToken: () => tokens.shift() ?? null });
    assert.equal((await client.me())?.name, 'Ada');
    assert.equal(net.requests.length, 2);
  });

  it('sends the CSRF header on writes only', async () => {
    const net = fakeFetch(({ method }) =>
      method === 'GET' ? json({ items: [poll()] }) : json(poll({ myVote: ['o1'] })),
    );
    const client = createClient({ baseUrl: BASE, fetch: net.fetch });
    await client.polls.get('p1');
    await client.polls.vote('p1', ['o1']);
    assert.equal(net.requests[0]!.headers.get('X-Plaza-CSRF'), null);
    assert.equal(net.requests[1]!.headers.get('X-Plaza-CSRF'), '1');
  });
});

describe('writes', () => {
  it('shows the vote at once, then the server answer', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const net = fakeFetch(async ({ method }) => {
      if (method === 'GET') return json({ items: [poll()] });
      await gate;
      return json(
        poll({
          myVote: ['o2'],
          totalVoters: 4,
          options: [
            { id: 'o1', label: 'Monday', votes: 2, voters: null },
            { id: 'o2', label: 'Friday', votes: 2, voters: null },
          ],
        }),
      );
    });
    const client = createClient({ baseUrl: BASE, fetch: net.fetch });
    await client.polls.get('p1');
    const voting = client.polls.vote('p1', ['o2']);
    const shown = client.store.get<Poll>('poll', 'p1')!.value!;
    assert.deepEqual(shown.myVote, ['o2']);
    assert.equal(shown.options[1]!.votes, 2);
    assert.equal(shown.totalVoters, 4);
    release();
    await voting;
    assert.deepEqual(client.store.get<Poll>('poll', 'p1')!.value!.myVote, ['o2']);
  });

  it('rolls back the optimistic vote when the server refuses it, and re-reads the poll on 409', async () => {
    const net = fakeFetch(({ method }) =>
      method === 'GET' ? json({ items: [poll()] }) : errorJson(409, 'poll_closed', 'This poll is closed'),
    );
    const fetchOne = fakeFetch(() => json(poll({ closed: true, canVote: false })));
    const client = createClient({
      baseUrl: BASE,
      fetch: (input, init) =>
        String(input).endsWith('/v1/polls/p1') ? fetchOne.fetch(input, init) : net.fetch(input, init),
    });
    await client.polls.get('p1');
    await assert.rejects(
      client.polls.vote('p1', ['o1']),
      (error: unknown) => error instanceof PlazaError && error.code === 'poll_closed',
    );
    const after = client.store.get<Poll>('poll', 'p1')!;
    assert.deepEqual(after.value!.myVote, []);
    assert.equal(after.value!.options[0]!.votes, 2, 'tally unchanged');
    await tick();
    await tick();
    assert.equal(fetchOne.requests.length, 1, 'refreshed the poll after the conflict');
    assert.equal(client.store.get<Poll>('poll', 'p1')!.value!.closed, true);
  });

  it('sends one Idempotency-Key per action and reuses it on every retry', async () => {
    let calls = 0;
    const net = fakeFetch(({ method }) =>
      method === 'GET'
        ? json({ items: [poll()] })
        : ++calls < 3
          ? errorJson(503, 'internal')
          : json(poll({ myVote: ['o1'] })),
    );
    const client = createClient({ baseUrl: BASE, fetch: net.fetch, retry: { baseDelayMs: 1 } });
    await client.polls.get('p1');
    await client.polls.vote('p1', ['o1']);
    await client.polls.vote('p1', ['o1']);
    const keys = net.requests.filter((r) => r.method === 'PUT').map((r) => r.headers.get('Idempotency-Key'));
    assert.equal(keys.length, 4);
    assert.ok(keys[0]);
    assert.equal(keys[0], keys[1]);
    assert.equal(keys[1], keys[2], 'retries reuse the key');
    assert.notEqual(keys[2], keys[3], 'a new action gets a new key');
  });

  it('keeps a newer optimistic value when an older write fails', async () => {
    const net = fakeFetch(async ({ method, body }) => {
      if (method === 'GET') return json({ items: [poll()] });
      const { optionIds } = body as { optionIds: string[] };
      if (optionIds[0] === 'o1') return errorJson(400, 'invalid_option');
      return json(poll({ myVote: ['o2'] }));
    });
    const client = createClient({ baseUrl: BASE, fetch: net.fetch });
    await client.polls.get('p1');
    const first = client.polls.vote('p1', ['o1']);
    const second = client.polls.vote('p1', ['o2']);
    await assert.rejects(first);
    await second;
    assert.deepEqual(client.store.get<Poll>('poll', 'p1')!.value!.myVote, ['o2']);
  });
});

describe('store', () => {
  it('reset() clears every entry, notifies subscribers, and drops answers that were in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const net = fakeFetch(async () => {
      await gate;
      return json({ items: [poll()] });
    });
    const client = createClient({ baseUrl: BASE, fetch: net.fetch });
    let notified = 0;
    const unsubscribe = client.store.subscribe('poll', 'p1', () => notified++);
    const loading = client.polls.get('p1');
    client.reset();
    release();
    await loading;
    assert.equal(client.store.get('poll', 'p1'), undefined, "user A's answer is not shown to user B");
    assert.ok(notified >= 2);
    unsubscribe();
  });

  it('sharedClient gives one instance per API, so every widget shares one store', () => {
    const a = sharedClient({ baseUrl: 'https://x.test/' });
    const b = sharedClient({ baseUrl: 'https://x.test/' });
    const c = sharedClient({ baseUrl: 'https://y.test/' });
    assert.equal(a, b);
    assert.notEqual(a, c);
  });
});

describe('withBallot', () => {
  it('moves a vote between options without changing the voter count', () => {
    const next = withBallot(poll({ myVote: ['o1'] }), ['o2']);
    assert.deepEqual(
      next.options.map((o) => o.votes),
      [1, 2],
    );
    assert.equal(next.totalVoters, 3);
  });

  it('leaves hidden tallies hidden', () => {
    const hidden = poll({ resultsVisible: false, options: [{ id: 'o1', label: 'A', votes: null, voters: null }] });
    assert.equal(withBallot(hidden, ['o1']).options[0]!.votes, null);
  });

  it('retracting removes the voter', () => {
    assert.equal(withBallot(poll({ myVote: ['o1'] }), []).totalVoters, 2);
  });
});
