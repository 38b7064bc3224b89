import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Poll, ResultsHiddenReason, ResultsVisibility } from '@plaza/contract';
import { backend, createUsers, readPoll, seededApi, testApi } from './helpers.ts';

/** Who looks at a poll in which u-lena voted for the first option and u-sam did not vote. */
const VIEWERS = [
  { name: 'a voter', as: 'u-lena', voted: true },
  { name: 'a member who did not vote', as: 'u-sam', voted: false },
  { name: 'a signed-out reader', as: undefined, voted: false },
] as const;

/** Named polls: what each visibility shows, by whether the viewer voted and whether the poll is closed. */
const EXPECTED: Record<
  ResultsVisibility,
  { open: [ResultsHiddenReason | null, ResultsHiddenReason | null]; closed: ResultsHiddenReason | null }
> = {
  //             open: [voted, not voted]
  always: { open: [null, null], closed: null },
  'after-vote': { open: [null, 'after-vote'], closed: null },
  'after-close': { open: ['after-close', 'after-close'], closed: null },
};

describe(`poll view rules (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const view = async (id: string, as?: string) => readPoll(await api.get(`/v1/polls/${id}`, as ? { as } : {}));

  function assertHidden(poll: Poll, reason: ResultsHiddenReason, context: string) {
    assert.equal(poll.resultsVisible, false, context);
    assert.equal(poll.resultsHiddenReason, reason, context);
    assert.ok(
      poll.options.every((option) => option.votes === null && option.voters === null),
      `${context}: no counts, no voters`,
    );
  }

  for (const visibility of ['always', 'after-vote', 'after-close'] as const) {
    it(`named poll, results ${visibility}: each viewer, open and closed`, async () => {
      const poll = await api.createPoll({
        question: `Named ${visibility}?`,
        options: ['Yes', 'No'],
        resultsVisibility: visibility,
      });
      const yes = poll.options[0]!.id;
      assert.equal((await api.vote(poll.id, [yes], 'u-lena')).status, 200);

      for (const state of ['open', 'closed'] as const) {
        if (state === 'closed')
          assert.equal((await api.request('POST', `/v1/polls/${poll.id}/close`, { as: 'u-alex' })).status, 200);
        for (const viewer of VIEWERS) {
          const context = `${visibility}, ${state}, ${viewer.name}`;
          const seen = await view(poll.id, viewer.as);
          const expected =
            state === 'closed' ? EXPECTED[visibility].closed : EXPECTED[visibility].open[viewer.voted ? 0 : 1];
          assert.equal(seen.totalVoters, 1, `${context}: totalVoters is always given`);
          assert.deepEqual(seen.myVote, viewer.voted ? [yes] : [], context);
          assert.equal(seen.closed, state === 'closed', context);
          assert.equal(seen.canVote, viewer.as !== undefined && state === 'open', `${context}: canVote`);
          if (expected) {
            assertHidden(seen, expected, context);
          } else {
            assert.equal(seen.resultsVisible, true, context);
            assert.equal(seen.resultsHiddenReason, null, context);
            assert.deepEqual(
              seen.options.map((option) => [option.votes, option.voters?.map((voter) => voter.id)]),
              [
                [1, ['u-lena']],
                [0, []],
              ],
              `${context}: counts and named voters`,
            );
          }
        }
      }
    });
  }

  it('anonymous polls hide the breakdown from everybody below the minimum group size, even when closed', async () => {
    const poll = await api.createPoll({ question: 'Anonymous?', options: ['Yes', 'No'], anonymous: true }, 'u-priya');
    const [yes, no] = poll.options.map((option) => option.id);
    for (const [user, choice] of [
      ['u-priya', yes],
      ['u-lena', no],
      ['u-sam', yes],
    ] as const) {
      assert.equal((await api.vote(poll.id, [choice!], user)).status, 200);
    }
    for (const as of ['u-priya', 'u-lena', 'u-alex', undefined]) {
      const seen = await view(poll.id, as);
      assertHidden(seen, 'min-group-size', `viewer ${as ?? 'signed out'}`);
      assert.equal(seen.totalVoters, 3);
      assert.equal(seen.minGroupSize, 5);
    }
    assert.deepEqual((await view(poll.id, 'u-lena')).myVote, [no], 'a voter still sees their own ballot');

    await api.request('POST', `/v1/polls/${poll.id}/close`, { as: 'u-priya' });
    assertHidden(await view(poll.id, 'u-priya'), 'min-group-size', 'closed');
  });

  it('anonymous polls show counts but never voters from the minimum group size on', async () => {
    const poll = await api.createPoll({ question: 'Five voters?', options: ['Yes', 'No'], anonymous: true });
    const voters = await createUsers(api.db, 5, 'u-anon');
    for (const [index, user] of voters.entries()) {
      assert.equal((await api.vote(poll.id, [poll.options[index % 2]!.id], user)).status, 200);
      const seen = await view(poll.id, user);
      assert.equal(seen.resultsVisible, index === 4, `after ${index + 1} votes`);
    }
    const seen = await view(poll.id);
    assert.deepEqual(
      seen.options.map((option) => [option.votes, option.voters]),
      [
        [3, null],
        [2, null],
      ],
    );
  });

  it('an unmet visibility rule is named before the group-size rule', async () => {
    const poll = await api.createPoll({
      question: 'Anonymous after vote?',
      options: ['Yes', 'No'],
      anonymous: true,
      resultsVisibility: 'after-vote',
    });
    await api.vote(poll.id, [poll.options[0]!.id], 'u-lena');
    assertHidden(await view(poll.id, 'u-sam'), 'after-vote', 'not voted');
    assertHidden(await view(poll.id, 'u-lena'), 'min-group-size', 'voted');
  });

  it('takes the minimum group size from the app options', async () => {
    const smallGroups = testApi(api.db, { minGroupSize: 2 });
    const poll = await smallGroups.createPoll({ question: 'Two is enough?', options: ['Yes', 'No'], anonymous: true });
    await smallGroups.vote(poll.id, [poll.options[0]!.id], 'u-lena');
    const one = await readPoll(await smallGroups.get(`/v1/polls/${poll.id}`));
    assert.equal(one.minGroupSize, 2);
    assert.equal(one.resultsHiddenReason, 'min-group-size');
    await smallGroups.vote(poll.id, [poll.options[1]!.id], 'u-sam');
    const two = await readPoll(await smallGroups.get(`/v1/polls/${poll.id}`));
    assert.equal(two.resultsVisible, true);
    assert.deepEqual(
      two.options.map((option) => option.votes),
      [1, 1],
    );
  });

  it('reports maxChoices 1 for single choice and canClose only to creator and managers of open polls', async () => {
    const poll = await api.createPoll({ question: 'Who may close?', options: ['a', 'b'] }, 'u-jonas');
    assert.equal(poll.maxChoices, 1);
    const canClose = async (as?: string) => (await view(poll.id, as)).canClose;
    assert.deepEqual(
      [await canClose('u-jonas'), await canClose('u-alex'), await canClose('u-sam'), await canClose()],
      [true, true, false, false],
    );
    await api.request('POST', `/v1/polls/${poll.id}/close`, { as: 'u-jonas' });
    assert.deepEqual([await canClose('u-jonas'), await canClose('u-alex')], [false, false]);
  });

  it('shows the seeded polls as the demo expects', async () => {
    const triage = await view('poll-triage', 'u-lena');
    assert.equal(triage.resultsHiddenReason, 'min-group-size');
    assert.equal(triage.totalVoters, 3);
    const triageNotVoted = await view('poll-triage', 'u-alex');
    assert.equal(triageNotVoted.resultsHiddenReason, 'after-vote');

    const schulung = await view('poll-schulung', 'u-jonas');
    assert.equal(schulung.multiple, true);
    assert.equal(schulung.maxChoices, 2);
    assert.equal(schulung.question, 'Welcher Termin passt für die Wechselrichter-Schulung?');
    assert.deepEqual(schulung.myVote, ['schulung-di', 'schulung-do']);
    assert.equal(schulung.resultsVisible, true);
    assert.equal((await view('poll-schulung', 'u-lena')).resultsHiddenReason, 'after-vote');

    assert.equal((await view('poll-tools', 'u-alex')).resultsHiddenReason, 'after-close');

    const retro = await view('poll-retro');
    assert.equal(retro.closed, true);
    assert.equal(retro.resultsVisible, true);
    assert.equal(retro.totalVoters, 5);
    assert.ok(retro.options.some((option) => (option.voters?.length ?? 0) > 0));

    const townhall = await view('poll-townhall', 'u-alex');
    assert.equal(townhall.canVote, true);
    assert.equal(townhall.canClose, true);
    assert.equal(townhall.anonymous, false);
    assert.equal(townhall.resultsVisibility, 'always');
    assert.equal(new Date(townhall.closesAt!).getTime() - api.clock.current.getTime(), 5 * 24 * 60 * 60 * 1000);
  });
});
