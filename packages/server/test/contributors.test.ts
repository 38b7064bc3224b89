import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { GroupContributors } from '@plaza/contract';
import { backend, seededApi } from './helpers.ts';
import { createPost } from './posts-fixtures.ts';

describe(`group top contributors (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const read = async (groupId: string, as?: string) => {
    const response = await api.get(`/v1/groups/${groupId}/contributors`, as ? { as } : {});
    return {
      status: response.status,
      body: response.status === 200 ? z.parse(GroupContributors, await response.json()) : null,
    };
  };
  const ask = async (as: string) => {
    const response = await api.request('POST', '/v1/questions', {
      as,
      body: { title: `VPN drops every hour (${as})`, body: 'Since Monday.', topic: 'it-help', groupId: 'grp-it-help' },
    });
    assert.equal(response.status, 201, await response.clone().text());
    return ((await response.json()) as { id: string }).id;
  };
  const answer = async (questionId: string, as: string) => {
    const response = await api.request('POST', `/v1/questions/${questionId}/answers`, {
      as,
      body: { body: 'Update the client.' },
    });
    assert.equal(response.status, 201, await response.clone().text());
    return ((await response.json()) as { id: string }).id;
  };

  it('ranks this month’s posts, answers and accepted answers (x2) in the group, at most three people', async () => {
    // Last month: does not count.
    api.clock.current = new Date('2026-05-31T23:59:00.000Z');
    await createPost(api, 'u-priya', { body: 'An old post', groupId: 'grp-it-help' });
    api.clock.current = new Date('2026-06-15T09:00:00.000Z');
    for (let i = 0; i < 3; i++) await createPost(api, 'u-sam', { body: `Tip ${i}`, groupId: 'grp-it-help' });
    const hidden = await createPost(api, 'u-sam', { body: 'Off topic', groupId: 'grp-it-help' });
    assert.equal((await api.request('POST', `/v1/posts/${hidden.id}/hide`, { as: 'u-alex' })).status, 200);
    const question = await ask('u-priya');
    const accepted = await answer(question, 'u-alex');
    await answer(question, 'u-sam');
    const accept = await api.request('POST', `/v1/questions/${question}/accept`, {
      as: 'u-priya',
      body: { answerId: accepted },
    });
    assert.equal(accept.status, 200, await accept.clone().text());
    // Elsewhere: does not count for this group.
    await createPost(api, 'u-alex', { body: 'Company-wide news' });

    const group = await api.get('/v1/groups/grp-it-help');
    const embedded = ((await group.json()) as { topContributors: { user: { id: string } }[] }).topContributors;
    assert.deepEqual(
      embedded.map((item) => item.user.id),
      ['u-sam', 'u-alex'],
      'the group carries them, so a card needs no second request',
    );
    const { status, body } = await read('grp-it-help');
    assert.equal(status, 200);
    assert.equal(body!.since, '2026-06-01T00:00:00.000Z');
    assert.deepEqual(
      body!.items.map((item) => [item.user.id, item.posts, item.answers, item.acceptedAnswers]),
      [
        ['u-sam', 3, 1, 0],
        ['u-alex', 0, 1, 1],
      ],
    );
  });

  it('shows nobody for a quiet group, and 404 to outsiders of a private group', async () => {
    assert.deepEqual((await read('grp-leadership', 'u-alex')).body!.items, []);
    assert.equal((await read('grp-emergency-vets', 'u-priya')).status, 200);
    assert.equal((await read('grp-emergency-vets', 'u-sam')).status, 404);
    const outsider = await api.get('/v1/groups/grp-emergency-vets', { as: 'u-sam' });
    assert.equal(((await outsider.json()) as { topContributors: unknown }).topContributors, null);
    assert.equal((await read('grp-emergency-vets')).status, 404);
    assert.equal((await read('grp-nope')).status, 404);
  });
});
