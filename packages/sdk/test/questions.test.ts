// The SDK's questions resource against the real reference server, in process (PGlite in memory, seeded).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Answer, Question } from '@plaza/contract';
import { createApp, migrate, openDb, seed, type Db } from '@plaza/server';
import { createClient, PlazaError, type PlazaClient, type QuestionListValue } from '@plaza/sdk';
import { questionListKey, questionsApi, type QuestionsApi } from '@plaza/sdk/questions';

/** A client with the questions resource attached (`client.questions` for `questionsApi(client)`). */
type TestClient = PlazaClient & { questions: QuestionsApi };
const withQuestions = (client: PlazaClient): TestClient => Object.assign(client, { questions: questionsApi(client) });

let db: Db;
let app: ReturnType<typeof createApp>;

before(async () => {
  db = await openDb({});
  await migrate(db);
  await seed(db);
  app = createApp({ db, authMode: 'dev' });
});
after(() => db.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Options {
  onRequest?: (request: Request) => void;
  /** Replaces the app's answer (or throws, like a dropped connection). */
  intercept?: (request: Request, answer: () => Promise<Response>) => Promise<Response>;
  realtime?: boolean;
}

/** A client signed in as `userId` through the dev session cookie, talking to the app without a network. */
function clientAs(userId: string | null, { onRequest, intercept, realtime = false }: Options = {}): TestClient {
  return withQuestions(
    createClient({
      baseUrl: 'http://plaza.test/',
      retry: { retries: 2, baseDelayMs: 1 },
      realtime: realtime ? { baseDelayMs: 5, idleCloseMs: 10 } : false,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (userId) request.headers.set('Cookie', `plaza_session=${userId}`);
        onRequest?.(request);
        const answer = () => Promise.resolve(app.request(request.clone()));
        return intercept ? intercept(request, answer) : answer();
      },
    }),
  );
}

const pathOf = (request: Request) => {
  const url = new URL(request.url);
  return url.pathname + url.search;
};
const listOf = (client: TestClient, params: Parameters<typeof questionListKey>[0]) =>
  client.store.get<QuestionListValue>('questionList', questionListKey(params))?.value;
const answersOf = (client: TestClient, questionId: string) =>
  client.store.get<Answer[]>('questionAnswers', questionId)?.value;

