import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { createApp, jsonLogger, silentLogger, type Db, type LogEntry } from '../src/index.ts';
import { backend, seededApi, testApi } from './helpers.ts';

describe(`structured logs (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  let lines: LogEntry[];
  let logged: ReturnType<typeof testApi>;
  before(async () => {
    api = await seededApi();
    lines = [];
    logged = testApi(api.db, { log: (entry) => lines.push(entry) });
  });
  after(() => api.close());

  it('writes one line per request: time, level, requestId, method, path, status, ms, userId', async () => {
    lines.length = 0;
    const read = await logged.get('/v1/polls?ids=poll-townhall,poll-retro', { as: 'u-priya' });
    const vote = await logged.vote('poll-townhall', ['townhall-qa'], 'u-jonas');
    const missing = await logged.get('/v1/polls/nope');
    assert.equal(lines.length, 3);
    for (const [line, response] of [
      [lines[0]!, read],
      [lines[1]!, vote],
      [lines[2]!, missing],
    ] as const) {
      assert.deepEqual(Object.keys(line).sort(), [
        'level',
        'method',
        'ms',
        'msg',
        'path',
        'requestId',
        'status',
        'time',
        'userId',
      ]);
      assert.equal(line.level, 'info');
      assert.equal(line.msg, 'request');
      assert.equal(line.requestId, response.headers.get('X-Request-Id'));
      assert.equal(line.status, response.status);
      assert.equal(new Date(line.time).toISOString(), line.time);
      assert.ok(typeof line.ms === 'number' && line.ms >= 0);
    }
    assert.deepEqual(
      lines.map((line) => [line.method, line.path, line.status, line.userId]),
      [
        ['GET', '/v1/polls', 200, 'u-priya'],
        ['PUT', '/v1/polls/poll-townhall/vote', 200, 'u-jonas'],
        ['GET', '/v1/polls/nope', 404, null],
      ],
    );
  });

  it('logs a failure with its stack, and returns none of it', async () => {
    const brokenDb: Db = {
      query: () => Promise.reject(new Error('connect ECONNREFUSED postgres://plaza:s3cret@db:5432')),
      exec: () => Promise.reject(new Error('down')),
      transaction: () => Promise.reject(new Error('down')),
      close: () => Promise.resolve(),
    };
    const captured: LogEntry[] = [];
    const app = createApp({ db: brokenDb, authMode: 'dev', rateLimits: false, log: (entry) => captured.push(entry) });
    const response = await app.request('/v1/polls/poll-townhall');
    assert.equal(response.status, 500);
    assert.doesNotMatch(await response.text(), /s3cret|ECONNREFUSED|\.ts:\d+/);
    const [failure, request] = captured;
    assert.equal(captured.length, 2);
    assert.equal(failure!.level, 'error');
    assert.equal(failure!.requestId, response.headers.get('X-Request-Id'));
    assert.equal(failure!.error?.message, 'connect ECONNREFUSED postgres://plaza:s3cret@db:5432');
    assert.match(failure!.error?.stack ?? '', /at /);
    assert.deepEqual([request!.msg, request!.status], ['request', 500]);
  });

  it('by default prints JSON lines (errors to stderr); the silent logger prints nothing', () => {
    const out = mock.method(console, 'log', () => {});
    const err = mock.method(console, 'error', () => {});
    try {
      const entry: LogEntry = { time: new Date().toISOString(), level: 'info', msg: 'request', status: 200 };
      jsonLogger(entry);
      jsonLogger({ ...entry, level: 'error', msg: 'request failed' });
      silentLogger(entry);
      assert.equal(out.mock.callCount(), 1);
      assert.deepEqual(JSON.parse(String(out.mock.calls[0]!.arguments[0])), entry);
      assert.equal(err.mock.callCount(), 1);
      assert.equal((JSON.parse(String(err.mock.calls[0]!.arguments[0])) as LogEntry).level, 'error');
    } finally {
      out.mock.restore();
      err.mock.restore();
    }
  });
});
