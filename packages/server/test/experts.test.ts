import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { ExpertList, QuestionWithAnswers } from '@plaza/contract';
import { backend, DAY, readError, seededApi } from './helpers.ts';

describe(`experts (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const experts = async (query: string, as?: string) => {
    const response = await api.get(`/v1/experts${query}`, as ? { as } : {});
    assert.equal(response.status, 200);
    return z.parse(ExpertList, await response.json()).items;
  };

  /** Who got an expert-question notification for this question. */
  const notified = async (questionId: string) =>
    (
      await api.db.query<{ user_id: string }>(
        `SELECT user_id FROM notifications WHERE kind = 'expert-question' AND entity_id = $1 ORDER BY user_id`,
        [questionId],
      )
    ).rows.map((row) => row.user_id);

  const ask = async (body: Record<string, unknown>, as: string) => {
    const response = await api.request('POST', '/v1/questions', { as, body });
    assert.equal(response.status, 201, await response.clone().text());
    return z.parse(QuestionWithAnswers, await response.json());
  };

  it('lists a topic’s experts with skills, availability and answer counts, available ones first', async () => {
    const list = await experts('?topic=it-help');
    assert.deepEqual(
      list.map((expert) => [expert.user.id, expert.availability]),
      [
        ['u-alex', 'available'],
        ['u-sam', 'away'],
      ],
    );
    const [alex, sam] = list;
    assert.deepEqual(alex?.skills, ['VPN', 'Laptops', 'Microsoft 365', 'Security']);
    assert.equal(alex?.awayUntil, null);
    assert.equal(alex?.answerCount, 1);
    assert.equal(alex?.acceptedCount, 1);
    assert.equal(sam?.awayUntil, new Date(api.clock.current.getTime() + 5 * DAY).toISOString());
    assert.equal(sam?.answerCount, 2);
    assert.equal(sam?.acceptedCount, 0);
    const solar = await experts('?topic=solar');
    assert.deepEqual(
      solar.map((expert) => [expert.user.id, expert.answerCount, expert.acceptedCount]),
      [['u-jonas', 2, 1]],
    );
    const everyone = await experts('');
    assert.deepEqual([...new Set(everyone.map((expert) => expert.topic))].sort(), [
      'emergency-vet',
      'it-help',
      'solar',
    ]);
    assert.deepEqual(await experts('?topic=knitting'), []);
  });

  it('counts only answers the viewer may see: private-group answers count for members only', async () => {
    const lenaFor = async (as?: string) =>
      (await experts('?topic=emergency-vet', as)).find((e) => e.user.id === 'u-lena');
    assert.equal((await lenaFor('u-priya'))?.answerCount, 1);
    assert.equal((await lenaFor('u-sam'))?.answerCount, 0);
    assert.equal((await lenaFor('u-alex'))?.answerCount, 0);
    assert.equal((await lenaFor())?.answerCount, 0);
  });

  it('refuses a malformed topic with 400', async () => {
    for (const topic of ['IT%20Help', '%00', 'x'.repeat(51), '-leading']) {
      const response = await api.get(`/v1/experts?topic=${topic}`);
      assert.equal(response.status, 400, topic);
      assert.equal((await readError(response)).code, 'validation_failed');
    }
  });

  it('notifies the topic’s available experts of a new question, not the away ones', async () => {
    const question = await ask({ title: 'Outlook keeps asking for my password', topic: 'it-help' }, 'u-priya');
    assert.deepEqual(await notified(question.id), ['u-alex'], 'u-sam is away');
  });

  it('notifies an expert again once their away time is over', async () => {
    api.clock.advance(6 * DAY);
    const back = (await experts('?topic=it-help')).find((expert) => expert.user.id === 'u-sam');
    assert.equal(back?.availability, 'available');
    assert.equal(back?.awayUntil, null);
    const question = await ask({ title: 'The badge reader at door B beeps red', topic: 'it-help' }, 'u-priya');
    assert.deepEqual(await notified(question.id), ['u-alex', 'u-sam']);
  });

  it('never notifies the asker, even an expert asking anonymously in their own topic', async () => {
    const question = await ask(
      { title: 'Is our VPN logging visited sites?', topic: 'it-help', anonymous: true },
      'u-alex',
    );
    assert.deepEqual(await notified(question.id), ['u-sam']);
    const { rows } = await api.db.query<{ actor_id: string | null }>(
      'SELECT actor_id FROM notifications WHERE entity_id = $1',
      [question.id],
    );
    assert.deepEqual(rows, [{ actor_id: null }], 'an anonymous asker is no actor');
  });

  it('notifies experts of a private group’s question only when they are members', async () => {
    await api.db.query(`INSERT INTO experts (user_id, topic, skills) VALUES ('u-jonas', 'emergency-vet', '{}')`);
    const question = await ask(
      { title: 'Ketamine dosing for a 2 kg cat?', topic: 'emergency-vet', groupId: 'grp-emergency-vets' },
      'u-priya',
    );
    assert.deepEqual(await notified(question.id), ['u-lena']);
  });
});
