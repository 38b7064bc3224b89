import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it, mock } from 'node:test';
import { createApp, startServer, type Db } from '../src/index.ts';
import { backend, readError, readPoll, seededApi } from './helpers.ts';

describe(`HTTP behaviour (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  describe('errors', () => {
    it('answers unknown routes and methods with the JSON 404', async () => {
      for (const [method, path] of [
        ['GET', '/v1/nothing'],
        ['GET', '/'],
        ['PATCH', '/v1/polls/poll-townhall'],
        ['GET', '/v1/polls/poll-townhall/vote'],
      ] as const) {
        const response = await api.request(method, path);
        assert.equal(response.status, 404, `${method} ${path}`);
        assert.match(response.headers.get('Content-Type') ?? '', /application\/json/);
        const error = await readError(response);
        assert.equal(error.code, 'not_found');
        assert.equal(error.requestId, response.headers.get('X-Request-Id'));
      }
    });

    it('answers malformed JSON and a missing body with 400 validation_failed', async () => {
      const malformed = await api.request('POST', '/v1/polls', { as: 'u-alex', rawBody: '{"question": "Lunch?",' });
      assert.equal(malformed.status, 400);
      assert.equal((await readError(malformed)).code, 'validation_failed');
      const missing = await api.request('PUT', '/v1/polls/poll-townhall/vote', { as: 'u-alex' });
      assert.equal(missing.status, 400);
      assert.equal((await readError(missing)).code, 'validation_failed');
      const notAnObject = await api.request('POST', '/v1/polls', { as: 'u-alex', rawBody: '"just a string"' });
      assert.equal(notAnObject.status, 400);
      assert.ok((await readError(notAnObject)).fields?.body);
    });

    it('answers bodies over 64 KB with 413 payload_too_large, streamed or with Content-Length', async () => {
      const huge = JSON.stringify({ question: 'Big?', options: ['a', 'b'], padding: 'x'.repeat(64 * 1024) });
      const streamed = await api.request('POST', '/v1/polls', { as: 'u-alex', rawBody: huge });
      assert.equal(streamed.status, 413);
      const error = await readError(streamed);
      assert.equal(error.code, 'payload_too_large');
      assert.ok(error.requestId);
      const declared = await api.request('POST', '/v1/polls', {
        as: 'u-alex',
        rawBody: huge,
        headers: { 'Content-Length': String(Buffer.byteLength(huge)) },
      });
      assert.equal(declared.status, 413);
      const justUnder = JSON.stringify({ question: 'Fits?', options: ['a', 'b'], padding: 'x'.repeat(60 * 1024) });
      assert.equal((await api.request('POST', '/v1/polls', { as: 'u-alex', rawBody: justUnder })).status, 201);
    });

    it('answers a server failure with 500 internal, logging the details but never returning them', async () => {
      const brokenDb: Db = {
        query: () => Promise.reject(new Error('connect ECONNREFUSED postgres://plaza:s3cret@db:5432')),
        exec: () => Promise.reject(new Error('down')),
        transaction: () => Promise.reject(new Error('down')),
        close: () => Promise.resolve(),
      };
      const logged = mock.method(console, 'error', () => {});
      try {
        const response = await createApp({ db: brokenDb, authMode: 'dev' }).request('/v1/polls/poll-townhall');
        assert.equal(response.status, 500);
        const text = await response.text();
        assert.doesNotMatch(text, /s3cret|ECONNREFUSED|at .*\.ts/);
        const { error } = JSON.parse(text) as { error: { code: string; requestId: string } };
        assert.equal(error.code, 'internal');
        assert.equal(error.requestId, response.headers.get('X-Request-Id'));
        assert.equal(logged.mock.callCount(), 1);
        assert.match(String(logged.mock.calls[0]!.arguments[0]), new RegExp(error.requestId));
      } finally {
        logged.mock.restore();
      }
    });
  });

  describe('request ids', () => {
    it('puts X-Request-Id on every response, keeping a sane incoming one', async () => {
      const ok = await api.get('/v1/polls/poll-townhall');
      assert.match(ok.headers.get('X-Request-Id') ?? '', /^[\w-]{8,}$/);
      const other = await api.get('/v1/polls/poll-townhall');
      assert.notEqual(other.headers.get('X-Request-Id'), ok.headers.get('X-Request-Id'));
      const kept = await api.get('/v1/me', { headers: { 'X-Request-Id': 'lb-1234.abc' } });
      assert.equal(kept.headers.get('X-Request-Id'), 'lb-1234.abc');
      assert.equal((await readError(kept)).requestId, 'lb-1234.abc');
      const replaced = await api.get('/v1/me', { headers: { 'X-Request-Id': 'bad id <script>' } });
      assert.notEqual(replaced.headers.get('X-Request-Id'), 'bad id <script>');
      assert.ok((await api.get('/v1/openapi.json')).headers.get('X-Request-Id'));
    });
  });

  describe('CSRF', () => {
    it('refuses cookie-authenticated writes without X-Plaza-CSRF: 1', async () => {
      const before = await readPoll(await api.get('/v1/polls/poll-townhall'));
      for (const headers of [{}, { 'X-Plaza-CSRF': '0' }] as Record<string, string>[]) {
        const response = await api.request('PUT', '/v1/polls/poll-townhall/vote', {
          as: 'u-alex',
          csrf: false,
          headers,
          body: { optionIds: ['townhall-qa'] },
        });
        assert.equal(response.status, 403);
        assert.equal((await readError(response)).code, 'csrf_failed');
      }
      const close = await api.request('POST', '/v1/polls/poll-townhall/close', { as: 'u-alex', csrf: false });
      assert.equal(close.status, 403);
      assert.deepEqual(await readPoll(await api.get('/v1/polls/poll-townhall')), before);
    });

    it('lets reads through without the header, and signed-out writes reach the 401', async () => {
      assert.equal((await api.get('/v1/me', { as: 'u-alex' })).status, 200);
      const signedOut = await api.request('PUT', '/v1/polls/poll-townhall/vote', {
        body: { optionIds: ['townhall-qa'] },
      });
      assert.equal(signedOut.status, 401);
    });
  });

  describe('dev auth', () => {
    it('lists the demo users for the user switcher', async () => {
      const response = await api.get('/v1/dev/users');
      assert.equal(response.status, 200);
      const { items } = (await response.json()) as { items: Record<string, unknown>[] };
      assert.deepEqual(items.map((user) => user.id).sort(), ['u-alex', 'u-jonas', 'u-lena', 'u-priya', 'u-sam']);
      assert.deepEqual(
        items.find((user) => user.id === 'u-alex'),
        {
          id: 'u-alex',
          name: 'Alex Morgan',
          title: 'IT Service Manager',
          avatarUrl: null,
          role: 'manager',
        },
      );
    });

    it('signs in with an HttpOnly, SameSite=Lax cookie, and signs out', async () => {
      const signIn = await api.request('POST', '/v1/dev/session', {
        body: { userId: 'u-priya' },
        headers: { 'X-Plaza-CSRF': '1' },
      });
      assert.equal(signIn.status, 200);
      const cookie = signIn.headers.get('Set-Cookie') ?? '';
      assert.match(cookie, /^plaza_session=u-priya;/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Path=\//);
      const me = await api.app.request('/v1/me', { headers: { Cookie: cookie.split(';')[0]! } });
      assert.equal(((await me.json()) as { id: string }).id, 'u-priya');

      const signOut = await api.request('POST', '/v1/dev/session', { as: 'u-priya', body: { userId: null } });
      assert.equal(signOut.status, 200);
      assert.match(signOut.headers.get('Set-Cookie') ?? '', /^plaza_session=;.*Max-Age=0/);
    });

    it('refuses an unknown user, and signing in without the CSRF header', async () => {
      const unknown = await api.request('POST', '/v1/dev/session', {
        body: { userId: 'u-mallory' },
        headers: { 'X-Plaza-CSRF': '1' },
      });
      assert.equal(unknown.status, 400);
      assert.ok((await readError(unknown)).fields?.userId);
      assert.equal(unknown.headers.get('Set-Cookie'), null);
      const noHeader = await api.request('POST', '/v1/dev/session', { body: { userId: 'u-alex' } });
      assert.equal(noHeader.status, 403);
    });

    it('refuses to run with NODE_ENV=production', async () => {
      const previous = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        assert.throws(() => createApp({ db: api.db, authMode: 'dev' }), /production/);
        await assert.rejects(startServer({ port: 0, db: api.db, authMode: 'dev' }), /production/);
      } finally {
        if (previous === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = previous;
      }
    });
  });

  describe('static files', () => {
    const BIG_SCRIPT = `export const strings = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => `string ${i}`))};`;
    let root: string;
    let site: string;
    before(() => {
      root = mkdtempSync(join(tmpdir(), 'plaza-static-'));
      site = join(root, 'site');
      mkdirSync(join(site, 'dist'), { recursive: true });
      mkdirSync(join(site, 'v1'), { recursive: true });
      writeFileSync(join(site, 'index.html'), '<!doctype html><title>Intranet</title>');
      writeFileSync(join(site, 'de.html'), '<!doctype html><title>Intranet (de)</title>');
      writeFileSync(join(site, 'dist', 'plaza.js'), 'export {};');
      mkdirSync(join(site, 'dist', 'chunks'));
      writeFileSync(join(site, 'dist', 'chunks', 'poll-KstwAbCt.js'), 'export default {};');
      writeFileSync(join(site, 'dist', 'big.js'), BIG_SCRIPT);
      writeFileSync(join(site, 'demo.css'), 'body {}');
      writeFileSync(join(site, '.env'), 'SECRET=1');
      writeFileSync(join(site, 'v1', 'me'), 'shadowed');
      writeFileSync(join(root, 'outside.txt'), 'outside the static folder');
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    const staticApp = () => createApp({ db: api.db, authMode: 'dev', staticDir: site });

    it('serves index.html for / and files with their content types', async () => {
      const app = staticApp();
      const expectations: [string, RegExp, string][] = [
        ['/', /text\/html/, '<title>Intranet</title>'],
        ['/de.html', /text\/html/, 'Intranet (de)'],
        ['/dist/plaza.js', /javascript/, 'export {};'],
        ['/demo.css', /text\/css/, 'body {}'],
      ];
      for (const [path, type, content] of expectations) {
        const response = await app.request(path);
        assert.equal(response.status, 200, path);
        assert.match(response.headers.get('Content-Type') ?? '', type, path);
        assert.match(await response.text(), new RegExp(content.replace(/[()]/g, '\\$&')), path);
        assert.ok(response.headers.get('X-Request-Id'), path);
      }
    });

    it('gzips what the browser accepts; hashed chunks are immutable, the rest is revalidated', async () => {
      const app = staticApp();
      const gzipped = await app.request('/dist/big.js', { headers: { 'Accept-Encoding': 'gzip, br' } });
      assert.equal(gzipped.status, 200);
      assert.equal(gzipped.headers.get('Content-Encoding'), 'gzip');
      assert.equal(gzipped.headers.get('Cache-Control'), 'no-cache');
      const body = new Uint8Array(await gzipped.arrayBuffer());
      assert.ok(body.length < 2_000, `compressed to ${body.length} bytes`);
      assert.equal(gunzipSync(body).toString(), BIG_SCRIPT);
      const plain = await app.request('/dist/big.js');
      assert.equal(plain.headers.get('Content-Encoding'), null, 'no gzip unless asked for');
      assert.equal(await plain.text(), BIG_SCRIPT);
      const chunk = await app.request('/dist/chunks/poll-KstwAbCt.js');
      assert.equal(chunk.status, 200);
      assert.equal(chunk.headers.get('Cache-Control'), 'public, max-age=31536000, immutable');
      const page = await app.request('/');
      assert.equal(page.headers.get('Cache-Control'), 'no-cache');
      const lastModified = page.headers.get('Last-Modified');
      assert.ok(lastModified, 'pages can be revalidated');
      const revalidated = await app.request('/', { headers: { 'If-Modified-Since': lastModified } });
      assert.equal(revalidated.status, 304);
      assert.equal(await revalidated.text(), '');
      const older = new Date(Date.parse(lastModified) - 60_000).toUTCString();
      assert.equal((await app.request('/', { headers: { 'If-Modified-Since': older } })).status, 200);
    });

    it('lets pages of any origin load the scripts and style sheets (a pasted snippet), not the pages', async () => {
      const app = staticApp();
      const origin = { Origin: 'https://intranet.example.com' };
      for (const path of ['/dist/plaza.js', '/dist/chunks/poll-KstwAbCt.js', '/demo.css']) {
        const response = await app.request(path, { headers: origin });
        assert.equal(response.headers.get('Access-Control-Allow-Origin'), '*', path);
        assert.equal(response.headers.get('Access-Control-Allow-Credentials'), null, path);
        const lastModified = response.headers.get('Last-Modified')!;
        const revalidated = await app.request(path, { headers: { ...origin, 'If-Modified-Since': lastModified } });
        assert.equal(revalidated.status, 304, path);
        assert.equal(revalidated.headers.get('Access-Control-Allow-Origin'), '*', `${path} revalidated`);
      }
      for (const path of ['/', '/de.html']) {
        const response = await app.request(path, { headers: origin });
        assert.equal(response.headers.get('Access-Control-Allow-Origin'), null, path);
      }
    });

    it('never serves outside the folder, dotfiles, or anything under /v1', async () => {
      const app = staticApp();
      for (const path of [
        '/../outside.txt',
        '/%2e%2e/outside.txt',
        '/..%2foutside.txt',
        '/dist/..%2f..%2foutside.txt',
        '/.env',
        '/nothing.html',
      ]) {
        const response = await app.request(new Request(new URL(path, 'http://localhost'), {}));
        const text = await response.text();
        assert.doesNotMatch(text, /outside the static folder|SECRET/, path);
        assert.equal(response.status, 404, path);
      }
      const api404 = await app.request('/v1/me');
      assert.equal(api404.status, 401, '/v1 is the API, never a file');
    });

    it('serves the API and the files over HTTP with startServer', async () => {
      const server = await startServer({ port: 0, db: api.db, authMode: 'dev', staticDir: site });
      try {
        const base = `http://127.0.0.1:${server.port}`;
        const poll = await fetch(`${base}/v1/polls/poll-townhall`);
        assert.equal(poll.status, 200);
        assert.equal((await readPoll(poll)).id, 'poll-townhall');
        const page = await fetch(`${base}/`);
        assert.match(await page.text(), /Intranet/);
        const raw = await fetch(`${base}/%2e%2e/outside.txt`);
        assert.equal(raw.status, 404);
      } finally {
        await server.close();
      }
    });
  });
});

