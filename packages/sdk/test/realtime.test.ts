import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClient, createSseParser, type SseMessage } from '../src/index.ts';
import { createRealtime } from '../src/realtime.ts';
import { fakeFetch, json, poll, type RecordedRequest } from './fake-fetch.ts';

const BASE = 'https://plaza.test/api/';
const fast = { baseDelayMs: 5, maxDelayMs: 20, pollIntervalMs: 30, retryStreamMs: 40, idleCloseMs: 10 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, timeoutMs = 2000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** An event stream the test writes to and can end, like the server's `/v1/events`. */
function serverStream() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: () => void (cancelled = true),
  });
  return {
    response: () => new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    event: (id: number, type: string, entityId: string) =>
      controller.enqueue(
        encoder.encode(
          `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify({ id: String(id), type, entityId, groupId: null, at: '2026-11-23T10:00:00.000Z' })}\n\n`,
        ),
      ),
    end: () => controller.close(),
    get cancelled() {
      return cancelled;
    },
  };
}

/** A fake API: polls by id (votes bumped per read, so a re-read is visible) and a queue of event streams. */
function fakeApi() {
  const streams: ReturnType<typeof serverStream>[] = [];
  let reads = 0;
  let eventsAnswer: 'stream' | 404 = 'stream';
  const net = fakeFetch((request: RecordedRequest) => {
    if (request.url.pathname.endsWith('/v1/events')) {
      if (eventsAnswer === 404) return json({ error: { code: 'not_found', message: 'no' } }, 404);
      const stream = serverStream();
      streams.push(stream);
      return stream.response();
    }
    const ids = (request.url.searchParams.get('ids') ?? '').split(',');
    reads++;
    return json({ items: ids.map((id) => poll({ id, totalVoters: reads })) });
  });
  const eventRequests = () => net.requests.filter((r) => r.url.pathname.endsWith('/v1/events'));
  const pollReads = () => net.requests.filter((r) => r.url.pathname.endsWith('/v1/polls'));
  return {
    net,
    streams,
    eventRequests,
    pollReads,
    setEvents: (answer: 'stream' | 404) => (eventsAnswer = answer),
  };
}

describe('SSE parser', () => {
  it('parses events split anywhere, with CRLF, CR, comments, multi-line data, ids and retry', () => {
    const messages: SseMessage[] = [];
    const retries: number[] = [];
    const parse = createSseParser(
      (message) => messages.push(message),
      (ms) => retries.push(ms),
    );
    const text =
      ': heartbeat\r\nid: 7\r\nevent: poll.updated\r\ndata: {"a":\r\ndata: 1}\r\n\r\nretry: 1500\ndata: plain\r\rid\n\n';
    for (const char of text) parse(char);
    assert.deepEqual(messages, [
      { id: '7', event: 'poll.updated', data: '{"a":\n1}' },
      { id: '7', event: 'message', data: 'plain' },
    ]);
    assert.deepEqual(retries, [1500]);
  });

  it('ignores an id with NUL, a bad retry and an event without data', () => {
    const messages: SseMessage[] = [];
    const parse = createSseParser((message) => messages.push(message));
    parse('id: a\0b\nretry: soon\nevent: x\n\nid: 3\ndata: ok\n\n');
    assert.deepEqual(messages, [{ id: '3', event: 'message', data: 'ok' }]);
  });
});

