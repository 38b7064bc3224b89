import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { UserSearchResult } from '@plaza/contract';
import { seedGroupPeople } from '../src/groups/seed.ts';
import { backend, readError, seededApi } from './helpers.ts';

describe(`people search for mentions (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
    await seedGroupPeople(api.db, api.clock.current);
    const people: [string, string][] = [
      ['u-s-ann', 'Ann Zeller'],
      ['u-s-bob', 'Bob Annerl'],
      ['u-s-joanne', 'Joanne Smith'],
      ['u-s-percent', '100% Sure_Thing'],
      ['u-s-slash', 'Back\\Slash Person'],
      ...Array.from({ length: 12 }, (_, index): [string, string] => [
        `u-s-many-${index + 1}`,
        `Manyfold Person ${String(index + 1).padStart(2, '0')}`,
      ]),
    ];
    for (const [id, name] of people) {
      await api.db.query(`INSERT INTO users (id, name, role) VALUES ($1, $2, 'member')`, [id, name]);
    }
  });
  after(() => api.close());

  const search = async (query: string, as = 'u-sam') => {
    const response = await api.get(`/v1/users?query=${encodeURIComponent(query)}`, { as });
    assert.equal(response.status, 200, `query ${JSON.stringify(query)}`);
    return z.parse(UserSearchResult, await response.json()).items;
  };
  const names = async (query: string) => (await search(query)).map((person) => person.name);

  it('needs a signed-in user (401)', async () => {
    const response = await api.get('/v1/users?query=lena');
    assert.equal(response.status, 401);
    assert.equal((await readError(response)).code, 'unauthenticated');
  });

  it('refuses a missing, blank or over-long query with 400 naming `query`', async () => {
    for (const path of ['/v1/users', '/v1/users?query=', `/v1/users?query=${encodeURIComponent('   ')}`]) {
      const response = await api.get(path, { as: 'u-sam' });
      assert.equal(response.status, 400, path);
      const error = await readError(response);
      assert.equal(error.code, 'validation_failed');
      assert.ok(error.fields?.query, path);
    }
    const long = await api.get(`/v1/users?query=${'a'.repeat(101)}`, { as: 'u-sam' });
    assert.equal(long.status, 400);
    assert.deepEqual(await search('a'.repeat(100)), []);
  });

  it('finds people by any part of their name, ignoring case, as UserRefs only', async () => {
    assert.deepEqual(await names('LENA'), ['Dr. Lena Vogt']);
    assert.deepEqual(await names('vog'), ['Dr. Lena Vogt']);
    assert.deepEqual(await names('krüger'), ['Tobias Krüger']);
    const [lena] = await search('lena');
    assert.deepEqual(Object.keys(lena!).sort(), ['avatarUrl', 'id', 'name', 'title']);
    assert.equal(lena!.id, 'u-lena');
    assert.deepEqual(await search('zzz-nobody'), []);
  });

  it('puts names starting with the query first, then word starts, then the rest', async () => {
    assert.deepEqual(await names('ann'), [
      'Ann Zeller',
      'Anna Schulz',
      'Bob Annerl',
      'Joanne Smith',
      'Katrin Hoffmann',
    ]);
  });

  it('returns at most 8 people, alphabetically within a rank', async () => {
    const found = await names('manyfold');
    assert.equal(found.length, 8);
    assert.deepEqual(
      found,
      Array.from({ length: 8 }, (_, index) => `Manyfold Person ${String(index + 1).padStart(2, '0')}`),
    );
  });

  it('treats LIKE wildcards and backslashes in the query as plain text', async () => {
    assert.deepEqual(await names('%'), ['100% Sure_Thing']);
    assert.deepEqual(await names('_'), ['100% Sure_Thing']);
    assert.deepEqual(await names('0%'), ['100% Sure_Thing']);
    assert.deepEqual(await names('e_t'), ['100% Sure_Thing']);
    assert.deepEqual(await names('\\'), ['Back\\Slash Person']);
    assert.deepEqual(await names('k\\s'), ['Back\\Slash Person']);
    assert.deepEqual(await names("'; DROP TABLE users; --"), []);
  });
});
