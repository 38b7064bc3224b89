import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { createApp, type JwtOptions, type LogEntry } from '../src/index.ts';
import { backend, readError, readPoll, seededApi, testApi } from './helpers.ts';

const ISSUER = 'https://login.example.com/realms/intranet';
const AUDIENCE = 'plaza-api';

describe(`JWT bearer auth (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  let jwks: Server;
  let jwksUrl: string;
  let signingKey: CryptoKey;
  let strangerKey: CryptoKey;
  let jwtApi: ReturnType<typeof testApi>;
  let jwksRequests = 0;

  before(async () => {
    api = await seededApi();
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    strangerKey = (await generateKeyPair('ES256')).privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };
    jwks = createServer((request, response) => {
      jwksRequests += 1;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/protocol/openid-connect/certs`;
    jwtApi = testApi(api.db, {
      authMode: 'jwt',
      jwt: { issuer: ISSUER, audience: AUDIENCE, jwksUrl, userIdPrefix: 'kc:' },
    });
  });
  after(async () => {
    await new Promise((resolve) => jwks.close(resolve));
    await api.close();
  });

  interface TokenOptions {
    key?: CryptoKey;
    issuer?: string;
    audience?: string;
    subject?: string;
    expiresAt?: number;
  }
  const token = (claims: JWTPayload = {}, options: TokenOptions = {}) =>
    new SignJWT({ name: 'Mia Wagner', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'key-1' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject(options.subject ?? '6f1c2a9e-4b7d-4e55-9a0c-3d2f5b8e7a10')
      .setIssuedAt()
      .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 300)
      .sign(options.key ?? signingKey);
  const bearer = async (claims?: JWTPayload, options?: TokenOptions) => ({
    Authorization: `Bearer ${await token(claims, options)}`,
  });
  const me = async (headers: Record<string, string>) => jwtApi.get('/v1/me', { headers });

  it('signs in with a valid token, provisioning the user from its claims on first sight', async () => {
    const response = await me(
      await bearer({ roles: ['staff', 'manager'], title: 'Leiterin Kommunikation', locale: 'de-DE' }),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      id: 'kc:6f1c2a9e-4b7d-4e55-9a0c-3d2f5b8e7a10',
      name: 'Mia Wagner',
      title: 'Leiterin Kommunikation',
      avatarUrl: null,
      role: 'manager',
      locale: 'de-DE',
    });
    const { rows } = await api.db.query('SELECT id, role FROM users WHERE id LIKE $1', ['kc:%']);
    assert.deepEqual(rows, [{ id: 'kc:6f1c2a9e-4b7d-4e55-9a0c-3d2f5b8e7a10', role: 'manager' }]);
  });

  it('updates the user on later sight; claims a token leaves out (title, locale) stay as stored', async () => {
    const response = await me(await bearer({ name: 'Mia Wagner-Berg', roles: ['staff'] }));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      id: 'kc:6f1c2a9e-4b7d-4e55-9a0c-3d2f5b8e7a10',
      name: 'Mia Wagner-Berg',
      title: 'Leiterin Kommunikation',
      avatarUrl: null,
      role: 'member',
      locale: 'de-DE',
    });
    const { rows } = await api.db.query('SELECT count(*)::int AS n FROM users WHERE id LIKE $1', ['kc:%']);
    assert.deepEqual(rows, [{ n: 1 }]);
    // The keys were fetched once and cached.
    assert.equal(jwksRequests, 1);
  });

  it('takes the role from a configured claim, the name from fallbacks, and the subject as is without a prefix', async () => {
    const keycloak = testApi(api.db, {
      authMode: 'jwt',
      jwt: { issuer: ISSUER, audience: [AUDIENCE, 'other'], jwksUrl, roleClaim: 'plaza_role' },
    });
    const response = await keycloak.get('/v1/me', {
      headers: await bearer(
        { name: undefined, preferred_username: 'tkoch', plaza_role: 'manager', roles: [] },
        { subject: 'u-tkoch' },
      ),
    });
    assert.equal(response.status, 200);
    const user = (await response.json()) as { id: string; name: string; role: string };
    assert.deepEqual([user.id, user.name, user.role], ['u-tkoch', 'tkoch', 'manager']);
  });

  it('lets a bearer write without the CSRF header (that guards cookies only)', async () => {
    const response = await jwtApi.request('PUT', '/v1/polls/poll-townhall/vote', {
      headers: await bearer(),
      body: { optionIds: ['townhall-wellbeing'] },
    });
    assert.equal(response.status, 200);
    assert.deepEqual((await readPoll(response)).myVote, ['townhall-wellbeing']);
  });

  it('refuses expired, foreign-audience, foreign-issuer, badly signed and malformed tokens with 401', async () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ['expired', await bearer({}, { expiresAt: Math.floor(Date.now() / 1000) - 120 }), /expired/],
      ['wrong audience', await bearer({}, { audience: 'someone-else' }), /not valid/],
      ['wrong issuer', await bearer({}, { issuer: 'https://evil.example.com' }), /not valid/],
      ['bad signature', await bearer({}, { key: strangerKey }), /not valid/],
      ['not a JWT', { Authorization: 'Bearer not.a.token' }, /not valid/],
      ['not bearer', { Authorization: 'Basic dXNlcjpwYXNz' }, /Bearer/],
      ['subject too long', await bearer({}, { subject: 'x'.repeat(120) }), /subject/],
    ];
    for (const [name, headers, message] of cases) {
      for (const [method, path] of [
        ['GET', '/v1/me'],
        ['GET', '/v1/polls/poll-townhall'],
        ['PUT', '/v1/polls/poll-townhall/vote'],
      ] as const) {
        const response = await jwtApi.request(method, path, {
          headers,
          ...(method === 'PUT' ? { body: { optionIds: ['townhall-qa'] } } : {}),
        });
        assert.equal(response.status, 401, `${name}: ${method} ${path}`);
        assert.equal(response.headers.get('WWW-Authenticate'), 'Bearer error="invalid_token"', name);
        const error = await readError(response);
        assert.equal(error.code, 'unauthenticated', name);
        assert.match(error.message, message, name);
      }
    }
    const { rows } = await api.db.query('SELECT count(*)::int AS n FROM users WHERE id LIKE $1', ['%xxxxxxxx%']);
    assert.deepEqual(rows, [{ n: 0 }]);
  });

  it('without a token: reads work signed out, writes and /v1/me are 401; dev cookies mean nothing', async () => {
    const poll = await jwtApi.get('/v1/polls/poll-townhall');
    assert.equal(poll.status, 200);
    assert.deepEqual((await readPoll(poll)).myVote, []);
    assert.equal((await jwtApi.get('/v1/me')).status, 401);
    const vote = await jwtApi.request('PUT', '/v1/polls/poll-townhall/vote', { body: { optionIds: ['townhall-qa'] } });
    assert.equal(vote.status, 401);
    assert.equal((await readError(vote)).code, 'unauthenticated');
    // Dev auth is off: its cookie is ignored and its routes are not there.
    assert.equal((await jwtApi.get('/v1/me', { as: 'u-alex' })).status, 401);
    assert.equal((await jwtApi.get('/v1/dev/users')).status, 404);
  });

  it('answers 500 (logged, not returned) when the key set cannot be fetched', async () => {
    const lines: LogEntry[] = [];
    const unreachable = testApi(api.db, {
      authMode: 'jwt',
      jwt: { issuer: ISSUER, audience: AUDIENCE, jwksUrl: 'http://127.0.0.1:1/certs' },
      log: (entry) => lines.push(entry),
    });
    const response = await unreachable.get('/v1/me', { headers: await bearer() });
    assert.equal(response.status, 500);
    const error = await readError(response);
    assert.equal(error.code, 'internal');
    assert.doesNotMatch(error.message, /127\.0\.0\.1|fetch|ECONNREFUSED/);
    const failure = lines.find((line) => line.level === 'error');
    assert.equal(failure?.requestId, error.requestId);
    assert.ok(failure?.error?.stack);
  });

  it('refuses to start without issuer, audience or a JWKS URL', () => {
    const options: JwtOptions = { issuer: ISSUER, audience: AUDIENCE, jwksUrl: 'https://login.example.com/certs' };
    assert.throws(() => createApp({ db: api.db, authMode: 'jwt' }), /jwt options/);
    for (const broken of [
      { ...options, issuer: '' },
      { ...options, audience: '' },
      { ...options, audience: [] },
      { ...options, jwksUrl: '' },
      { ...options, jwksUrl: 'not a url' },
    ]) {
      assert.throws(() => createApp({ db: api.db, authMode: 'jwt', jwt: broken }), /JWT auth|JWKS URL/);
    }
  });
});
