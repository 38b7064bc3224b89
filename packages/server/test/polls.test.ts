import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { PollList } from '@plaza/contract';
import { backend, DAY, readError, readPoll, seededApi, votesOf } from './helpers.ts';

describe(`polls (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const lunchPoll = (extra = {}) => ({ question: 'Lunch on Friday?', options: ['Pizza', 'Salad', 'Curry'], ...extra });

  describe('reading', () => {
    it('returns a seeded poll to a signed-out reader', async () => {
      const response = await api.get('/v1/polls/poll-townhall');
      assert.equal(response.status, 200);
      const poll = await readPoll(response);
      assert.equal(poll.createdBy.id, 'u-alex');
      assert.equal(poll.totalVoters, 3);
      assert.deepEqual(poll.myVote, []);
      assert.equal(poll.canVote, false);
      assert.equal(poll.canClose, false);
      assert.equal(poll.closed, false);
    });

    it('answers 404 not_found for an unknown poll id', async () => {
      const response = await api.get('/v1/polls/poll-nope');
      assert.equal(response.status, 404);
      assert.equal((await readError(response)).code, 'not_found');
    });

    it('batch-reads in the order asked, leaving out unknown and repeated ids', async () => {
      const response = await api.get('/v1/polls?ids=poll-retro,poll-nope,poll-townhall,poll-retro', { as: 'u-lena' });
      assert.equal(response.status, 200);
      const { items } = z.parse(PollList, await response.json());
      assert.deepEqual(
        items.map((poll) => poll.id),
        ['poll-retro', 'poll-townhall'],
      );
      assert.deepEqual(items[1]!.myVote, ['townhall-qa']);
    });

    it('answers the rest of a batch when one id cannot be an id (a mistyped poll-id on a page of polls)', async () => {
      const response = await api.get(`/v1/polls?ids=poll-townhall,${'x'.repeat(101)}`);
      assert.equal(response.status, 200);
      const { items } = z.parse(PollList, await response.json());
      assert.deepEqual(
        items.map((poll) => poll.id),
        ['poll-townhall'],
      );
      assert.equal((await api.get(`/v1/polls/${'x'.repeat(101)}`)).status, 404);
    });

    it('refuses an empty batch and one over 100 ids', async () => {
      for (const query of ['', '?ids=', '?ids=,,']) {
        const response = await api.get(`/v1/polls${query}`);
        assert.equal(response.status, 400, query);
        assert.deepEqual(Object.keys((await readError(response)).fields ?? {}), ['ids']);
      }
      const ids = Array.from({ length: 101 }, (_, index) => `p${index}`).join(',');
      const response = await api.get(`/v1/polls?ids=${ids}`);
      assert.equal(response.status, 400);
      assert.equal((await readError(response)).code, 'validation_failed');
      const exactly100 = await api.get(`/v1/polls?ids=${Array.from({ length: 100 }, (_, i) => `p${i}`).join(',')}`);
      assert.equal(exactly100.status, 200);
    });
  });

  describe('creating', () => {
    it('creates a poll (201, Location) owned by the viewer, trimmed and with defaults', async () => {
      const response = await api.request('POST', '/v1/polls', {
        as: 'u-lena',
        body: { question: '  Kaffee oder Tee?  ', options: [' Kaffee', 'Tee '] },
      });
      assert.equal(response.status, 201);
      const poll = await readPoll(response);
      assert.equal(response.headers.get('Location'), `/v1/polls/${poll.id}`);
      assert.equal(poll.question, 'Kaffee oder Tee?');
      assert.deepEqual(
        poll.options.map((option) => [option.label, option.votes]),
        [
          ['Kaffee', 0],
          ['Tee', 0],
        ],
      );
      assert.equal(poll.multiple, false);
      assert.equal(poll.maxChoices, 1);
      assert.equal(poll.resultsVisibility, 'always');
      assert.equal(poll.anonymous, false);
      assert.equal(poll.createdBy.id, 'u-lena');
      assert.equal(poll.createdAt, api.clock.current.toISOString());
      assert.equal(poll.canVote, true);
      assert.equal(poll.canClose, true);
      const again = await readPoll(await api.get(`/v1/polls/${poll.id}`));
      assert.deepEqual(again.options, poll.options);
    });

    it('defaults maxChoices of a multiple-choice poll to the number of options', async () => {
      const poll = await api.createPoll(lunchPoll({ multiple: true }));
      assert.equal(poll.maxChoices, 3);
      const limited = await api.createPoll(lunchPoll({ multiple: true, maxChoices: 2 }));
      assert.equal(limited.maxChoices, 2);
    });

    it('keeps a closing time and an anonymous, after-close setup', async () => {
      const closesAt = new Date(api.clock.current.getTime() + 3 * DAY).toISOString();
      const poll = await api.createPoll(lunchPoll({ closesAt, anonymous: true, resultsVisibility: 'after-close' }));
      assert.equal(poll.closesAt, closesAt);
      assert.equal(poll.anonymous, true);
      assert.equal(poll.resultsHiddenReason, 'after-close');
    });

    it('needs a signed-in user', async () => {
      const response = await api.request('POST', '/v1/polls', { body: lunchPoll() });
      assert.equal(response.status, 401);
      assert.equal((await readError(response)).code, 'unauthenticated');
    });

    it('refuses an over-long question, naming the field', async () => {
      const response = await api.request('POST', '/v1/polls', {
        as: 'u-alex',
        body: { question: 'x'.repeat(301), options: ['a', 'b'] },
      });
      assert.equal(response.status, 400);
      const error = await readError(response);
      assert.equal(error.code, 'validation_failed');
      assert.deepEqual(Object.keys(error.fields ?? {}), ['question']);
      assert.match(error.fields!.question![0]!, /300/);
    });

    it('maps invalid options to their index paths', async () => {
      const response = await api.request('POST', '/v1/polls', {
        as: 'u-alex',
        body: { question: 'Q?', options: ['ok', '   ', 'y'.repeat(201)] },
      });
      assert.equal(response.status, 400);
      const { fields } = await readError(response);
      assert.deepEqual(Object.keys(fields ?? {}).sort(), ['options.1', 'options.2']);
    });

    it('refuses a question or an option with nothing visible in it, and options that only look different', async () => {
      const cases: [unknown, string, RegExp][] = [
        [{ question: '\u200b', options: ['a', 'b'] }, 'question', /visible/],
        [{ question: 'Q?', options: ['a', '\u200b\u00ad\ufeff'] }, 'options.1', /visible/],
        [{ question: 'Q?', options: ['a', '\u3164'] }, 'options.1', /visible/],
        [{ question: 'Q?', options: ['Yes', 'Ye\u200bs'] }, 'options.1', /Same as option 1/],
        [{ question: 'Q?', options: ['Yes', '\uff39\uff45\uff53'] }, 'options.1', /Same as option 1/],
      ];
      for (const [body, field, message] of cases) {
        const response = await api.request('POST', '/v1/polls', { as: 'u-alex', body });
        assert.equal(response.status, 400, JSON.stringify(body));
        const { fields } = await readError(response);
        assert.deepEqual(Object.keys(fields ?? {}), [field], JSON.stringify(body));
        assert.match(fields![field]![0]!, message);
      }
      // A label with a visible character among the invisible ones is a label.
      const fine = await api.request('POST', '/v1/polls', {
        as: 'u-alex',
        body: { question: 'Q?', options: ['a', '\u200bb'] },
      });
      assert.equal(fine.status, 201);
    });

    it('refuses too few options, duplicate options and unknown visibility', async () => {
      const cases: [unknown, string][] = [
        [{ question: 'Q?', options: ['only one'] }, 'options'],
        [{ question: 'Q?', options: ['Same', 'same'] }, 'options.1'],
        [{ question: 'Q?', options: ['a', 'b'], resultsVisibility: 'never' }, 'resultsVisibility'],
        [{ question: 'Q?', options: ['a', 'b'], closesAt: 'tomorrow' }, 'closesAt'],
        [{ options: ['a', 'b'] }, 'question'],
      ];
      for (const [body, field] of cases) {
        const response = await api.request('POST', '/v1/polls', { as: 'u-alex', body });
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.ok((await readError(response)).fields?.[field], `${field} in ${JSON.stringify(body)}`);
      }
    });

    it('takes maxChoices only with multiple choice, and at most one per option', async () => {
      const single = await api.request('POST', '/v1/polls', { as: 'u-alex', body: lunchPoll({ maxChoices: 2 }) });
      assert.equal(single.status, 400);
      assert.ok((await readError(single)).fields?.maxChoices);
      const tooMany = await api.request('POST', '/v1/polls', {
        as: 'u-alex',
        body: lunchPoll({ multiple: true, maxChoices: 4 }),
      });
      assert.equal(tooMany.status, 400);
      assert.ok((await readError(tooMany)).fields?.maxChoices);
    });

    it('refuses a closing time in the past', async () => {
      const response = await api.request('POST', '/v1/polls', {
        as: 'u-alex',
        body: lunchPoll({ closesAt: new Date(api.clock.current.getTime() - 1000).toISOString() }),
      });
      assert.equal(response.status, 400);
      assert.ok((await readError(response)).fields?.closesAt);
    });
  });

  describe('voting', () => {
    it('casts, changes and retracts a vote, returning the poll each time', async () => {
      const poll = await api.createPoll(lunchPoll());
      const [pizza, salad] = poll.options.map((option) => option.id);

      const cast = await api.vote(poll.id, [pizza!], 'u-jonas');
      assert.equal(cast.status, 200);
      const afterCast = await readPoll(cast);
      assert.deepEqual(afterCast.myVote, [pizza]);
      assert.deepEqual(votesOf(afterCast), { Pizza: 1, Salad: 0, Curry: 0 });

      const changed = await readPoll(await api.vote(poll.id, [salad!], 'u-jonas'));
      assert.deepEqual(changed.myVote, [salad]);
      assert.deepEqual(votesOf(changed), { Pizza: 0, Salad: 1, Curry: 0 });
      assert.equal(changed.totalVoters, 1);

      const retract = await api.request('DELETE', `/v1/polls/${poll.id}/vote`, { as: 'u-jonas' });
      assert.equal(retract.status, 200);
      const retracted = await readPoll(retract);
      assert.deepEqual(retracted.myVote, []);
      assert.equal(retracted.totalVoters, 0);

      const again = await api.request('DELETE', `/v1/polls/${poll.id}/vote`, { as: 'u-jonas' });
      assert.equal(again.status, 200, 'retracting without a vote changes nothing');
    });

    it('counts a multiple-choice ballot once and keeps display order', async () => {
      const poll = await api.createPoll(lunchPoll({ multiple: true, maxChoices: 2 }));
      const [pizza, , curry] = poll.options.map((option) => option.id);
      const voted = await readPoll(await api.vote(poll.id, [curry!, pizza!], 'u-sam'));
      assert.deepEqual(voted.myVote, [pizza, curry]);
      assert.equal(voted.totalVoters, 1);
      assert.deepEqual(votesOf(voted), { Pizza: 1, Salad: 0, Curry: 1 });
    });

    it('answers 404 for an unknown poll', async () => {
      const response = await api.vote('poll-nope', ['x'], 'u-sam');
      assert.equal(response.status, 404);
      assert.equal((await readError(response)).code, 'not_found');
      const retract = await api.request('DELETE', '/v1/polls/poll-nope/vote', { as: 'u-sam' });
      assert.equal(retract.status, 404);
    });

    it('answers 400 invalid_option for an option of another poll', async () => {
      const poll = await api.createPoll(lunchPoll());
      const response = await api.vote(poll.id, ['townhall-qa'], 'u-sam');
      assert.equal(response.status, 400);
      const error = await readError(response);
      assert.equal(error.code, 'invalid_option');
      assert.ok(error.fields?.optionIds);
    });

    it('answers 400 too_many_choices beyond maxChoices (and beyond 1 for single choice)', async () => {
      const multiple = await api.createPoll(lunchPoll({ multiple: true, maxChoices: 2 }));
      const response = await api.vote(
        multiple.id,
        multiple.options.map((option) => option.id),
        'u-sam',
      );
      assert.equal(response.status, 400);
      assert.equal((await readError(response)).code, 'too_many_choices');

      const single = await api.createPoll(lunchPoll());
      const two = await api.vote(single.id, [single.options[0]!.id, single.options[1]!.id], 'u-sam');
      assert.equal(two.status, 400);
      assert.equal((await readError(two)).code, 'too_many_choices');
    });

    it('refuses the same option twice and an empty ballot as validation_failed', async () => {
      const poll = await api.createPoll(lunchPoll({ multiple: true }));
      const twice = await api.vote(poll.id, [poll.options[0]!.id, poll.options[0]!.id], 'u-sam');
      assert.equal(twice.status, 400);
      assert.equal((await readError(twice)).code, 'validation_failed');
      // In a single-choice poll too: one option twice, not "at most 1".
      const single = await api.createPoll(lunchPoll());
      const twiceInSingle = await api.vote(single.id, [single.options[0]!.id, single.options[0]!.id], 'u-sam');
      assert.equal(twiceInSingle.status, 400);
      assert.deepEqual((await readError(twiceInSingle)).fields, { optionIds: ['Choose each option once'] });
      const empty = await api.vote(poll.id, [], 'u-sam');
      assert.equal(empty.status, 400);
      assert.ok((await readError(empty)).fields?.optionIds);
    });

    it('says once that optionIds must be a list when it is a string, however long', async () => {
      const poll = await api.createPoll(lunchPoll());
      for (const optionIds of ['pizza', 'x'.repeat(300)]) {
        const response = await api.request('PUT', `/v1/polls/${poll.id}/vote`, { as: 'u-sam', body: { optionIds } });
        assert.equal(response.status, 400);
        assert.deepEqual((await readError(response)).fields, {
          optionIds: ['Invalid input: expected array, received string'],
        });
      }
    });

    it('needs a signed-in user', async () => {
      const response = await api.request('PUT', '/v1/polls/poll-townhall/vote', {
        body: { optionIds: ['townhall-qa'] },
      });
      assert.equal(response.status, 401);
    });

    it('answers 409 poll_closed on a closed poll and leaves the tally alone', async () => {
      const before = await readPoll(await api.get('/v1/polls/poll-retro'));
      const response = await api.vote('poll-retro', ['retro-never'], 'u-alex');
      assert.equal(response.status, 409);
      assert.equal((await readError(response)).code, 'poll_closed');
      const retract = await api.request('DELETE', '/v1/polls/poll-retro/vote', { as: 'u-alex' });
      assert.equal(retract.status, 409);
      const afterwards = await readPoll(await api.get('/v1/polls/poll-retro'));
      assert.deepEqual(afterwards.options, before.options);
      assert.equal(afterwards.totalVoters, before.totalVoters);
    });

    it('closes a poll at its closing time', async () => {
      const closesAt = new Date(api.clock.current.getTime() + DAY).toISOString();
      const poll = await api.createPoll(lunchPoll({ closesAt }));
      assert.equal((await api.vote(poll.id, [poll.options[0]!.id], 'u-sam')).status, 200);
      api.clock.advance(DAY);
      try {
        const read = await readPoll(await api.get(`/v1/polls/${poll.id}`, { as: 'u-sam' }));
        assert.equal(read.closed, true);
        assert.equal(read.closedAt, null);
        assert.equal(read.canVote, false);
        const late = await api.vote(poll.id, [poll.options[1]!.id], 'u-sam');
        assert.equal(late.status, 409);
      } finally {
        api.clock.advance(-DAY);
      }
    });
  });

  describe('closing', () => {
    it('lets the creator close their poll', async () => {
      const poll = await api.createPoll(lunchPoll(), 'u-priya');
      const response = await api.request('POST', `/v1/polls/${poll.id}/close`, { as: 'u-priya' });
      assert.equal(response.status, 200);
      const closed = await readPoll(response);
      assert.equal(closed.closed, true);
      assert.equal(closed.closedAt, api.clock.current.toISOString());
      assert.equal(closed.canClose, false);
      assert.equal(closed.canVote, false);
      const again = await api.request('POST', `/v1/polls/${poll.id}/close`, { as: 'u-priya' });
      assert.equal(again.status, 200, 'closing twice changes nothing');
      assert.equal((await readPoll(again)).closedAt, closed.closedAt);
    });

    it('lets a manager close anyone’s poll', async () => {
      const poll = await api.createPoll(lunchPoll(), 'u-priya');
      assert.equal((await readPoll(await api.get(`/v1/polls/${poll.id}`, { as: 'u-alex' }))).canClose, true);
      const response = await api.request('POST', `/v1/polls/${poll.id}/close`, { as: 'u-alex' });
      assert.equal(response.status, 200);
      assert.equal((await readPoll(response)).closed, true);
    });

    it('answers 403 forbidden to another member, 404 for an unknown poll, 401 signed out', async () => {
      const poll = await api.createPoll(lunchPoll(), 'u-priya');
      assert.equal((await readPoll(await api.get(`/v1/polls/${poll.id}`, { as: 'u-sam' }))).canClose, false);
      const response = await api.request('POST', `/v1/polls/${poll.id}/close`, { as: 'u-sam' });
      assert.equal(response.status, 403);
      assert.equal((await readError(response)).code, 'forbidden');
      assert.equal((await readPoll(await api.get(`/v1/polls/${poll.id}`))).closed, false);
      assert.equal((await api.request('POST', '/v1/polls/poll-nope/close', { as: 'u-alex' })).status, 404);
      assert.equal((await api.request('POST', `/v1/polls/${poll.id}/close`)).status, 401);
    });
  });

  describe('me', () => {
    it('returns the signed-in user, or 401', async () => {
      const response = await api.get('/v1/me', { as: 'u-lena' });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), {
        id: 'u-lena',
        name: 'Dr. Lena Vogt',
        avatarUrl: null,
        title: 'Veterinärin, Notfallmedizin',
        role: 'member',
        locale: 'de',
      });
      const signedOut = await api.get('/v1/me');
      assert.equal(signedOut.status, 401);
      assert.equal((await readError(signedOut)).code, 'unauthenticated');
      assert.equal((await api.get('/v1/me', { as: 'u-nobody' })).status, 401, 'an unknown user id is signed out');
    });
  });
});
