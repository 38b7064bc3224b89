import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { RealtimeEvent } from '@plaza/contract';
import { createApp, silentLogger, startServer, type Db } from '../src/index.ts';
import { recordEvent } from '../src/realtime/outbox.ts';
import { backend, readError, seededApi, testApi } from './helpers.ts';
import { dataOf, readSse, type SseClient } from './sse-client.ts';

describe(`realtime events over SSE (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  let privatePollId: string;
  const clients: SseClient[] = [];
  before(async () => {
    api = await seededApi({ realtime: { heartbeatMs: 50 } });
    privatePollId = (
      await api.createPoll(
        { question: 'Night shift rota?', options: ['A', 'B'], groupId: 'grp-emergency-vets' },
        'u-lena',
      )
    ).id;
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await api.app.close();
    await api.close();
  });

  /** Opens `/v1/events` as `as` (signed out when omitted). */
  const connect = async (as?: string, headers: Record<string, string> = {}, query = '') => {
    const response = await api.app.request(`/v1/events${query}`, {
      headers: { ...headers, ...(as ? { Cookie: `plaza_session=${as}` } : {}) },
    });
    const client = await readSse(response);
    clients.push(client);
    return client;
  };
  const pollUpdated = (pollId: string) => (message: { event?: string; data: string }) =>
    message.event === 'poll.updated' && dataOf(message).entityId === pollId;

  it('streams a vote as id / event / data with a RealtimeEvent', async () => {
    const client = await connect('u-sam');
    assert.match(client.response.headers.get('Content-Type') ?? '', /^text\/event-stream/);
    assert.equal(client.response.headers.get('Cache-Control'), 'no-cache');
    assert.equal((await api.vote('poll-townhall', ['townhall-qa'], 'u-alex')).status, 200);
    const message = await client.waitFor(pollUpdated('poll-townhall'));
    const event = z.parse(RealtimeEvent, JSON.parse(message.data));
    assert.equal(message.id, event.id);
    assert.match(event.id, /^\d+$/);
    assert.deepEqual({ type: event.type, groupId: event.groupId }, { type: 'poll.updated', groupId: null });
    assert.equal(event.at, api.clock.current.toISOString());
    const stored = await api.db.query<{ n: string }>('SELECT count(*)::text AS n FROM events WHERE id = $1', [
      event.id,
    ]);
    assert.equal(stored.rows[0]!.n, '1');
  });

  it('reaches signed-out streams too, and sends heartbeats', async () => {
    const client = await connect();
    await api.vote('poll-townhall', ['townhall-tools'], 'u-jonas');
    await client.waitFor(pollUpdated('poll-townhall'));
    await client.waitForComment((comment) => comment === 'heartbeat');
  });

  it('sends a private group’s events to its members only', async () => {
    const member = await connect('u-priya');
    const outsiders = await Promise.all([connect('u-sam'), connect('u-alex'), connect()]);
    await api.vote(privatePollId, [(await privateOptionIds())[0]!], 'u-lena');
    // Then a company-wide event: once an outsider has it, the private one (earlier) would have arrived.
    await api.vote('poll-townhall', ['townhall-hybrid'], 'u-priya');
    await member.waitFor(pollUpdated(privatePollId));
    for (const outsider of outsiders) {
      await outsider.waitFor(pollUpdated('poll-townhall'));
      assert.equal(outsider.messages.filter(pollUpdated(privatePollId)).length, 0);
    }
  });

  it('re-checks membership when it changes: a new member gets the group’s next events', async () => {
    const sam = await connect('u-sam');
    await api.vote(privatePollId, [(await privateOptionIds())[1]!], 'u-lena');
    await api.vote('poll-townhall', ['townhall-qa'], 'u-sam');
    await sam.waitFor(pollUpdated('poll-townhall'));
    assert.equal(sam.messages.filter(pollUpdated(privatePollId)).length, 0);

    await api.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES ('grp-emergency-vets', 'u-sam', 'member', $1)`,
        [api.clock.current],
      );
      await recordEvent(tx, {
        type: 'membership.updated',
        entityId: 'grp-emergency-vets',
        groupId: 'grp-emergency-vets',
        userId: 'u-sam',
        at: api.clock.current,
      });
    });
    await sam.waitFor((message) => message.event === 'membership.updated');
    await api.vote(privatePollId, [(await privateOptionIds())[0]!], 'u-sam');
    await sam.waitFor(pollUpdated(privatePollId));
  });

  it('sends an event addressed to a user to that user alone', async () => {
    const [priya, jonas] = await Promise.all([connect('u-priya'), connect('u-jonas')]);
    await api.db.transaction((tx) =>
      recordEvent(tx, { type: 'notification.created', entityId: 'n-test-1', userId: 'u-priya', at: api.clock.current }),
    );
    await api.vote('poll-townhall', ['townhall-wellbeing'], 'u-alex');
    const notification = await priya.waitFor((message) => message.event === 'notification.created');
    assert.equal(dataOf(notification).entityId, 'n-test-1');
    await jonas.waitFor(pollUpdated('poll-townhall'));
    assert.equal(jonas.messages.filter((message) => message.event === 'notification.created').length, 0);
  });

  it('resumes after Last-Event-ID (header or query) with the stored events the viewer may see, then live', async () => {
    const first = await connect('u-sam');
    await api.vote('poll-townhall', ['townhall-qa'], 'u-jonas');
    const seen = await first.waitFor(pollUpdated('poll-townhall'));
    await first.close();

    // While away: a public vote, a private-group vote and a notification for someone else.
    await api.vote('poll-schulung', ['schulung-di'], 'u-priya');
    await api.vote(privatePollId, [(await privateOptionIds())[1]!], 'u-priya');
    await api.db.transaction((tx) =>
      recordEvent(tx, { type: 'notification.created', entityId: 'n-test-2', userId: 'u-jonas', at: api.clock.current }),
    );
    await api.vote('poll-tools', ['tools-app'], 'u-alex');

    for (const [headers, query] of [
      [{ 'Last-Event-ID': seen.id! }, ''],
      [{}, `?lastEventId=${seen.id!}`],
    ] as const) {
      const resumed = await connect('u-jonas', headers, query);
      await resumed.waitFor(pollUpdated('poll-tools'));
      const types = resumed.messages.map((message) => `${message.event} ${dataOf(message).entityId as string}`);
      assert.deepEqual(types, [
        'poll.updated poll-schulung',
        'notification.created n-test-2',
        'poll.updated poll-tools',
      ]);
      const ids = resumed.messages.map((message) => BigInt(message.id!));
      assert.ok(ids.every((id, index) => id > BigInt(seen.id!) && (index === 0 || id > ids[index - 1]!)));
      // And live after the stored ones.
      await api.vote('poll-townhall', ['townhall-tools'], 'u-sam');
      await resumed.waitFor(pollUpdated('poll-townhall'));
      await resumed.close();
    }
  });

  it('does not resume events older than a day', async () => {
    const { rows } = await api.db.query<{ id: string }>('SELECT max(id)::text AS id FROM events');
    api.clock.advance(25 * 60 * 60 * 1000);
    try {
      const resumed = await connect('u-alex', { 'Last-Event-ID': String(BigInt(rows[0]!.id) - 3n) });
      await api.vote('poll-townhall', ['townhall-qa'], 'u-priya');
      await resumed.waitFor(pollUpdated('poll-townhall'));
      assert.equal(resumed.messages.length, 1);
    } finally {
      api.clock.advance(-25 * 60 * 60 * 1000);
    }
  });

  it('answers a malformed Last-Event-ID with 400', async () => {
    for (const value of ['abc', '-1', '1.5', '99999999999999999999']) {
      const response = await api.app.request('/v1/events', { headers: { 'Last-Event-ID': value } });
      assert.equal(response.status, 400, value);
      assert.equal((await readError(response)).code, 'validation_failed');
    }
  });

  it('stops delivering to a stream its client closed', async () => {
    const before = api.app.hub.size;
    const client = await connect('u-alex');
    assert.equal(api.app.hub.size, before + 1);
    await client.close();
    // The server notices on its next write (the heartbeat) at the latest.
    await waitUntil(() => api.app.hub.size === before);
  });

  it('uses one listener for all streams: a vote loads its event once, whatever the number of streams', async () => {
    const queries: string[] = [];
    const counting: Db = {
      ...api.db,
      query: (sql, params) => {
        queries.push(sql);
        return api.db.query(sql, params);
      },
      listen: api.db.listen?.bind(api.db),
      transaction: (fn) => api.db.transaction(fn),
      exec: (sql) => api.db.exec(sql),
      close: () => Promise.resolve(),
    };
    const app = createApp({ db: counting, authMode: 'dev', now: api.clock.now, rateLimits: false, log: silentLogger });
    try {
      const streams = await Promise.all(
        Array.from({ length: 20 }, async (_, index) =>
          readSse(
            await app.request('/v1/events', {
              headers: index % 2 ? { Cookie: 'plaza_session=u-priya' } : {},
            }),
          ),
        ),
      );
      queries.length = 0;
      await api.vote('poll-townhall', ['townhall-hybrid'], 'u-lena');
      await Promise.all(streams.map((stream) => stream.waitFor(pollUpdated('poll-townhall'))));
      assert.equal(queries.filter((sql) => /FROM events/.test(sql)).length, 1, queries.join('\n'));
      await Promise.all(streams.map((stream) => stream.close()));
    } finally {
      await app.close();
    }
  });

  async function privateOptionIds(): Promise<string[]> {
    const { rows } = await api.db.query<{ id: string }>(
      'SELECT id FROM poll_options WHERE poll_id = $1 ORDER BY position',
      [privatePollId],
    );
    return rows.map((row) => row.id);
  }
});

