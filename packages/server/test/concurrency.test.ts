import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backend, createUsers, readPoll, seededApi } from './helpers.ts';

describe(`concurrent writes (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  it('200 concurrent votes from 200 people give the exact tally', async () => {
    const voters = await createUsers(api.db, 200, 'u-crowd');
    const poll = await api.createPoll({
      question: 'Where should the summer party be?',
      options: ['Lake', 'Roof', 'Park'],
    });
    const responses = await Promise.all(
      voters.map((voter, index) => api.vote(poll.id, [poll.options[index % 3]!.id], voter)),
    );
    assert.deepEqual([...new Set(responses.map((response) => response.status))], [200]);
    const tally = await readPoll(await api.get(`/v1/polls/${poll.id}`));
    assert.equal(tally.totalVoters, 200);
    assert.deepEqual(
      tally.options.map((option) => option.votes),
      [67, 67, 66],
    );
    assert.equal(tally.options[0]!.voters!.length, 67);
  });

  it('200 people changing their votes at once still count once each', async () => {
    const voters = await createUsers(api.db, 200, 'u-switch');
    const poll = await api.createPoll({ question: 'Tea or coffee?', options: ['Tea', 'Coffee'] });
    const [tea, coffee] = poll.options.map((option) => option.id);
    await Promise.all(voters.map((voter) => api.vote(poll.id, [tea!], voter)));
    // Half switch to coffee while the other half send their tea vote again.
    await Promise.all(voters.map((voter, index) => api.vote(poll.id, [index % 2 === 0 ? coffee! : tea!], voter)));
    const tally = await readPoll(await api.get(`/v1/polls/${poll.id}`));
    assert.equal(tally.totalVoters, 200);
    assert.deepEqual(
      tally.options.map((option) => option.votes),
      [100, 100],
    );
  });

  it('a poll closed amid votes keeps exactly the votes that were accepted', async () => {
    const voters = await createUsers(api.db, 60, 'u-race');
    const poll = await api.createPoll({ question: 'Closed in a hurry?', options: ['Yes', 'No'] });
    const votes = voters.map((voter) => api.vote(poll.id, [poll.options[0]!.id], voter));
    const close = api.request('POST', `/v1/polls/${poll.id}/close`, { as: 'u-alex' });
    const [closeResponse, ...voteResponses] = await Promise.all([close, ...votes]);
    assert.equal(closeResponse!.status, 200);
    const statuses = voteResponses.map((response) => response.status);
    assert.ok(
      statuses.every((status) => status === 200 || status === 409),
      String(statuses),
    );
    const accepted = statuses.filter((status) => status === 200).length;
    const tally = await readPoll(await api.get(`/v1/polls/${poll.id}`));
    assert.equal(tally.closed, true);
    assert.equal(tally.totalVoters, accepted);
  });
});
