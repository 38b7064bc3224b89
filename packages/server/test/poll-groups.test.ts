import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { PollList } from '@plaza/contract';
import { backend, readError, readPoll, seededApi } from './helpers.ts';

describe(`polls in groups (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  let privatePollId: string;
  before(async () => {
    api = await seededApi();
    // u-lena is an admin of the private emergency-vet community; u-priya a member; u-sam only asked to join.
    const poll = await api.createPoll(
      { question: 'Which triage scale do we adopt?', options: ['VTL', 'Manchester'], groupId: 'grp-emergency-vets' },
      'u-lena',
    );
    privatePollId = poll.id;
    assert.equal(poll.groupId, 'grp-emergency-vets');
  });
  after(() => api.close());

  it('shows a private group’s poll to its members only; to everyone else it does not exist (404)', async () => {
    assert.equal((await api.get(`/v1/polls/${privatePollId}`, { as: 'u-priya' })).status, 200);
    for (const as of ['u-sam', 'u-alex', undefined]) {
      const response = await api.get(`/v1/polls/${privatePollId}`, as ? { as } : {});
      assert.equal(response.status, 404, `viewer ${as ?? 'signed out'}`);
      assert.equal((await readError(response)).code, 'not_found');
    }
  });

  it('leaves a private group’s poll out of batch reads for outsiders', async () => {
    const read = async (as?: string) =>
      z
        .parse(PollList, await (await api.get(`/v1/polls?ids=poll-townhall,${privatePollId}`, as ? { as } : {})).json())
        .items.map((poll) => poll.id);
    assert.deepEqual(await read('u-priya'), ['poll-townhall', privatePollId]);
    assert.deepEqual(await read('u-sam'), ['poll-townhall']);
    assert.deepEqual(await read(), ['poll-townhall']);
  });

  it('refuses votes and closing from outsiders with 404, and counts nothing', async () => {
    const vote = await api.vote(privatePollId, [`${privatePollId}-1`], 'u-sam');
    assert.equal(vote.status, 404);
    const close = await api.request('POST', `/v1/polls/${privatePollId}/close`, { as: 'u-alex' });
    assert.equal(close.status, 404);
    const poll = await readPoll(await api.get(`/v1/polls/${privatePollId}`, { as: 'u-priya' }));
    assert.equal(poll.totalVoters, 0);
    assert.equal(poll.closed, false);
  });

  it('lets only members post a poll in a group: 404 for a private one, 403 for a public one', async () => {
    const input = { question: 'Coffee?', options: ['Yes', 'No'] };
    const hidden = await api.request('POST', '/v1/polls', {
      as: 'u-sam',
      body: { ...input, groupId: 'grp-emergency-vets' },
    });
    assert.equal(hidden.status, 404);
    const open = await api.request('POST', '/v1/polls', {
      as: 'u-sam',
      body: { ...input, groupId: 'grp-solar-service' },
    });
    assert.equal(open.status, 403);
    assert.equal((await readError(open)).code, 'forbidden');
    const missing = await api.request('POST', '/v1/polls', { as: 'u-sam', body: { ...input, groupId: 'grp-nope' } });
    assert.equal(missing.status, 404);
  });

  it('records a poll.updated event with the poll’s group for every vote, retraction and close, on commit only', async () => {
    const count = async () =>
      (
        await api.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM events WHERE type = 'poll.updated' AND entity_id = $1 AND group_id = 'grp-emergency-vets'`,
          [privatePollId],
        )
      ).rows[0]!.n;
    const before = await count();
    assert.equal((await api.vote(privatePollId, [`${privatePollId}-2`], 'u-priya')).status, 200);
    assert.equal((await api.request('DELETE', `/v1/polls/${privatePollId}/vote`, { as: 'u-priya' })).status, 200);
    // A refused vote (unknown option) rolls back and records nothing.
    assert.equal((await api.vote(privatePollId, ['nope'], 'u-priya')).status, 400);
    assert.equal((await api.request('POST', `/v1/polls/${privatePollId}/close`, { as: 'u-lena' })).status, 200);
    assert.equal((await count()) - before, 3);
  });
});
