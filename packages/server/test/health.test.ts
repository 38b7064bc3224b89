import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp, listMigrations, migrate, silentLogger, type Db } from '../src/index.ts';
import { backend, openTestDb, seededApi, testApi } from './helpers.ts';

const brokenDb: Db = {
  query: () => Promise.reject(new Error('connect ECONNREFUSED')),
  exec: () => Promise.reject(new Error('down')),
  transaction: () => Promise.reject(new Error('down')),
  close: () => Promise.resolve(),
};

describe(`health probes (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi({ authMode: 'dev', rateLimits: { reads: 1, writes: 1 } });
  });
  after(() => api.close());

  it('/healthz: alive, without auth, rate limits or a database', async () => {
    for (const app of [api.app, createApp({ db: brokenDb, authMode: 'dev', log: silentLogger })]) {
      for (let probe = 0; probe < 3; probe++) {
        const response = await app.request('/healthz');
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), { status: 'ok' });
        assert.ok(response.headers.get('X-Request-Id'));
      }
    }
  });

  it('/readyz: 200 when the database answers and every migration is applied', async () => {
    const response = await api.app.request('/readyz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ready' });
  });

  it('/readyz: 503 when the database is unreachable, never migrated, or behind', async () => {
    const down = await createApp({ db: brokenDb, authMode: 'dev', log: silentLogger }).request('/readyz');
    assert.equal(down.status, 503);
    const body = (await down.json()) as { status: string; reason: string };
    assert.equal(body.status, 'unavailable');
    assert.doesNotMatch(body.reason, /ECONNREFUSED/);

    const fresh = await openTestDb({ migrated: false });
    try {
      const app = testApi(fresh.db).app;
      assert.equal((await app.request('/readyz')).status, 503);
      const migrations = listMigrations();
      await migrate(fresh.db, migrations.slice(0, -1));
      const behind = await app.request('/readyz');
      assert.equal(behind.status, 503);
      assert.match(((await behind.json()) as { reason: string }).reason, new RegExp(migrations.at(-1)!.version));
      await migrate(fresh.db);
      assert.equal((await app.request('/readyz')).status, 200);
    } finally {
      await fresh.close();
    }
  });

  it('/readyz: 503 once shutdown began', async () => {
    const app = testApi(api.db).app;
    assert.equal((await app.request('/readyz')).status, 200);
    await app.close();
    const response = await app.request('/readyz');
    assert.equal(response.status, 503);
    assert.equal(((await response.json()) as { reason: string }).reason, 'shutting down');
    assert.equal((await app.request('/healthz')).status, 200);
  });

  it('lives outside /v1 only', async () => {
    assert.equal((await api.app.request('/v1/healthz')).status, 404);
  });
});
