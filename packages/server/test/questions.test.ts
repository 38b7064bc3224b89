import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { Answer, AnswerList, QuestionPage, QuestionWithAnswers, type CreateQuestionRequest } from '@plaza/contract';
import { backend, HOUR, openTestDb, readError, seededApi, testApi } from './helpers.ts';
import { seed } from '../src/index.ts';

type Api = Awaited<ReturnType<typeof seededApi>>;

const readQuestion = async (response: Response) => z.parse(QuestionWithAnswers, await response.json());
const readAnswer = async (response: Response) => z.parse(Answer, await response.json());
const readPage = async (response: Response) => z.parse(QuestionPage, await response.json());

async function ask(api: Api, input: CreateQuestionRequest, as: string) {
  const response = await api.request('POST', '/v1/questions', { as, body: input });
  assert.equal(response.status, 201, await response.clone().text());
  return readQuestion(response);
}

async function answer(api: Api, questionId: string, body: string, as: string) {
  const response = await api.request('POST', `/v1/questions/${questionId}/answers`, { as, body: { body } });
  assert.equal(response.status, 201, await response.clone().text());
  return readAnswer(response);
}

const view = async (api: Api, id: string, as?: string) => {
  const response = await api.get(`/v1/questions/${id}`, as ? { as } : {});
  assert.equal(response.status, 200);
  return readQuestion(response);
};

