import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { Catalog } from '@plaza/contract';
import { backend, seededApi } from './helpers.ts';

describe(`catalog (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const catalog = async (as?: string) => {
    const response = await api.get('/v1/catalog', as ? { as } : {});
    assert.equal(response.status, 200);
    return z.parse(Catalog, await response.json());
  };

  it('lists the seeded polls, every group by name and the expert topics, signed out too', async () => {
    const { polls, groups, topics } = await catalog();
    const ids = polls.map((poll) => poll.id);
    for (const id of ['poll-townhall', 'poll-retro', 'poll-tools', 'poll-schulung']) assert.ok(ids.includes(id), id);
    assert.equal(polls.find((poll) => poll.id === 'poll-retro')?.closed, true);
    assert.equal(polls.find((poll) => poll.id === 'poll-townhall')?.closed, false);
    assert.equal(
      polls.find((poll) => poll.id === 'poll-townhall')?.question,
      'What should the next all-hands town hall focus on?',
    );
    const groupIds = groups.map((group) => group.id);
    for (const id of ['grp-emergency-vets', 'grp-solar-service', 'grp-it-help', 'grp-leadership']) {
      assert.ok(groupIds.includes(id), id);
    }
    assert.equal(groups.find((group) => group.id === 'grp-leadership')?.visibility, 'private');
    const names = groups.map((group) => group.name.toLowerCase());
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b)),
      'groups come by name',
    );
    assert.ok(topics.includes('it-help'), 'it-help has experts');
    assert.deepEqual(topics, [...topics].sort());
  });

  it('a private group’s poll is listed for its members only, newest first', async () => {
    const created = await api.request('POST', '/v1/polls', {
      as: 'u-lena',
      body: {
        question: 'Night shift handover: which checklist?',
        options: ['Paper', 'Tablet'],
        groupId: 'grp-emergency-vets',
      },
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { id } = (await created.json()) as { id: string };
    const member = await catalog('u-lena');
    assert.equal(member.polls[0]?.id, id, 'the new poll comes first');
    assert.equal(member.polls[0]?.groupId, 'grp-emergency-vets');
    for (const outsider of [undefined, 'u-sam', 'u-alex']) {
      const { polls } = await catalog(outsider);
      assert.ok(!polls.some((poll) => poll.id === id), `hidden from ${outsider ?? 'signed out'}`);
    }
  });
});
