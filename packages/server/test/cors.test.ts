import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkCorsOrigins, parseCorsOrigins } from '../src/index.ts';
import { backend, readError, seededApi, testApi } from './helpers.ts';

const INTRANET = 'https://intranet.example.com';
const WIKI = 'http://wiki.corp.local:8080';

describe(`CORS allow-list (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi({ corsOrigins: [INTRANET, WIKI] });
  });
  after(() => api.close());

  const corsHeaders = (response: Response) =>
    [...response.headers.keys()].filter((name) => name.startsWith('access-control-')).sort();

  it('grants a listed origin, with credentials and the headers the SDK reads', async () => {
    for (const origin of [INTRANET, WIKI]) {
      const response = await api.get('/v1/polls/poll-townhall', { headers: { Origin: origin } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('Access-Control-Allow-Origin'), origin);
      assert.equal(response.headers.get('Access-Control-Allow-Credentials'), 'true');
      assert.deepEqual(response.headers.get('Access-Control-Expose-Headers')?.split(',').sort(), [
        'Idempotent-Replayed',
        'Retry-After',
        'X-Request-Id',
      ]);
      assert.match(response.headers.get('Vary') ?? '', /Origin/);
    }
  });

  it('answers a listed origin’s preflight with the Plaza methods and headers', async () => {
    const response = await api.request('OPTIONS', '/v1/polls/poll-townhall/vote', {
      headers: {
        Origin: INTRANET,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type,idempotency-key,x-plaza-csrf',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), INTRANET);
    assert.equal(response.headers.get('Access-Control-Allow-Credentials'), 'true');
    const methods = response.headers.get('Access-Control-Allow-Methods')?.split(',') ?? [];
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) assert.ok(methods.includes(method), method);
    const allowed = (response.headers.get('Access-Control-Allow-Headers') ?? '').toLowerCase().split(',');
    for (const header of ['content-type', 'idempotency-key', 'x-plaza-csrf', 'authorization', 'last-event-id']) {
      assert.ok(allowed.includes(header), header);
    }
    assert.equal(response.headers.get('Access-Control-Max-Age'), '600');
  });

  it('gives any other origin no CORS header at all, preflight or not', async () => {
    for (const origin of [
      'https://evil.example.com',
      'https://intranet.example.com.evil.net',
      'null',
      `${INTRANET}:443`,
    ]) {
      const read = await api.get('/v1/polls/poll-townhall', { headers: { Origin: origin } });
      assert.equal(read.status, 200);
      assert.deepEqual(corsHeaders(read), [], origin);
      assert.match(read.headers.get('Vary') ?? '', /Origin/);
      const preflight = await api.request('OPTIONS', '/v1/polls/poll-townhall/vote', {
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'x-plaza-csrf',
        },
      });
      assert.equal(preflight.status, 204);
      assert.deepEqual(corsHeaders(preflight), [], origin);
    }
    assert.deepEqual(corsHeaders(await api.get('/v1/polls/poll-townhall')), [], 'no Origin');
  });

  it('puts the grant on error responses too, so the page can read them', async () => {
    const response = await api.get('/v1/me', { headers: { Origin: INTRANET } });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), INTRANET);
    assert.equal((await readError(response)).code, 'unauthenticated');
    const missing = await api.get('/v1/polls/nope', { headers: { Origin: INTRANET } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('Access-Control-Allow-Origin'), INTRANET);
  });

  it('grants nobody without an allow-list', async () => {
    const plain = testApi(api.db);
    const response = await plain.get('/v1/polls/poll-townhall', { headers: { Origin: INTRANET } });
    assert.deepEqual(corsHeaders(response), []);
  });

  it('refuses entries that are not origins', () => {
    assert.deepEqual(checkCorsOrigins([INTRANET, WIKI]), [INTRANET, WIKI]);
    // PLAZA_CORS_ORIGINS as main.ts and pnpm demo read it.
    assert.deepEqual(parseCorsOrigins(` ${INTRANET}, ${WIKI} ,`), [INTRANET, WIKI]);
    assert.deepEqual(parseCorsOrigins(undefined), []);
    assert.throws(() => parseCorsOrigins(`${INTRANET},*`), /not an origin/);
    for (const bad of [
      '*',
      `${INTRANET}/`,
      `${INTRANET}/news`,
      'intranet.example.com',
      'ftp://files.example.com',
      '',
    ]) {
      assert.throws(() => checkCorsOrigins([bad]), /not an origin/, bad);
      assert.throws(() => testApi(api.db, { corsOrigins: [bad] }), /not an origin/, bad);
    }
  });
});