describe(`questions (${backend})`, () => {
  let api: Api;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  it('asks a named question: everyone sees the asker, the response is the contract’s shape', async () => {
    const question = await ask(
      api,
      { title: '  How do I share my screen in Teams?  ', body: 'The button is greyed out.', topic: 'it-help' },
      'u-priya',
    );
    assert.equal(question.title, 'How do I share my screen in Teams?');
    assert.equal(question.author?.id, 'u-priya');
    assert.equal(question.askedByMe, true);
    assert.equal(question.status, 'unanswered');
    assert.equal(question.escalated, false);
    assert.deepEqual(question.answers, []);
    const asPeer = await view(api, question.id, 'u-jonas');
    assert.equal(asPeer.author?.name, 'Priya Shah');
    assert.equal(asPeer.askedByMe, false);
    assert.equal(asPeer.canAccept, false);
    assert.equal(asPeer.canAnswer, true);
    const signedOut = await view(api, question.id);
    assert.equal(signedOut.canAnswer, false);
  });

  it('hides an anonymous asker from peers and the signed-out, but not from the asker or a company manager', async () => {
    const question = await ask(
      api,
      { title: 'Can my manager see my browsing history?', topic: 'it-help', anonymous: true },
      'u-priya',
    );
    assert.equal(question.anonymous, true);
    assert.equal(question.author?.id, 'u-priya', 'the asker sees themself');
    for (const peer of ['u-jonas', 'u-lena', undefined]) {
      const seen = await view(api, question.id, peer);
      assert.equal(seen.author, null, `viewer ${peer ?? 'signed out'}`);
      assert.equal(seen.askedByMe, false);
    }
    const asManager = await view(api, question.id, 'u-alex');
    assert.equal(asManager.author?.id, 'u-priya');
    // Lists and batch reads apply the same rule.
    const listed = (await readPage(await api.get('/v1/questions?topic=it-help', { as: 'u-jonas' }))).items.find(
      (item) => item.id === question.id,
    );
    assert.equal(listed?.author, null);
    const batch = await readPage(await api.get(`/v1/questions?ids=${question.id}`, { as: 'u-sam' }));
    assert.equal(batch.items[0]?.author, null);
    // The asker finds it under "mine".
    const mine = await readPage(await api.get('/v1/questions?filter=mine', { as: 'u-priya' }));
    assert.ok(mine.items.some((item) => item.id === question.id && item.askedByMe));
    const notMine = await readPage(await api.get('/v1/questions?filter=mine', { as: 'u-jonas' }));
    assert.ok(!notMine.items.some((item) => item.id === question.id));
  });

  it('answers, upvotes once per person, refuses upvoting one’s own answer, and takes a vote back', async () => {
    const question = await ask(api, { title: 'Where do I find the guest Wi-Fi password?', topic: 'it-help' }, 'u-lena');
    const reply = await answer(api, question.id, 'It is on the screen at reception, changed **weekly**.', 'u-sam');
    assert.equal(reply.author.id, 'u-sam');
    assert.equal(reply.votes, 0);
    assert.equal(reply.byExpert, true, 'u-sam is an IT-help expert');
    const peerReply = await answer(api, question.id, 'Ask at reception.', 'u-jonas');
    assert.equal(peerReply.byExpert, false);

    const seen = await view(api, question.id, 'u-lena');
    assert.equal(seen.status, 'answered');
    assert.equal(seen.answerCount, 2);

    const up = await api.request('PUT', `/v1/answers/${reply.id}/vote`, { as: 'u-priya' });
    assert.equal(up.status, 200);
    const voted = await readAnswer(up);
    assert.equal(voted.votes, 1);
    assert.equal(voted.votedByMe, true);
    const again = await readAnswer(await api.request('PUT', `/v1/answers/${reply.id}/vote`, { as: 'u-priya' }));
    assert.equal(again.votes, 1, 'one vote per person');
    await api.request('PUT', `/v1/answers/${reply.id}/vote`, { as: 'u-alex' });

    const own = await api.request('PUT', `/v1/answers/${reply.id}/vote`, { as: 'u-sam' });
    assert.equal(own.status, 403);
    assert.equal((await readError(own)).code, 'forbidden');

    const answers = z.parse(AnswerList, await (await api.get(`/v1/questions/${question.id}/answers`)).json()).items;
    assert.deepEqual(
      answers.map((item) => [item.id, item.votes]),
      [
        [reply.id, 2],
        [peerReply.id, 0],
      ],
      'most votes first',
    );

    const back = await readAnswer(await api.request('DELETE', `/v1/answers/${reply.id}/vote`, { as: 'u-priya' }));
    assert.equal(back.votes, 1);
    assert.equal(back.votedByMe, false);
    assert.equal((await api.request('PUT', '/v1/answers/a-nope/vote', { as: 'u-priya' })).status, 404);
    assert.equal((await api.request('PUT', `/v1/answers/${reply.id}/vote`)).status, 401);
  });

  it('lets the asker accept an answer, and accepting another one replaces it', async () => {
    const question = await ask(api, { title: 'How do I book a parking space?', topic: 'it-help' }, 'u-jonas');
    const first = await answer(api, question.id, 'Use the parking app.', 'u-priya');
    const second = await answer(api, question.id, 'In the room booking tool, under “Parking”.', 'u-lena');
    assert.equal(
      (await view(api, question.id, 'u-jonas')).answers.every((item) => item.canAccept),
      true,
    );

    const accept = (answerId: string, as: string) =>
      api.request('POST', `/v1/questions/${question.id}/accept`, { as, body: { answerId } });
    const accepted = await readQuestion(await accept(first.id, 'u-jonas'));
    assert.equal(accepted.status, 'accepted');
    assert.equal(accepted.acceptedAnswerId, first.id);
    assert.equal(accepted.answers[0]?.id, first.id, 'the accepted answer comes first');
    assert.equal(accepted.answers[0]?.accepted, true);
    assert.equal(accepted.answers[0]?.canAccept, false);

    const replaced = await readQuestion(await accept(second.id, 'u-jonas'));
    assert.equal(replaced.acceptedAnswerId, second.id);
    assert.deepEqual(
      replaced.answers.map((item) => [item.id, item.accepted]),
      [
        [second.id, true],
        [first.id, false],
      ],
    );
    // Accepting the accepted answer again is a harmless repeat.
    assert.equal((await accept(second.id, 'u-jonas')).status, 200);
  });

  it('lets an expert of the topic accept, but not their own answer; everybody else gets 403', async () => {
    const question = await ask(api, { title: 'Laptop fan is loud all the time', topic: 'it-help' }, 'u-priya');
    const peer = await answer(api, question.id, 'Check the task manager for a runaway process.', 'u-lena');
    const expertAnswer = await answer(api, question.id, 'Update the BIOS from the Company Portal.', 'u-alex');
    const accept = (answerId: string, as: string) =>
      api.request('POST', `/v1/questions/${question.id}/accept`, { as, body: { answerId } });

    for (const as of ['u-jonas', 'u-lena']) {
      const refused = await accept(peer.id, as);
      assert.equal(refused.status, 403, as);
      assert.equal((await readError(refused)).code, 'forbidden');
    }
    const asPeer = await view(api, question.id, 'u-jonas');
    assert.equal(asPeer.canAccept, false);
    assert.ok(asPeer.answers.every((item) => !item.canAccept));

    const own = await accept(expertAnswer.id, 'u-alex');
    assert.equal(own.status, 403);
    const asExpert = await view(api, question.id, 'u-alex');
    assert.equal(asExpert.canAccept, true);
    assert.equal(asExpert.answers.find((item) => item.id === expertAnswer.id)?.canAccept, false);

    const byExpert = await accept(peer.id, 'u-alex');
    assert.equal(byExpert.status, 200);
    assert.equal((await readQuestion(byExpert)).acceptedAnswerId, peer.id);
    // The asker may accept any answer, including the expert's.
    assert.equal((await readQuestion(await accept(expertAnswer.id, 'u-priya'))).acceptedAnswerId, expertAnswer.id);
  });

  it('refuses to accept an answer of another question (400) and anything signed out (401)', async () => {
    const response = await api.request('POST', '/v1/questions/q-printer-blank/accept', {
      as: 'u-lena',
      body: { answerId: 'a-vpn-client' },
    });
    assert.equal(response.status, 400);
    assert.deepEqual(Object.keys((await readError(response)).fields ?? {}), ['answerId']);
    const signedOut = await api.request('POST', '/v1/questions/q-printer-blank/accept', {
      body: { answerId: 'a-printer-toner' },
    });
    assert.equal(signedOut.status, 401);
  });

  it('flags unanswered questions past the response target, and lists them first for the topic’s experts', async () => {
    const question = await ask(api, { title: 'Can I get a second monitor?', topic: 'it-help' }, 'u-jonas');
    api.clock.advance(23 * HOUR);
    assert.equal((await view(api, question.id)).escalated, false);
    api.clock.advance(2 * HOUR);
    const late = await view(api, question.id);
    assert.equal(late.escalated, true);
    assert.equal(late.status, 'unanswered');

    const newer = await ask(api, { title: 'Is there a Teams channel for outages?', topic: 'it-help' }, 'u-jonas');
    // An expert sees escalated ones first; a peer sees newest first.
    const forExpert = (await readPage(await api.get('/v1/questions?topic=it-help&limit=50', { as: 'u-alex' }))).items;
    const firstNormal = forExpert.findIndex((item) => !item.escalated);
    assert.ok(firstNormal > 0, 'escalated questions come first');
    assert.ok(forExpert.slice(firstNormal).every((item) => !item.escalated));
    assert.ok(forExpert.slice(0, firstNormal).some((item) => item.id === question.id));
    assert.ok(forExpert.slice(0, firstNormal).some((item) => item.id === 'q-calendar-timezone'));
    const forPeer = (await readPage(await api.get('/v1/questions?topic=it-help&limit=50', { as: 'u-jonas' }))).items;
    assert.equal(forPeer[0]?.id, newer.id, 'newest first');

    // An answer ends the escalation.
    await answer(api, question.id, 'Yes, order it in the IT shop.', 'u-alex');
    assert.equal((await view(api, question.id)).escalated, false);
  });

  it('takes the response target from AppOptions', async () => {
    const testDb = await openTestDb();
    try {
      const quick = testApi(testDb.db, { questionResponseTargetHours: 1 });
      await seed(testDb.db, { now: quick.clock.current });
      const created = await quick.request('POST', '/v1/questions', {
        as: 'u-sam',
        body: { title: 'Projector in room 2 is flickering', topic: 'it-help' },
      });
      const { id } = await readQuestion(created);
      quick.clock.advance(HOUR + 1000);
      assert.equal((await readQuestion(await quick.get(`/v1/questions/${id}`))).escalated, true);
    } finally {
      await testDb.close();
    }
  });

  it('filters unanswered questions and pages through a topic without gaps or repeats', async () => {
    const unanswered = (await readPage(await api.get('/v1/questions?topic=it-help&filter=unanswered&limit=50'))).items;
    assert.ok(unanswered.length > 0);
    assert.ok(unanswered.every((item) => item.status === 'unanswered' && item.topic === 'it-help'));

    const all = (await readPage(await api.get('/v1/questions?topic=it-help&limit=50', { as: 'u-alex' }))).items;
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/v1/questions?topic=it-help&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await readPage(await api.get(query, { as: 'u-alex' }));
      assert.ok(page.items.length <= 2);
      paged.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(
      paged,
      all.map((item) => item.id),
    );
  });

  it('keeps a private group’s questions from non-members everywhere: read, answers, lists, batch, votes', async () => {
    assert.equal((await api.get('/v1/questions/q-gdv-lactate', { as: 'u-priya' })).status, 200);
    for (const as of ['u-sam', 'u-alex', undefined]) {
      const options = as ? { as } : {};
      assert.equal((await api.get('/v1/questions/q-gdv-lactate', options)).status, 404);
      assert.equal((await api.get('/v1/questions/q-gdv-lactate/answers', options)).status, 404);
      const listed = (await readPage(await api.get('/v1/questions?topic=emergency-vet', options))).items;
      assert.deepEqual(listed, []);
      const batch = (await readPage(await api.get('/v1/questions?ids=q-gdv-lactate,q-vpn-drops', options))).items;
      assert.deepEqual(
        batch.map((item) => item.id),
        ['q-vpn-drops'],
      );
      assert.equal((await api.get('/v1/questions?groupId=grp-emergency-vets', options)).status, 404);
    }
    assert.equal(
      (await api.request('POST', '/v1/questions/q-gdv-lactate/answers', { as: 'u-sam', body: { body: 'Hi' } })).status,
      404,
    );
    assert.equal((await api.request('PUT', '/v1/answers/a-gdv-stabilise/vote', { as: 'u-sam' })).status, 404);
    const accept = await api.request('POST', '/v1/questions/q-gdv-lactate/accept', {
      as: 'u-alex',
      body: { answerId: 'a-gdv-stabilise' },
    });
    assert.equal(accept.status, 404);
  });

  it('lets only members ask in a group: 404 for a private one, 403 for a public one', async () => {
    const input = { title: 'Anyone?', topic: 'emergency-vet' };
    const hidden = await api.request('POST', '/v1/questions', {
      as: 'u-sam',
      body: { ...input, groupId: 'grp-emergency-vets' },
    });
    assert.equal(hidden.status, 404);
    const open = await api.request('POST', '/v1/questions', {
      as: 'u-sam',
      body: { ...input, groupId: 'grp-solar-service' },
    });
    assert.equal(open.status, 403);
    const member = await ask(api, { ...input, groupId: 'grp-emergency-vets' }, 'u-priya');
    assert.equal(member.groupId, 'grp-emergency-vets');
  });

  it('refuses bad input with 400 naming the field, and never a 500', async () => {
    const cases: [unknown, string][] = [
      [{ title: '   ', topic: 'it-help' }, 'title'],
      [{ title: '\u200b', topic: 'it-help' }, 'title'],
      [{ title: 'Fine', body: '\u200b', topic: 'it-help' }, 'body'],
      [{ title: 'Fine', topic: 'it-help', tags: ['ok', '\u200b'] }, 'tags.1'],
      [{ title: 'x'.repeat(201), topic: 'it-help' }, 'title'],
      [{ title: 'Fine', body: 'x'.repeat(10_001), topic: 'it-help' }, 'body'],
      [{ title: 'Fine', topic: 'Not a slug!' }, 'topic'],
      [{ title: 'Fine' }, 'topic'],
      [{ title: 'Null\u0000byte', topic: 'it-help' }, 'title'],
      [{ title: 'Fine', topic: 'it-help', tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'tags'],
      [{ title: 'Fine', topic: 'it-help', anonymous: 'yes' }, 'anonymous'],
      [[], 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await api.request('POST', '/v1/questions', { as: 'u-sam', body });
      assert.equal(response.status, 400, JSON.stringify(body).slice(0, 80));
      const error = await readError(response);
      assert.equal(error.code, 'validation_failed');
      assert.ok(
        Object.keys(error.fields ?? {}).some((key) => key.startsWith(field)),
        `${field}: ${JSON.stringify(error)}`,
      );
    }
    assert.equal((await api.request('POST', '/v1/questions', { as: 'u-sam', rawBody: '{"title":' })).status, 400);
    assert.equal((await api.request('POST', '/v1/questions', { body: { title: 'Hi', topic: 'it-help' } })).status, 401);
    const emptyAnswer = await api.request('POST', '/v1/questions/q-vpn-drops/answers', {
      as: 'u-sam',
      body: { body: '  ' },
    });
    assert.equal(emptyAnswer.status, 400);
    for (const path of [
      '/v1/questions?filter=everything',
      '/v1/questions?cursor=not-a-cursor',
      `/v1/questions?cursor=${Buffer.from('[1,"yesterday","x"]').toString('base64url')}`,
      '/v1/questions?limit=0',
      '/v1/questions?limit=51',
      '/v1/questions?limit=abc',
      '/v1/questions?topic=%00',
      '/v1/questions?groupId=%00',
      '/v1/questions?ids=',
      `/v1/questions?ids=${Array.from({ length: 101 }, (_, index) => `q${index}`).join(',')}`,
    ]) {
      const response = await api.get(path, { as: 'u-sam' });
      assert.equal(response.status, 400, path);
      assert.equal((await readError(response)).code, 'validation_failed');
    }
    assert.equal((await api.get('/v1/questions?filter=mine')).status, 401);
    assert.equal((await api.get('/v1/questions/q-%00')).status, 404);
    assert.equal((await api.get('/v1/questions/nope')).status, 404);
    const nulAccept = await api.request('POST', '/v1/questions/q-vpn-drops/accept', {
      as: 'u-priya',
      body: { answerId: 'a\u0000' },
    });
    assert.equal(nulAccept.status, 400);
  });

  it('records question and answer events in the write’s transaction, with the question’s group', async () => {
    const count = async (type: string) =>
      (await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE type = $1', [type])).rows[0]!.n;
    const before = {
      questionCreated: await count('question.created'),
      questionUpdated: await count('question.updated'),
      answerCreated: await count('answer.created'),
      answerUpdated: await count('answer.updated'),
    };
    const question = await ask(
      api,
      { title: 'Kabelquerschnitt für 10 kWp?', topic: 'solar', groupId: 'grp-solar-service' },
      'u-lena',
    );
    const reply = await answer(api, question.id, '6 mm² reichen meist.', 'u-jonas');
    await api.request('PUT', `/v1/answers/${reply.id}/vote`, { as: 'u-lena' });
    await api.request('POST', `/v1/questions/${question.id}/accept`, { as: 'u-lena', body: { answerId: reply.id } });
    // A refused write records nothing.
    await api.request('PUT', `/v1/answers/${reply.id}/vote`, { as: 'u-jonas' });
    assert.equal((await count('question.created')) - before.questionCreated, 1);
    assert.equal((await count('answer.created')) - before.answerCreated, 1);
    assert.equal((await count('question.updated')) - before.questionUpdated, 2, 'new answer, accepted');
    assert.equal((await count('answer.updated')) - before.answerUpdated, 2, 'vote, accepted');
    const { rows } = await api.db.query<{ group_id: string | null }>(
      `SELECT DISTINCT group_id FROM events WHERE entity_id = ANY($1::text[])`,
      [[question.id, reply.id]],
    );
    assert.deepEqual(
      rows.map((row) => row.group_id),
      ['grp-solar-service'],
    );
  });
});