describe('questions: reads', () => {
  it('loads a topic list into the store, normalised by id; later reads of several ids are one ?ids= request', async () => {
    const seen: string[] = [];
    const client = clientAs('u-priya', { onRequest: (request) => seen.push(pathOf(request)) });
    const list = await client.questions.list({ topic: 'it-help' });
    assert.ok(list.ids.includes('q-vpn-drops') && list.ids.includes('q-printer-blank'), list.ids.join());
    assert.equal(client.store.get<Question>('question', 'q-vpn-drops')?.value?.status, 'accepted');
    assert.deepEqual(listOf(client, { topic: 'it-help', filter: 'recent' })?.ids, list.ids);

    const fresh = clientAs('u-priya', { onRequest: (request) => seen.push(pathOf(request)) });
    seen.length = 0;
    const [vpn, printer] = await Promise.all([
      fresh.questions.get('q-vpn-drops'),
      fresh.questions.get('q-printer-blank'),
    ]);
    assert.equal(vpn.id, 'q-vpn-drops');
    assert.equal(printer.answerCount, 1);
    assert.deepEqual(seen, ['/v1/questions?ids=q-vpn-drops,q-printer-blank']);
  });

  it('keeps lists apart by topic, group and filter; unanswered and mine list what they say', async () => {
    const client = clientAs('u-lena');
    const unanswered = await client.questions.list({ topic: 'it-help', filter: 'unanswered' });
    const mine = await client.questions.list({ filter: 'mine' });
    const solar = await client.questions.list({ topic: 'solar', groupId: 'grp-solar-service' });
    const question = (id: string) => client.store.get<Question>('question', id)!.value!;
    assert.ok(unanswered.ids.length > 0 && unanswered.ids.every((id) => question(id).answerCount === 0));
    assert.ok(mine.ids.includes('q-printer-blank') && mine.ids.every((id) => question(id).askedByMe));
    assert.ok(solar.ids.includes('q-wechselrichter-301') && solar.ids.every((id) => question(id).topic === 'solar'));
    await assert.rejects(
      clientAs(null).questions.list({ filter: 'mine' }),
      (error) => error instanceof PlazaError && error.code === 'unauthenticated',
    );
  });

  it('gets a question with its answers (accepted first, expert badge) into two store entries', async () => {
    const client = clientAs('u-priya');
    const thread = await client.questions.getWithAnswers('q-vpn-drops');
    assert.equal(thread.answers[0]!.id, 'a-vpn-client');
    assert.equal(thread.answers[0]!.accepted, true);
    assert.equal(thread.answers[0]!.byExpert, true, 'u-alex is an it-help expert');
    assert.equal(thread.answers.find((answer) => answer.id === 'a-vpn-router')!.byExpert, true, 'u-sam too');
    assert.deepEqual(
      answersOf(client, 'q-vpn-drops')!.map((answer) => answer.id),
      thread.answers.map((answer) => answer.id),
    );
    await assert.rejects(
      clientAs('u-sam').questions.getWithAnswers('q-gdv-lactate'),
      (error) => error instanceof PlazaError && error.status === 404,
      'a private group’s question is 404 for non-members',
    );
  });

  it('lists a topic’s experts with skills and availability: away with a return date', async () => {
    const experts = await clientAs(null).questions.experts('it-help');
    const alex = experts.find((expert) => expert.user.id === 'u-alex')!;
    const sam = experts.find((expert) => expert.user.id === 'u-sam')!;
    assert.equal(alex.availability, 'available');
    assert.ok(alex.skills.includes('VPN'));
    assert.equal(sam.availability, 'away');
    assert.ok(sam.awayUntil && Date.parse(sam.awayUntil) > Date.now());
    assert.equal(experts[0]!.availability, 'available', 'available experts first');
  });
});