describe(`event stream lifecycle (${backend})`, () => {
  it('ends open streams when the app or the server closes, so clients reconnect elsewhere', async () => {
    const { db, close } = await seededApi();
    try {
      const app = testApi(db).app;
      const stream = await readSse(await app.request('/v1/events'));
      await app.close();
      await stream.ended;
      assert.equal((await app.request('/readyz')).status, 503);

      const server = await startServer({ port: 0, db, authMode: 'dev', rateLimits: false, log: silentLogger });
      const base = `http://127.0.0.1:${server.port}`;
      const streams = await Promise.all([
        fetch(`${base}/v1/events`).then(readSse),
        fetch(`${base}/v1/events`, { headers: { Cookie: 'plaza_session=u-alex' } }).then(readSse),
      ]);
      assert.equal(server.app.hub.size, 2);
      await server.close();
      await Promise.all(streams.map((client) => client.ended));
      await assert.rejects(fetch(`${base}/healthz`));
    } finally {
      await close();
    }
  });

  it(
    'fans out across two API nodes with separate pools on one PostgreSQL database',
    { skip: backend === 'pglite' ? 'needs PostgreSQL: one in-memory PGlite cannot be opened by two pools' : false },
    async () => {
      const first = await seededApi();
      const otherDb = await first.testDb.openAnother();
      const second = testApi(otherDb);
      try {
        const streams = await Promise.all([
          readSse(await second.app.request('/v1/events', { headers: { Cookie: 'plaza_session=u-sam' } })),
          readSse(await first.app.request('/v1/events')),
        ]);
        const townhall = (message: { event?: string; data: string }) =>
          message.event === 'poll.updated' && dataOf(message).entityId === 'poll-townhall';
        // Written through the first node: reaches the second node's stream, and the first's.
        assert.equal((await first.vote('poll-townhall', ['townhall-qa'], 'u-alex')).status, 200);
        await Promise.all(streams.map((stream) => stream.waitFor(townhall)));
        // And the other way round.
        assert.equal((await second.vote('poll-townhall', ['townhall-hybrid'], 'u-jonas')).status, 200);
        await waitUntil(() => streams.every((stream) => stream.messages.filter(townhall).length === 2));
        await Promise.all(streams.map((stream) => stream.close()));
      } finally {
        await first.app.close();
        await second.app.close();
        await first.close();
      }
    },
  );
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
