import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listMigrations, migrate, openDb, seed, type Db } from '../src/index.ts';
import { backend, openTestDb, readPoll, testApi, type TestDb } from './helpers.ts';

const count = async (db: Db, table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

describe(`database (${backend})`, () => {
  let testDb: TestDb;
  before(async () => {
    testDb = await openTestDb({ migrated: false });
  });
  after(() => testDb.close());

  describe('migrations', () => {
    it('applies the numbered files once, in order, recording each', async () => {
      const versions = listMigrations().map((migration) => migration.version);
      assert.equal(versions[0], '001_init');
      assert.deepEqual(versions, [...versions].sort());

      // Two migrators at once (two pools on PostgreSQL): the advisory lock lets exactly one do the work.
      const second = backend === 'postgres' ? await testDb.openAnother() : testDb.db;
      const [first, other] = await Promise.all([migrate(testDb.db), migrate(second)]);
      assert.deepEqual([...first, ...other], versions);

      const { rows } = await testDb.db.query<{ version: string }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      assert.deepEqual(
        rows.map((row) => row.version),
        versions,
      );
      assert.deepEqual(await migrate(testDb.db), [], 'nothing left to apply');
    });

    it('creates the tables the server needs', async () => {
      const { rows } = await testDb.db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
      );
      const tables = rows.map((row) => row.table_name);
      const needed = ['events', 'group_members', 'group_requests', 'groups', 'idempotency_keys', 'poll_ballots'];
      needed.push('poll_options', 'polls', 'schema_migrations', 'users');
      assert.deepEqual(
        needed.filter((table) => !tables.includes(table)),
        [],
      );
    });

    it('holds one ballot per voter and poll', async () => {
      await seed(testDb.db);
      await assert.rejects(
        testDb.db.query(
          `INSERT INTO poll_ballots (poll_id, user_id, option_ids, voted_at) VALUES ('poll-townhall', 'u-lena', ARRAY['townhall-qa'], now())`,
        ),
        /duplicate key|unique/i,
      );
    });
  });

  describe('transactions', () => {
    it('commits on success and rolls back on a throw', async () => {
      await testDb.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO users (id, name) VALUES ('u-committed', 'Committed')`);
      });
      await assert.rejects(
        testDb.db.transaction(async (tx) => {
          await tx.query(`INSERT INTO users (id, name) VALUES ('u-rolled-back', 'Rolled back')`);
          // A nested transaction joins the outer one, so its write goes too.
          await tx.transaction((inner) => inner.query(`INSERT INTO users (id, name) VALUES ('u-nested', 'Nested')`));
          throw new Error('changed my mind');
        }),
        /changed my mind/,
      );
      const { rows } = await testDb.db.query<{ id: string }>(
        `SELECT id FROM users WHERE id IN ('u-committed', 'u-rolled-back', 'u-nested')`,
      );
      assert.deepEqual(
        rows.map((row) => row.id),
        ['u-committed'],
      );
    });

    it('passes arrays, dates, nulls and booleans through both drivers alike', async () => {
      const when = new Date('2026-03-04T05:06:07.089Z');
      const { rows } = await testDb.db.query<{ list: string[]; at: Date; nothing: null; yes: boolean; n: number }>(
        'SELECT $1::text[] AS list, $2::timestamptz AS at, $3::text AS nothing, $4::boolean AS yes, $5::int AS n',
        [['a', 'b,c', 'd"e'], when, null, true, 7],
      );
      assert.deepEqual(rows[0], { list: ['a', 'b,c', 'd"e'], at: when, nothing: null, yes: true, n: 7 });
    });
  });

  describe('seed', () => {
    it('creates the demo users and polls, and running it again changes nothing', async () => {
      await seed(testDb.db);
      const api = testApi(testDb.db);
      // A vote retracted in the demo must stay retracted after a restart re-runs the seed.
      assert.equal((await api.request('DELETE', '/v1/polls/poll-townhall/vote', { as: 'u-lena' })).status, 200);
      const counts = async () => [
        await count(testDb.db, 'users'),
        await count(testDb.db, 'polls'),
        await count(testDb.db, 'poll_options'),
        await count(testDb.db, 'poll_ballots'),
      ];
      const before = await counts();
      await seed(testDb.db);
      assert.deepEqual(await counts(), before);

      const { rows: users } = await testDb.db.query<{ id: string; role: string; locale: string | null }>(
        'SELECT id, role, locale FROM users WHERE id = ANY($1::text[]) ORDER BY id',
        [['u-alex', 'u-jonas', 'u-lena', 'u-priya', 'u-sam']],
      );
      assert.deepEqual(users, [
        { id: 'u-alex', role: 'manager', locale: 'en' },
        { id: 'u-jonas', role: 'member', locale: 'de' },
        { id: 'u-lena', role: 'member', locale: 'de' },
        { id: 'u-priya', role: 'member', locale: 'en' },
        { id: 'u-sam', role: 'member', locale: 'en' },
      ]);
      for (const id of ['poll-townhall', 'poll-triage', 'poll-schulung', 'poll-tools', 'poll-retro']) {
        const response = await api.get(`/v1/polls/${id}`);
        assert.equal(response.status, 200, id);
        await readPoll(response);
      }
      assert.deepEqual((await readPoll(await api.get('/v1/polls/poll-townhall', { as: 'u-lena' }))).myVote, []);
    });
  });

  it('keeps a file-backed PGlite database across restarts', { skip: backend === 'postgres' }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plaza-pglite-'));
    try {
      const first = await openDb({ dataDir: join(dataDir, 'nested', 'data') });
      await migrate(first);
      await seed(first);
      await first.close();
      const reopened = await openDb({ dataDir: join(dataDir, 'nested', 'data') });
      try {
        assert.deepEqual(await migrate(reopened), []);
        assert.equal(await count(reopened, 'polls'), 5);
      } finally {
        await reopened.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