describe('questions: similar search', () => {
  it('stems German through the SDK: "Wechselrichter" finds the question that says "Wechselrichters"', async () => {
    const client = clientAs('u-jonas');
    const found = await client.questions.similar('Wechselrichter', { topic: 'solar' });
    assert.ok(
      found.some((question) => question.id === 'q-display-dunkel'),
      found.map((q) => q.title).join(),
    );
    assert.match(found.find((question) => question.id === 'q-display-dunkel')!.title, /Wechselrichters/);
  });

  it('stems English: "printers keep printing blank" finds the blank-pages question', async () => {
    const found = await clientAs('u-sam').questions.similar('printers keep printing blank', { topic: 'it-help' });
    assert.equal(found[0]?.id, 'q-printer-blank');
  });

  it('tolerates any draft: quotes, operators, umlauts and 1,000+ characters answer, never fail', async () => {
    const client = clientAs('u-sam');
    for (const draft of ['"', "o'reilly's & | ! :*", 'Größe ÄÖÜ ß', '(((', `${'ä'.repeat(1500)}`, '\\']) {
      assert.ok(Array.isArray(await client.questions.similar(draft)), draft.slice(0, 20));
    }
  });

  it('debounces keystrokes into one request and resolves only the newest search; stale ones get null', async () => {
    const seen: string[] = [];
    const client = clientAs('u-sam', {
      onRequest: (request) => seen.push(new URL(request.url).searchParams.get('q')!),
    });
    const search = client.questions.similarSearch({ topic: 'it-help', debounceMs: 20 });
    const typed = ['p', 'pr', 'pri', 'print', 'printer'].map((draft) => search.search(draft));
    const results = await Promise.all(typed);
    assert.deepEqual(results.slice(0, 4), [null, null, null, null]);
    assert.ok(results[4]!.some((question) => question.id === 'q-printer-blank'));
    assert.deepEqual(seen, ['printer'], 'one request, for the last draft');
    assert.deepEqual(await search.search('   '), [], 'an empty draft needs no request');
  });

  it('aborts a slow stale request: its late answer never replaces the newer one (no out-of-order results)', async () => {
    const signals: { q: string; signal: AbortSignal }[] = [];
    const client = clientAs('u-jonas', {
      intercept: async (request, answer) => {
        const q = new URL(request.url).searchParams.get('q')!;
        signals.push({ q, signal: request.signal });
        // The first draft is slow, the second fast: without cancellation the first would land last.
        await sleep(q === 'VPN' ? 80 : 5);
        return answer();
      },
    });
    const search = client.questions.similarSearch({ debounceMs: 0 });
    const first = search.search('VPN');
    await sleep(20); // its request is in flight now
    const second = search.search('Wechselrichter');
    const [stale, newest] = await Promise.all([first, second]);
    assert.equal(stale, null);
    assert.ok(newest!.some((question) => question.id === 'q-wechselrichter-301'));
    assert.equal(signals[0]!.q, 'VPN');
    assert.equal(signals[0]!.signal.aborted, true, 'the stale request was aborted');
    assert.equal(signals[1]!.signal.aborted, false);
  });

  it('a failed newest search rejects with a PlazaError; cancel() settles a pending search with null', async () => {
    const client = clientAs('u-sam', {
      intercept: async () => new Response('{"oops', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    });
    const search = client.questions.similarSearch({ debounceMs: 0 });
    await assert.rejects(
      search.search('vpn'),
      (error) => error instanceof PlazaError && error.code === 'invalid_response',
    );
    const pending = search.search('vpn');
    search.cancel();
    assert.equal(await pending, null);
  });
});

describe('questions: ask', () => {
  it('asks; the question appears once at the top of the cached lists it belongs to', async () => {
    const client = clientAs('u-priya');
    await client.questions.list({ topic: 'it-help' });
    await client.questions.list({ topic: 'it-help', filter: 'mine' });
    await client.questions.list({ topic: 'solar' });
    const asked = await client.questions.ask({
      topic: 'it-help',
      title: 'Teams keeps asking me to sign in again',
      body: 'Every morning, on the **clinic laptop**.',
      tags: ['Teams'],
    });
    assert.equal(asked.author?.id, 'u-priya');
    assert.deepEqual(asked.tags, ['teams']);
    assert.equal(asked.body.nodes[0]?.type, 'paragraph');
    assert.equal(listOf(client, { topic: 'it-help' })!.ids[0], asked.id);
    assert.equal(listOf(client, { topic: 'it-help', filter: 'mine' })!.ids[0], asked.id);
    assert.ok(!listOf(client, { topic: 'solar' })!.ids.includes(asked.id), 'not in another topic');
    assert.deepEqual(answersOf(client, asked.id), []);
  });

  it('a question whose response is lost is retried with the same Idempotency-Key and exists once', async () => {
    const keys: string[] = [];
    let dropped = false;
    const client = clientAs('u-jonas', {
      intercept: async (request, answer) => {
        const response = await answer();
        if (request.method === 'POST') {
          keys.push(request.headers.get('Idempotency-Key') ?? '');
          if (!dropped) {
            dropped = true;
            throw new TypeError('network dropped the response'); // the server did create it
          }
        }
        return response;
      },
    });
    const title = `Zählerstand lässt sich nicht ablesen ${Date.now()}`;
    const asked = await client.questions.ask({ topic: 'solar', title, groupId: 'grp-solar-service' });
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1]);
    const { items } = await clientAs('u-jonas')
      .questions.list({ topic: 'solar', filter: 'mine' }, { refresh: true })
      .then((list) => ({ items: list.ids }));
    assert.equal(items.filter((id) => id === asked.id).length, 1);
    const found = await clientAs('u-jonas').questions.similar(title, { topic: 'solar' });
    assert.equal(found.filter((question) => question.title === title).length, 1, 'one question with this title');
  });

  it('a retry by the user (same key, same content) returns the same question instead of a second one', async () => {
    const client = clientAs('u-sam');
    const input = { topic: 'it-help', title: `Badge reader at the side door ${Date.now()}` };
    const first = await client.questions.ask(input, { idempotencyKey: 'user-action-1' });
    const again = await client.questions.ask(input, { idempotencyKey: 'user-action-1' });
    assert.equal(again.id, first.id);
    assert.equal(listOf(client, { topic: 'it-help' }) ?? null, null, 'no list was loaded, none invented');
  });

  it('anonymous: a peer does not see the asker, a moderator does, and the asker knows it is theirs', async () => {
    const asker = clientAs('u-priya');
    const asked = await asker.questions.ask({
      topic: 'it-help',
      title: 'Is my screen being recorded?',
      anonymous: true,
    });
    assert.equal(asked.anonymous, true);
    assert.equal(asked.askedByMe, true);
    const peer = await clientAs('u-jonas').questions.get(asked.id);
    assert.equal(peer.author, null, 'peers see no name');
    assert.equal(peer.askedByMe, false);
    const moderator = await clientAs('u-alex').questions.get(asked.id);
    assert.equal(moderator.author?.id, 'u-priya', 'a company manager (moderator) sees the name');
    assert.equal((await clientAs(null).questions.get(asked.id)).author, null);
  });

  it('refuses an empty or over-long title with validation_failed naming the field', async () => {
    const client = clientAs('u-sam');
    for (const title of ['   ', 'x'.repeat(201)]) {
      await assert.rejects(
        client.questions.ask({ topic: 'it-help', title }),
        (error) => error instanceof PlazaError && error.code === 'validation_failed' && !!error.fields?.title,
      );
    }
    await assert.rejects(
      clientAs(null).questions.ask({ topic: 'it-help', title: 'Signed out' }),
      (error) => error instanceof PlazaError && error.code === 'unauthenticated',
    );
  });
});