describe('realtime', () => {
  it('opens one stream for every watcher of the page, and closes it after the last one leaves', async () => {
    const api = fakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.net.fetch, realtime: fast });
    const offs = ['p1', 'p2', 'p3'].map((id) => client.store.subscribe('poll', id, () => {}));
    offs.push(client.store.subscribe('me', 'current', () => {}));
    await until(() => client.realtime.state === 'open', 'the stream to open');
    assert.equal(api.eventRequests().length, 1);
    for (const off of offs.slice(1)) off();
    await sleep(30);
    assert.equal(api.streams[0]!.cancelled, false, 'still watched: stays open');
    offs[0]!();
    await until(() => api.streams[0]!.cancelled, 'the stream to be closed');
    assert.equal(client.realtime.state, 'idle');
    assert.equal(api.eventRequests().length, 1);
  });

  it('loads the stream’s code on first use: listeners added before it get events; a watcher gone by then opens nothing', async () => {
    const api = fakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.net.fetch, realtime: fast });
    const seen: string[] = [];
    client.realtime.on((event) => seen.push(event.entityId));
    assert.equal(client.realtime.state, 'idle');
    // Watched and let go within the same tick: the code arrives after, and no stream opens.
    client.store.subscribe('poll', 'p0', () => {})();
    assert.equal(client.realtime.state, 'connecting');
    await sleep(40);
    assert.equal(api.eventRequests().length, 0);
    assert.equal(client.realtime.state, 'idle');
    const off = client.store.subscribe('poll', 'p1', () => {});
    await until(() => client.realtime.state === 'open', 'the stream to open');
    api.streams[0]!.event(1, 'poll.updated', 'p1');
    await until(() => seen.length === 1, 'the event');
    assert.deepEqual(seen, ['p1']);
    assert.equal(client.realtime.lastEventId, '1');
    off();
    await until(() => api.streams[0]!.cancelled, 'the stream to be closed');
  });

  it('re-reads the polls named by events in one batched request, and ignores polls the page does not hold', async () => {
    const api = fakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.net.fetch, realtime: fast });
    const offs = ['p1', 'p2'].map((id) => client.store.subscribe('poll', id, () => {}));
    await Promise.all([client.polls.get('p1'), client.polls.get('p2')]);
    await until(() => client.realtime.state === 'open', 'the stream to open');
    const readsBefore = api.pollReads().length;
    const seen: string[] = [];
    const off = client.realtime.on((event) => seen.push(`${event.type}:${event.entityId}`));
    api.streams[0]!.event(1, 'poll.updated', 'p1');
    api.streams[0]!.event(2, 'poll.updated', 'p2');
    api.streams[0]!.event(3, 'poll.updated', 'p-elsewhere');
    await until(() => api.pollReads().length > readsBefore, 'a re-read');
    await sleep(20);
    const rereads = api.pollReads().slice(readsBefore);
    assert.equal(rereads.length, 1);
    assert.equal(rereads[0]!.url.searchParams.get('ids'), 'p1,p2');
    assert.deepEqual(seen, ['poll.updated:p1', 'poll.updated:p2', 'poll.updated:p-elsewhere']);
    assert.equal(client.realtime.lastEventId, '3');
    off();
    offs.forEach((f) => f());
  });

  it('skips malformed events without failing, and keeps the stream', async () => {
    const api = fakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.net.fetch, realtime: fast });
    const off = client.store.subscribe('poll', 'p1', () => {});
    await until(() => client.realtime.state === 'open', 'the stream to open');
    const seen: string[] = [];
    client.realtime.on((event) => seen.push(event.entityId));
    api.streams[0]!.send('id: 1\nevent: poll.updated\ndata: {not json\n\n');
    api.streams[0]!.send('id: 2\nevent: poll.updated\ndata: {"type":"poll.exploded"}\n\n');
    api.streams[0]!.event(3, 'poll.updated', 'p9');
    await until(() => seen.length === 1, 'the valid event');
    assert.deepEqual(seen, ['p9']);
    assert.equal(client.realtime.state, 'open');
    off();
  });

  it('reconnects when the server ends the stream, resuming with Last-Event-ID', async () => {
    const api = fakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.net.fetch, realtime: fast });
    const off = client.store.subscribe('poll', 'p1', () => {});
    await until(() => client.realtime.state === 'open', 'the stream to open');
    assert.equal(api.eventRequests()[0]!.headers.get('Last-Event-ID'), null);
    api.streams[0]!.event(41, 'poll.updated', 'p1');
    api.streams[0]!.event(42, 'poll.updated', 'p1');
    await until(() => client.realtime.lastEventId === '42', 'the events');
    api.streams[0]!.end();
    await until(() => api.eventRequests().length === 2, 'the reconnect');
    assert.equal(api.eventRequests()[1]!.headers.get('Last-Event-ID'), '42');
    off();
  });

  it('falls back to polling the watched polls when the stream keeps failing, and goes back to it', async () => {
    const api = fakeApi();
    api.setEvents(404);
    const client = createClient({ baseUrl: BASE, fetch: api.net.fetch, realtime: fast });
    const off = client.store.subscribe('poll', 'p1', () => {});
    await client.polls.get('p1');
    await until(() => client.realtime.state === 'polling', 'polling');
    assert.equal(api.eventRequests().length, 3, 'three tries before polling');
    const reads = api.pollReads().length;
    await until(() => api.pollReads().length >= reads + 2, 'two polls');
    assert.equal(client.store.get<{ totalVoters: number }>('poll', 'p1')?.value?.totalVoters, api.pollReads().length);
    api.setEvents('stream');
    await until(() => client.realtime.state === 'open', 'the stream to come back');
    off();
  });

  it('a stream that opens late, or again before any event, re-reads what was loaded before (no event came for it)', async () => {
    const api = fakeApi();
    let openStream!: () => void;
    const streamMayOpen = new Promise<void>((resolve) => (openStream = resolve));
    const client = createClient({
      baseUrl: BASE,
      realtime: { ...fast, connectGraceMs: 50 },
      fetch: async (input, init) => {
        if (String(input).endsWith('/v1/events')) await streamMayOpen;
        return api.net.fetch(input, init);
      },
    });
    const off = client.store.subscribe('poll', 'p1', () => {});
    await client.polls.get('p1');
    await sleep(80); // the stream is slower than the grace: a change meanwhile would be lost without a re-read
    assert.equal(api.pollReads().length, 1);
    openStream();
    await until(() => api.pollReads().length === 2, 'a re-read once the late stream is open');
    // Ended before any event: the reconnect has no Last-Event-ID to replay from, so it re-reads too.
    await sleep(80);
    api.streams[0]!.end();
    await until(() => api.eventRequests().length === 2, 'the reconnect');
    await until(() => api.pollReads().length === 3, 'a re-read after the reconnect');
    assert.equal(client.store.get<{ totalVoters: number }>('poll', 'p1')?.value?.totalVoters, 3);
    off();
  });

  it('a stream that opens with the data re-reads nothing', async () => {
    const api = fakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.net.fetch, realtime: { ...fast, connectGraceMs: 1000 } });
    const off = client.store.subscribe('poll', 'p1', () => {});
    await client.polls.get('p1');
    await until(() => client.realtime.state === 'open', 'the stream to open');
    api.streams[0]!.event(1, 'poll.updated', 'p2');
    await until(() => client.realtime.lastEventId === '1', 'an event through the open stream');
    assert.equal(api.pollReads().length, 1);
    off();
  });

  it('after reset() (another user) reconnects from scratch, without the old Last-Event-ID', async () => {
    const api = fakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.net.fetch, realtime: fast });
    const off = client.store.subscribe('poll', 'p1', () => {});
    await until(() => client.realtime.state === 'open', 'the stream to open');
    api.streams[0]!.event(5, 'poll.updated', 'p1');
    await until(() => client.realtime.lastEventId === '5', 'the event');
    client.reset();
    await until(() => api.eventRequests().length === 2, 'the new stream');
    await until(() => api.streams[0]!.cancelled, 'the old stream to be closed');
    assert.equal(api.eventRequests()[1]!.headers.get('Last-Event-ID'), null);
    off();
  });

  it('sends the bearer token on the stream, and opens nothing with realtime: false', async () => {
    const api = fakeApi();
    const client = createClient({ baseUrl: BASE, fetch: api.net.fetch, realtime: fast, getToken: () => 'tok' });
    const off = client.store.subscribe('poll', 'p1', () => {});
    await until(() => client.realtime.state === 'open', 'the stream to open');
    assert.equal(api.eventRequests()[0]!.headers.get('Authorization'), 'Bearer tok');
    off();
    const quiet = fakeApi();
    const off2 = createClient({ baseUrl: BASE, fetch: quiet.net.fetch, realtime: false }).store.subscribe(
      'poll',
      'p1',
      () => {},
    );
    await sleep(30);
    assert.equal(quiet.eventRequests().length, 0);
    off2();
  });
});