describe(`U+0000 anywhere in a request (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  it('leaves an id with a NUL out of a batch read, as an unknown id: nothing can have it', async () => {
    for (const [path, expected] of [
      ['/v1/polls?ids=poll-townhall,%00', ['poll-townhall']],
      ['/v1/groups?ids=%00,grp-it-help', ['grp-it-help']],
      ['/v1/posts?ids=a%00', []],
    ] as const) {
      const response = await api.get(path, { as: 'u-sam' });
      assert.equal(response.status, 200, path);
      const { items } = (await response.json()) as { items: { id: string }[] };
      assert.deepEqual(
        items.map((item) => item.id),
        expected,
        path,
      );
    }
  });

  it('answers 404 for a NUL in a path: nothing can have that id', async () => {
    for (const path of ['/v1/polls/poll%00townhall', '/v1/groups/%00', '/v1/posts/a%00/comments']) {
      const response = await api.get(path);
      assert.equal(response.status, 404, path);
      assert.equal((await readError(response)).code, 'not_found');
    }
  });

  it('answers 400 validation_failed naming the field for a NUL in a query id or any body string, never 500', async () => {
    const named = await api.vote('poll-townhall', ['ok', '\u0000'], 'u-sam');
    assert.deepEqual(Object.keys((await readError(named)).fields ?? {}), ['optionIds.1']);
    const cases = [
      await api.get('/v1/feed?topic=a%00b'),
      await api.get('/v1/users?query=a%00', { as: 'u-sam' }),
      await api.vote('poll-townhall', ['\u0000'], 'u-sam'),
      await api.request('POST', '/v1/polls', { as: 'u-sam', body: { question: 'Tea\u0000?', options: ['a', 'b'] } }),
      await api.request('POST', '/v1/posts', { as: 'u-sam', body: { body: 'hi', ['x\u0000']: 1 } }),
    ];
    for (const response of cases) {
      assert.equal(response.status, 400, response.url);
      assert.equal((await readError(response)).code, 'validation_failed');
    }
  });
});

describe(`a deeply nested request body (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  it('is a 400 naming the body, never a 500 (10 KB of brackets once overflowed the stack)', async () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    for (const rawBody of [nested(5000), `{"question":"Tea?","options":["a","b"],"x":${nested(40)}}`]) {
      const response = await api.request('POST', '/v1/polls', { as: 'u-sam', rawBody });
      assert.equal(response.status, 400);
      const error = await readError(response);
      assert.equal(error.code, 'validation_failed');
      assert.deepEqual(error.fields, { body: ['At most 32 levels of arrays and objects'] });
    }
    // A body of ordinary depth still gets the usual answer.
    const ok = await api.request('POST', '/v1/polls', { as: 'u-sam', rawBody: nested(20) });
    assert.equal(ok.status, 400);
    assert.notDeepEqual((await readError(ok)).fields, { body: ['At most 32 levels of arrays and objects'] });
  });
});