describe('questions: answers, votes, accept', () => {
  it('answers: the answer joins the cached thread and the question counts it', async () => {
    const client = clientAs('u-alex');
    await client.questions.getWithAnswers('q-calendar-timezone');
    const answer = await client.questions.answer(
      'q-calendar-timezone',
      'The service calendar was set to **UTC**. Fixed it; new invites are right.',
    );
    assert.equal(answer.byExpert, true);
    assert.equal(answersOf(client, 'q-calendar-timezone')!.at(-1)!.id, answer.id);
    const question = client.store.get<Question>('question', 'q-calendar-timezone')!.value!;
    assert.equal(question.answerCount, 1);
    assert.equal(question.status, 'answered');
    await assert.rejects(
      client.questions.answer('q-calendar-timezone', '   '),
      (error) => error instanceof PlazaError && error.code === 'validation_failed',
    );
  });

  it('votes optimistically (shown before the server answers), then takes the vote back', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const client = clientAs('u-jonas', {
      intercept: async (request, answer) => {
        if (request.method === 'PUT') await gate;
        return answer();
      },
    });
    const thread = await client.questions.getWithAnswers('q-printer-blank');
    const before = thread.answers[0]!;
    assert.equal(before.votedByMe, false);
    const voting = client.questions.vote(before.id);
    const shown = answersOf(client, 'q-printer-blank')![0]!;
    assert.equal(shown.votedByMe, true);
    assert.equal(shown.votes, before.votes + 1);
    release();
    const voted = await voting;
    assert.equal(voted.votes, before.votes + 1);
    const unvoted = await client.questions.unvote(before.id);
    assert.equal(unvoted.votes, before.votes);
    assert.equal(answersOf(client, 'q-printer-blank')![0]!.votedByMe, false);
  });

  it('a refused vote (own answer) rolls back and throws forbidden', async () => {
    const client = clientAs('u-sam');
    await client.questions.getWithAnswers('q-printer-blank');
    const before = answersOf(client, 'q-printer-blank');
    await assert.rejects(
      client.questions.vote('a-printer-toner'),
      (error) => error instanceof PlazaError && error.code === 'forbidden',
    );
    assert.deepEqual(answersOf(client, 'q-printer-blank'), before);
  });

  it('the asker accepts an answer (optimistic); a peer cannot, and their optimistic view rolls back', async () => {
    const peer = clientAs('u-priya');
    await peer.questions.getWithAnswers('q-printer-blank');
    const before = answersOf(peer, 'q-printer-blank');
    await assert.rejects(
      peer.questions.accept('q-printer-blank', 'a-printer-toner'),
      (error) => error instanceof PlazaError && error.code === 'forbidden',
    );
    assert.deepEqual(answersOf(peer, 'q-printer-blank'), before);
    assert.equal(peer.store.get<Question>('question', 'q-printer-blank')!.value!.acceptedAnswerId, null);

    const asker = clientAs('u-lena');
    await asker.questions.getWithAnswers('q-printer-blank');
    const accepting = asker.questions.accept('q-printer-blank', 'a-printer-toner');
    assert.equal(answersOf(asker, 'q-printer-blank')![0]!.accepted, true, 'shown accepted at once');
    const thread = await accepting;
    assert.equal(thread.status, 'accepted');
    assert.equal(thread.acceptedAnswerId, 'a-printer-toner');
  });
});