describe('one stream shared by the tabs of an origin (BroadcastChannel + Web Locks)', () => {
  /** A "tab": its own realtime connection under `shareKey`, recording the streams it opens and what it sees. */
  function tabs(shareKey: string | null) {
    const opened: { tab: string; lastEventId: string | null; stream: ReturnType<typeof serverStream> }[] = [];
    const tab = (name: string, person?: string) => {
      const seen: string[] = [];
      const resyncs: (number | undefined)[] = [];
      const realtime = createRealtime({
        shareScope: person === undefined ? undefined : async () => person,
        open: async (lastEventId) => {
          const stream = serverStream();
          opened.push({ tab: name, lastEventId, stream });
          return stream.response();
        },
        onEvent: (event) => seen.push(event.entityId),
        onResync: (loadedBefore) => resyncs.push(loadedBefore),
        options: { ...fast, shareKey },
      });
      return { realtime, seen, resyncs };
    };
    return { opened, tab };
  }
  const uniqueKey = () => `plaza-test-${Math.random().toString(36).slice(2)}`;

  it('opens one stream for two tabs; both get every event; the next tab takes over where the first left', async () => {
    const { opened, tab } = tabs(uniqueKey());
    const a = tab('a');
    const b = tab('b');
    const releaseA = a.realtime.retain();
    await until(() => a.realtime.state === 'open', 'the first tab to open the stream');
    const releaseB = b.realtime.retain();
    await until(() => b.realtime.state === 'open', 'the second tab to learn the stream is open');
    await sleep(30);
    assert.deepEqual(
      opened.map((entry) => entry.tab),
      ['a'],
      'one stream for both tabs',
    );
    opened[0]!.stream.event(1, 'poll.updated', 'p1');
    await until(() => a.seen.length === 1 && b.seen.length === 1, 'the event in both tabs');
    assert.deepEqual([a.seen, b.seen], [['p1'], ['p1']]);
    assert.equal(b.realtime.lastEventId, '1');

    // The leading tab stops needing the stream (closed, or its widgets left): the other one opens it, from event 1.
    releaseA();
    await until(() => opened.length === 2, 'the second tab to take over');
    assert.equal(opened[1]!.tab, 'b');
    assert.equal(opened[1]!.lastEventId, '1', 'resumed after the last event relayed');
    await until(() => opened[0]!.stream.cancelled, 'the first stream to be closed');
    opened[1]!.stream.event(2, 'poll.updated', 'p2');
    await until(() => b.seen.includes('p2'), 'the next event');
    assert.deepEqual(a.seen, ['p1'], 'a tab that no longer listens gets nothing');
    releaseB();
    await until(() => b.realtime.state === 'idle', 'the stream to close');
  });

  it('a sign-in change in a following tab reopens the leader’s stream from scratch', async () => {
    const { opened, tab } = tabs(uniqueKey());
    const a = tab('a');
    const b = tab('b');
    const releaseA = a.realtime.retain();
    await until(() => a.realtime.state === 'open', 'the stream to open');
    const releaseB = b.realtime.retain();
    opened[0]!.stream.event(7, 'poll.updated', 'p1');
    await until(() => b.seen.length === 1, 'the event in the second tab');
    b.realtime.restart();
    await until(() => opened.length === 2, 'the stream to be reopened');
    assert.deepEqual(
      opened.map((entry) => [entry.tab, entry.lastEventId]),
      [
        ['a', null],
        ['a', null],
      ],
    );
    await until(() => opened[0]!.stream.cancelled, 'the old stream to be closed');
    opened[1]!.stream.event(8, 'poll.updated', 'p2');
    await until(() => a.seen.includes('p2') && b.seen.includes('p2'), 'the new stream’s events in both tabs');
    releaseA();
    releaseB();
    await until(() => a.realtime.state === 'idle' && b.realtime.state === 'idle', 'both to close');
  });

  it('shares only between tabs of the same person (a tab reloaded as someone else opens its own)', async () => {
    const { opened, tab } = tabs(uniqueKey());
    const lena = tab('lena', 'u-lena');
    const alsoLena = tab('lena-2', 'u-lena');
    const jonas = tab('jonas', 'u-jonas');
    const releases = [lena, alsoLena, jonas].map((each) => each.realtime.retain());
    await until(() => opened.length === 2, 'a stream per person');
    await sleep(30);
    assert.deepEqual(opened.map((entry) => entry.tab).sort(), ['jonas', 'lena']);
    opened.find((entry) => entry.tab === 'lena')!.stream.event(3, 'poll.updated', 'p-lena');
    await until(() => alsoLena.seen.includes('p-lena'), 'the relayed event');
    await sleep(20);
    assert.deepEqual(jonas.seen, [], 'another person’s tab gets nothing from it');
    for (const release of releases) release();
    await until(() => [lena, alsoLena, jonas].every((each) => each.realtime.state === 'idle'), 'all to close');
  });

  it('without a share key each tab opens its own stream', async () => {
    const { opened, tab } = tabs(null);
    const a = tab('a');
    const b = tab('b');
    const releaseA = a.realtime.retain();
    const releaseB = b.realtime.retain();
    await until(() => opened.length === 2, 'two streams');
    assert.deepEqual(opened.map((entry) => entry.tab).sort(), ['a', 'b']);
    releaseA();
    releaseB();
    await until(() => a.realtime.state === 'idle' && b.realtime.state === 'idle', 'both to close');
  });
});