describe('questions: realtime', () => {
  it('a question asked elsewhere joins the watched list once; a new answer elsewhere reaches the open thread', async () => {
    const encoder = new TextEncoder();
    let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
    let eventId = 0;
    const send = (type: string, entityId: string) =>
      stream!.enqueue(
        encoder.encode(
          `id: ${++eventId}\nevent: ${type}\ndata: ${JSON.stringify({ id: String(eventId), type, entityId, groupId: null, at: new Date().toISOString() })}\n\n`,
        ),
      );
    const client = clientAs('u-sam', {
      realtime: true,
      intercept: async (request, answer) => {
        if (!new URL(request.url).pathname.endsWith('/v1/events')) return answer();
        const body = new ReadableStream<Uint8Array>({ start: (controller) => void (stream = controller) });
        return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
      },
    });
    const key = questionListKey({ topic: 'it-help' });
    const off = client.store.subscribe('questionList', key, () => {});
    await client.questions.list({ topic: 'it-help' });
    await client.questions.getWithAnswers('q-phishing-clicked');
    const until = async (check: () => boolean, what: string) => {
      for (let i = 0; i < 500 && !check(); i++) await sleep(5);
      assert.ok(check(), what);
    };
    await until(() => client.realtime.state === 'open' && !!stream, 'the stream to open');

    const other = await clientAs('u-lena').questions.ask({ topic: 'it-help', title: 'Where do I order a headset?' });
    send('question.created', other.id);
    send('question.created', other.id);
    await until(() => listOf(client, { topic: 'it-help' })!.ids[0] === other.id, 'the new question on top');
    await sleep(30);
    assert.equal(listOf(client, { topic: 'it-help' })!.ids.filter((id) => id === other.id).length, 1);

    const answer = await clientAs('u-alex').questions.answer('q-phishing-clicked', 'Report it with the Phish button.');
    send('answer.created', answer.id);
    send('question.updated', 'q-phishing-clicked');
    await until(() => answersOf(client, 'q-phishing-clicked')!.some((a) => a.id === answer.id), 'the answer to arrive');
    assert.equal(client.store.get<Question>('question', 'q-phishing-clicked')!.value!.answerCount, 1);
    off();
  });
});
