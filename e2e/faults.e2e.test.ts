// Network faults, per widget, against the real demo server in Chromium: Playwright intercepts the widgets'
// API calls (/v1/...) and makes them fail the ways real networks do — offline, a hanging answer, 500, 429
// with Retry-After, a body that is not JSON or of the wrong shape, an answer lost after the server acted, an
// event stream that is slow or cut. Each test drives the widget as a person would (roles, labels, visible
// text) and checks the visible state, that Retry works, that nothing typed is lost, and — in the database —
// that a retried write happened exactly once.
//
// The SDK retries network errors, 5xx and 429 by itself (3 retries, backoff with jitter, Retry-After
// honoured), so a fault is kept on until the widget shows it, and cleared before the person retries.
// A request the network does not answer keeps the widget in its loading / sending state (the "hanging"
// tests, which then let the answer through) until the SDK's per-attempt timeout (`timeoutMs`, default 20 s,
// not settable from the page) gives it up and retries it: that part is covered by the SDK's own tests
// (packages/sdk/test/client.test.ts), as 4 × 20 s is too long for this suite.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type BrowserContext, type Locator, type Page, type Route } from 'playwright-core';
import type { SqlParam } from '@plaza/server';
import { apiAs } from './demo-server.ts';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

/** Long enough for the SDK's own retries (about 2 s of backoff, or 3 × Retry-After) on a busy machine. */
const SETTLE = 15_000;

// ——— faults ———

type Fault = (route: Route) => Promise<void>;

const errorBody = (code: string, message: string) => JSON.stringify({ error: { code, message } });

const offline: Fault = (route) => route.abort('internetdisconnected');
const serverError: Fault = (route) =>
  route.fulfill({ status: 500, contentType: 'application/json', body: errorBody('internal', 'injected fault') });
const rateLimited =
  (seconds: number): Fault =>
  (route) =>
    route.fulfill({
      status: 429,
      contentType: 'application/json',
      headers: { 'Retry-After': String(seconds) },
      body: errorBody('rate_limited', 'injected fault'),
    });
const notJson: Fault = (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{not json' });
const wrongShape: Fault = (route) =>
  route.fulfill({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ items: [{ id: 42, question: null }], total: 'many' }),
  });
/** The request reaches the server and is carried out; the answer is lost on the way back. */
const answerLost: Fault = async (route) => {
  await route.fetch();
  await route.abort('connectionreset');
};

/** A switchable fault on the requests matching `url` (and `method`); everything else passes through. */
async function intercept(context: BrowserContext, url: RegExp, method = 'GET') {
  let fault: Fault | null = null;
  let hits = 0;
  await context.route(url, async (route) => {
    if (route.request().method() !== method || !fault) return route.fallback();
    hits++;
    await fault(route);
  });
  return {
    set(next: Fault | null) {
      fault = next;
      hits = 0;
    },
    get hits() {
      return hits;
    },
  };
}

/** A fault that holds each request until released, then lets it through unchanged. */
function hanging() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  const fault: Fault = async (route) => {
    held++;
    await released;
    await route.continue();
  };
  return {
    fault,
    release,
    get held() {
      return held;
    },
  };
}

// ——— pages ———

interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and unhandled rejections in the page, and console errors other than failed loads. */
  problems: string[];
}

const sessions: Session[] = [];

/** A fresh browser context signed in as `userId` (the dev session cookie the demo's user switcher sets). */
async function newSession(userId: string | null): Promise<Session> {
  const context = await e2e.browser.newContext();
  if (userId) await context.addCookies([{ name: 'plaza_session', value: userId, url: e2e.demo.url }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    // The browser logs every refused or failed request ("Failed to load resource: …"): those are the faults.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  const session = { context, page, problems };
  sessions.push(session);
  return session;
}

async function closeSession(session: Session) {
  assert.deepEqual(session.problems, [], 'no uncaught exception or console error in the page');
  await session.context.close();
}

after(async () => {
  for (const { context } of sessions) await context.close().catch(() => undefined);
});

const visible = (locator: Locator, timeout = SETTLE) => locator.first().waitFor({ state: 'visible', timeout });

/** Another user acting through the API (cookie session + the CSRF header every write needs). */
async function api(userId: string, method: string, path: string, body?: unknown) {
  const response = await apiAs(e2e.demo.url, userId, method, path, body);
  assert.ok(response.ok, `${method} ${path}: HTTP ${response.status}`);
  return response.json() as Promise<Record<string, unknown>>;
}

async function count(sql: string, params: SqlParam[]): Promise<number> {
  const result = await e2e.demo.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return result.rows[0]!.n;
}

const groupCard = (page: Page) => page.locator('plaza-group-card[group-id="grp-it-help"]');

// ——— poll ———

const POLL_LOAD = /\/v1\/polls\?ids=/;
const quickPoll = (page: Page) => page.locator('plaza-poll[poll-id="poll-tools"]');

async function voteFirstOption(poll: Locator) {
  const option = poll.getByRole('radio').first();
  await option.check();
  await poll.getByRole('button', { name: 'Vote', exact: true }).click();
}

describe('faults: poll', () => {
  it('offline on load: error with Retry; Retry after reconnecting shows the poll', async () => {
    const session = await newSession('u-sam');
    const load = await intercept(session.context, POLL_LOAD);
    load.set(offline);
    await session.page.goto(e2e.demo.url);
    const poll = quickPoll(session.page);
    await visible(poll.getByText('The poll could not be loaded.'));
    await visible(poll.getByText('The Plaza server could not be reached.', { exact: false }));
    assert.ok(load.hits >= 1);
    load.set(null);
    await poll.getByRole('button', { name: 'Retry' }).click();
    await visible(poll.getByText('Which room booking tool should we pilot next quarter?'));
    await visible(poll.getByRole('button', { name: 'Vote', exact: true }));
    await closeSession(session);
  });

  it('a hanging load keeps the poll loading, without an error; the late answer then shows it', async () => {
    const session = await newSession('u-sam');
    const load = await intercept(session.context, POLL_LOAD);
    const hang = hanging();
    load.set(hang.fault);
    await session.page.goto(e2e.demo.url);
    const poll = quickPoll(session.page);
    await visible(poll.getByText('Loading poll…'));
    // Everything else on the page has loaded meanwhile; the poll still waits, without an error or a crash.
    await visible(groupCard(session.page).getByText('IT Help & Tips'));
    assert.ok(hang.held >= 1);
    assert.equal(await poll.getByText('Loading poll…').count(), 1, 'still loading');
    assert.equal(await poll.getByRole('button', { name: 'Retry' }).count(), 0, 'no error shown');
    hang.release();
    await visible(poll.getByRole('button', { name: 'Vote', exact: true }));
    await closeSession(session);
  });

  it('500 on load: error with Retry; Retry shows the poll', async () => {
    const session = await newSession('u-sam');
    const load = await intercept(session.context, POLL_LOAD);
    load.set(serverError);
    await session.page.goto(e2e.demo.url);
    const poll = quickPoll(session.page);
    await visible(poll.getByText('Something went wrong on the server.', { exact: false }));
    load.set(null);
    await poll.getByRole('button', { name: 'Retry' }).click();
    await visible(poll.getByRole('button', { name: 'Vote', exact: true }));
    await closeSession(session);
  });

  it('malformed JSON and a wrong-shaped body: error state, no uncaught exception; Retry recovers', async () => {
    for (const fault of [notJson, wrongShape]) {
      const session = await newSession('u-sam');
      const load = await intercept(session.context, POLL_LOAD);
      load.set(fault);
      await session.page.goto(e2e.demo.url);
      const poll = quickPoll(session.page);
      await visible(poll.getByText('The server sent an answer Plaza does not understand.'));
      load.set(null);
      await poll.getByRole('button', { name: 'Retry' }).click();
      await visible(poll.getByRole('button', { name: 'Vote', exact: true }));
      await closeSession(session);
    }
  });

  it('500 on the vote: an error, the choice stays; voting again counts one ballot', async () => {
    const session = await newSession('u-sam');
    const vote = await intercept(session.context, /\/v1\/polls\/poll-tools\/vote$/, 'PUT');
    await session.page.goto(e2e.demo.url);
    const poll = quickPoll(session.page);
    await visible(poll.getByRole('button', { name: 'Vote', exact: true }));
    vote.set(serverError);
    await voteFirstOption(poll);
    await visible(poll.getByRole('alert').getByText('Something went wrong on the server.', { exact: false }));
    assert.ok(await poll.getByRole('radio').first().isChecked(), 'the chosen option is still chosen');
    assert.equal(await count('poll_ballots WHERE poll_id = $1 AND user_id = $2', ['poll-tools', 'u-sam']), 0);
    vote.set(null);
    await poll.getByRole('button', { name: 'Vote', exact: true }).click();
    await visible(poll.getByText('Your vote'));
    assert.equal(await count('poll_ballots WHERE poll_id = $1 AND user_id = $2', ['poll-tools', 'u-sam']), 1);
    await closeSession(session);
  });

  it('429 with Retry-After on the vote: "try again in 1 second"; a later vote counts', async () => {
    const session = await newSession('u-jonas');
    const vote = await intercept(session.context, /\/v1\/polls\/poll-tools\/vote$/, 'PUT');
    await session.page.goto(e2e.demo.url);
    const poll = quickPoll(session.page);
    await visible(poll.getByRole('button', { name: 'Vote', exact: true }));
    vote.set(rateLimited(1));
    await voteFirstOption(poll);
    await visible(poll.getByRole('alert').getByText('Too many requests. Please try again in 1 second.'));
    assert.equal(vote.hits, 4, 'the SDK waited and retried three times before it gave up');
    vote.set(null);
    await poll.getByRole('button', { name: 'Vote', exact: true }).click();
    await visible(poll.getByText('Your vote'));
    assert.equal(await count('poll_ballots WHERE poll_id = $1 AND user_id = $2', ['poll-tools', 'u-jonas']), 1);
    await closeSession(session);
  });

  it('the vote reached the server but every answer was lost: the poll re-reads and shows one ballot', async () => {
    const session = await newSession('u-lena');
    const vote = await intercept(session.context, /\/v1\/polls\/poll-tools\/vote$/, 'PUT');
    await session.page.goto(e2e.demo.url);
    const poll = quickPoll(session.page);
    await visible(poll.getByRole('button', { name: 'Vote', exact: true }));
    vote.set(answerLost);
    await voteFirstOption(poll);
    await visible(poll.getByRole('alert').getByText('The Plaza server could not be reached.', { exact: false }));
    assert.equal(vote.hits, 4, 'the SDK retried with the same Idempotency-Key');
    vote.set(null);
    // The poll re-read itself (the outcome was unknown): the vote the server counted shows.
    await visible(poll.getByText('Your vote'));
    assert.equal(await count('poll_ballots WHERE poll_id = $1 AND user_id = $2', ['poll-tools', 'u-lena']), 1);
    await closeSession(session);
  });
});

// ——— group card ———

const GROUP_LOAD = /\/v1\/groups\?ids=/;
const JOIN = /\/v1\/groups\/grp-it-help\/join$/;

let outsiders: string[] | undefined;

/** A seeded user who is not in grp-it-help, a different one on each call (each join needs its own). */
async function outsider(): Promise<string> {
  outsiders ??= (
    await e2e.demo.db.query<{ id: string }>(
      `SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM group_members WHERE group_id = 'grp-it-help')
       ORDER BY id`,
    )
  ).rows.map((row) => row.id);
  const user = outsiders.shift();
  assert.ok(user, 'a seeded user outside grp-it-help');
  return user;
}

const memberships = (userId: string) =>
  count('group_members WHERE group_id = $1 AND user_id = $2', ['grp-it-help', userId]);

describe('faults: group card', () => {
  it('offline on load: error with Retry; Retry after reconnecting shows the group', async () => {
    const session = await newSession('u-lena');
    const load = await intercept(session.context, GROUP_LOAD);
    load.set(offline);
    await session.page.goto(e2e.demo.url);
    const card = groupCard(session.page);
    await visible(card.getByText('The group could not be loaded.'));
    await visible(card.getByText('The Plaza server could not be reached.', { exact: false }));
    load.set(null);
    await card.getByRole('button', { name: 'Retry' }).click();
    await visible(card.getByText('IT Help & Tips'));
    await closeSession(session);
  });

  it('500 on load, then a hanging answer: error with Retry; the retry waits (loading) until the answer comes', async () => {
    const session = await newSession('u-lena');
    const load = await intercept(session.context, GROUP_LOAD);
    load.set(serverError);
    await session.page.goto(e2e.demo.url);
    const card = groupCard(session.page);
    await visible(card.getByText('The group could not be loaded.'));
    await visible(card.getByText('Something went wrong on the server.', { exact: false }));
    const hang = hanging();
    load.set(hang.fault);
    await card.getByRole('button', { name: 'Retry' }).click();
    await visible(card.getByRole('button', { name: 'Retrying…' }));
    assert.equal(await card.getByRole('button', { name: 'Retrying…' }).getAttribute('aria-disabled'), 'true');
    hang.release();
    await visible(card.getByText('IT Help & Tips'));
    await closeSession(session);
  });

  it('429 with Retry-After on load: "try again in 1 second"; Retry later shows the group', async () => {
    const session = await newSession('u-lena');
    const load = await intercept(session.context, GROUP_LOAD);
    load.set(rateLimited(1));
    await session.page.goto(e2e.demo.url);
    const card = groupCard(session.page);
    await visible(card.getByText('Too many requests. Please try again in 1 second.'));
    load.set(null);
    await card.getByRole('button', { name: 'Retry' }).click();
    await visible(card.getByText('IT Help & Tips'));
    await closeSession(session);
  });

  it('malformed JSON and a wrong-shaped body: error state, no uncaught exception', async () => {
    for (const fault of [notJson, wrongShape]) {
      const session = await newSession('u-lena');
      const load = await intercept(session.context, GROUP_LOAD);
      load.set(fault);
      await session.page.goto(e2e.demo.url);
      const card = groupCard(session.page);
      await visible(card.getByText('The server sent an answer Plaza does not understand.'));
      await visible(card.getByRole('button', { name: 'Retry' }));
      await closeSession(session);
    }
  });

  it('500 on join: an error and the Join button stays; joining again makes one membership', async () => {
    const user = await outsider();
    const session = await newSession(user);
    const join = await intercept(session.context, JOIN, 'POST');
    await session.page.goto(e2e.demo.url);
    const card = groupCard(session.page);
    await visible(card.getByRole('button', { name: 'Join', exact: true }));
    join.set(serverError);
    await card.getByRole('button', { name: 'Join', exact: true }).click();
    await visible(card.getByRole('alert').getByText('Something went wrong on the server.', { exact: false }));
    await visible(card.getByRole('button', { name: 'Join', exact: true }));
    assert.equal(await memberships(user), 0);
    join.set(null);
    await card.getByRole('button', { name: 'Join', exact: true }).click();
    await visible(card.getByText('You are a member'));
    assert.equal(await memberships(user), 1);
    await closeSession(session);
  });

  it('the join reached the server but every answer was lost: the card re-reads and shows the membership', async () => {
    const user = await outsider();
    const session = await newSession(user);
    const join = await intercept(session.context, JOIN, 'POST');
    await session.page.goto(e2e.demo.url);
    const card = groupCard(session.page);
    await visible(card.getByRole('button', { name: 'Join', exact: true }));
    join.set(answerLost);
    await card.getByRole('button', { name: 'Join', exact: true }).click();
    await visible(card.getByRole('alert').getByText('The Plaza server could not be reached.', { exact: false }));
    assert.equal(join.hits, 4, 'the SDK retried with the same Idempotency-Key');
    join.set(null);
    await visible(card.getByText('You are a member'));
    assert.equal(await memberships(user), 1);
    await closeSession(session);
  });
});

// ——— feed ———

const FEED_LOAD = /\/v1\/feed(\?|$)/;
const CREATE_POST = /\/v1\/posts$/;
const feed = (page: Page) => page.locator('plaza-feed');
const postBox = (page: Page) => feed(page).getByRole('textbox', { name: 'Write a post' });
const postsWithBody = (body: string) => count('posts WHERE body_source = $1', [body]);

/** Types a post and sends it; returns the text. */
async function writePost(page: Page, text: string) {
  await visible(postBox(page));
  await postBox(page).fill(text);
  await feed(page).getByRole('button', { name: 'Post', exact: true }).click();
  return text;
}

/** After a failed send: the message, the text still in the box, and a Retry button. */
async function expectDraftKept(page: Page, text: string, message: string) {
  const alert = feed(page).getByRole('alert').filter({ hasText: 'Your text is kept; try again.' });
  await visible(alert.getByText(message, { exact: false }));
  assert.equal(await postBox(page).inputValue(), text, 'the draft is still in the box');
  await visible(feed(page).getByRole('button', { name: 'Retry', exact: true }));
}

describe('faults: feed and composer', () => {
  it('offline on load: error with Retry; Retry after reconnecting shows the posts', async () => {
    const session = await newSession('u-priya');
    const load = await intercept(session.context, FEED_LOAD);
    load.set(offline);
    await session.page.goto(e2e.demo.url);
    const posts = feed(session.page);
    await visible(posts.getByText('The posts could not be loaded.'));
    await visible(posts.getByText('The Plaza server could not be reached.', { exact: false }));
    load.set(null);
    await posts.getByRole('button', { name: 'Retry' }).click();
    await visible(posts.locator('plaza-post, [part~="post"]'));
    assert.equal(await posts.getByText('The posts could not be loaded.').count(), 0);
    await closeSession(session);
  });

  it('500 on load, then a hanging answer: error with Retry; the retry waits until the answer comes', async () => {
    const session = await newSession('u-priya');
    const load = await intercept(session.context, FEED_LOAD);
    load.set(serverError);
    await session.page.goto(e2e.demo.url);
    const posts = feed(session.page);
    await visible(posts.getByText('The posts could not be loaded.'));
    await visible(posts.getByText('Something went wrong on the server.', { exact: false }));
    const hang = hanging();
    load.set(hang.fault);
    await posts.getByRole('button', { name: 'Retry' }).click();
    await visible(posts.getByRole('button', { name: 'Retrying…' }));
    hang.release();
    await visible(posts.locator('plaza-post, [part~="post"]'));
    assert.equal(await posts.getByText('The posts could not be loaded.').count(), 0);
    await closeSession(session);
  });

  it('malformed JSON and a wrong-shaped body: error state, no uncaught exception', async () => {
    for (const fault of [notJson, wrongShape]) {
      const session = await newSession('u-priya');
      const load = await intercept(session.context, FEED_LOAD);
      load.set(fault);
      await session.page.goto(e2e.demo.url);
      const posts = feed(session.page);
      await visible(posts.getByText('The posts could not be loaded.'));
      await visible(posts.getByText('The server sent an answer Plaza does not understand.'));
      await closeSession(session);
    }
  });

  it('500 on post: the draft is kept; Retry posts it once', async () => {
    const session = await newSession('u-priya');
    const create = await intercept(session.context, CREATE_POST, 'POST');
    await session.page.goto(e2e.demo.url);
    create.set(serverError);
    const text = await writePost(session.page, 'Fault test: the printer on level 3 is back (500 then retry)');
    await expectDraftKept(session.page, text, 'Something went wrong on the server.');
    assert.equal(await postsWithBody(text), 0);
    create.set(null);
    await feed(session.page).getByRole('button', { name: 'Retry', exact: true }).click();
    await visible(feed(session.page).getByText(text));
    assert.equal(await postBox(session.page).inputValue(), '', 'the box is empty once posted');
    assert.equal(await postsWithBody(text), 1);
    assert.equal(await feed(session.page).getByText(text).count(), 1, 'shown once');
    await closeSession(session);
  });

  it('the post reached the server but every answer was lost: Retry makes no second post', async () => {
    const session = await newSession('u-priya');
    const create = await intercept(session.context, CREATE_POST, 'POST');
    await session.page.goto(e2e.demo.url);
    create.set(answerLost);
    const text = await writePost(session.page, 'Fault test: answer lost, the post must appear exactly once');
    await expectDraftKept(session.page, text, 'The Plaza server could not be reached.');
    assert.equal(create.hits, 4, 'the SDK retried with the same Idempotency-Key');
    assert.equal(await postsWithBody(text), 1, 'the server made it once');
    create.set(null);
    await feed(session.page).getByRole('button', { name: 'Retry', exact: true }).click();
    await visible(feed(session.page).getByText(text));
    assert.equal(await postsWithBody(text), 1, 'the retry was replayed, not posted again');
    assert.equal(await feed(session.page).getByText(text).count(), 1, 'shown once');
    await closeSession(session);
  });

  it('429 with Retry-After on post: "try again in 1 second", the draft is kept; a later Retry posts it', async () => {
    const session = await newSession('u-priya');
    const create = await intercept(session.context, CREATE_POST, 'POST');
    await session.page.goto(e2e.demo.url);
    create.set(rateLimited(1));
    const text = await writePost(session.page, 'Fault test: rate limited, then posted');
    await expectDraftKept(session.page, text, 'Too many requests. Please try again in 1 second.');
    create.set(null);
    await feed(session.page).getByRole('button', { name: 'Retry', exact: true }).click();
    await visible(feed(session.page).getByText(text));
    assert.equal(await postsWithBody(text), 1);
    await closeSession(session);
  });

  it('a hanging post shows "Sending…" and keeps the text until the answer comes', async () => {
    const session = await newSession('u-priya');
    const create = await intercept(session.context, CREATE_POST, 'POST');
    await session.page.goto(e2e.demo.url);
    const hang = hanging();
    create.set(hang.fault);
    const text = await writePost(session.page, 'Fault test: a slow network, posted once');
    await visible(feed(session.page).getByRole('button', { name: 'Sending…' }));
    assert.equal(await postBox(session.page).inputValue(), text);
    hang.release();
    await visible(feed(session.page).getByText(text));
    assert.equal(await postsWithBody(text), 1);
    await closeSession(session);
  });
});

// ——— ask an expert ———

const QUESTIONS_LOAD = /\/v1\/questions\?(?!ids=)/;
const ASK = /\/v1\/questions$/;
const ANSWER = /\/v1\/questions\/[^/]+\/answers$/;
const askBox = (page: Page) => page.locator('plaza-ask-expert[topic="it-help"]');
const questionsTitled = (title: string) => count('questions WHERE title = $1', [title]);

async function writeQuestion(page: Page, title: string, details: string) {
  const box = askBox(page);
  await box.getByRole('textbox', { name: 'Your question' }).fill(title);
  await box.getByRole('textbox', { name: 'Details (optional)' }).fill(details);
  await box.getByRole('button', { name: 'Post question' }).click();
}

async function expectQuestionKept(page: Page, title: string, details: string, message: string) {
  const box = askBox(page);
  await visible(box.getByRole('alert').getByText('Your question was not posted. Your text is still here.'));
  await visible(box.getByRole('alert').getByText(message, { exact: false }));
  assert.equal(await box.getByRole('textbox', { name: 'Your question' }).inputValue(), title);
  assert.equal(await box.getByRole('textbox', { name: 'Details (optional)' }).inputValue(), details);
}

/** Opens the first question of the list and returns its answer box. */
async function openFirstQuestion(page: Page) {
  const box = askBox(page);
  const toggle = box.locator('button[aria-expanded]').first();
  await visible(toggle);
  await toggle.click();
  const answer = box.getByRole('textbox', { name: 'Your answer' });
  await visible(answer);
  return answer;
}

describe('faults: ask an expert', () => {
  it('offline on load: error with Retry; Retry after reconnecting shows the questions', async () => {
    const session = await newSession('u-priya');
    const load = await intercept(session.context, QUESTIONS_LOAD);
    load.set(offline);
    await session.page.goto(e2e.demo.url);
    const box = askBox(session.page);
    await visible(box.getByText('The questions could not be loaded.', { exact: false }));
    await visible(box.getByText('The Plaza server could not be reached.', { exact: false }));
    load.set(null);
    await box.getByRole('button', { name: 'Retry' }).click();
    await visible(box.locator('button[aria-expanded]'));
    await closeSession(session);
  });

  it('500 on load: error with Retry; a hanging load keeps it loading until the answer comes', async () => {
    const session = await newSession('u-priya');
    const load = await intercept(session.context, QUESTIONS_LOAD);
    load.set(serverError);
    await session.page.goto(e2e.demo.url);
    const box = askBox(session.page);
    await visible(box.getByText('The questions could not be loaded.', { exact: false }));
    await visible(box.getByText('Something went wrong on the server.', { exact: false }));
    const hang = hanging();
    load.set(hang.fault);
    await box.getByRole('button', { name: 'Retry' }).click();
    await visible(box.getByText('Loading questions…'));
    assert.equal(await box.getByRole('button', { name: 'Retry' }).count(), 0, 'no error while it waits');
    hang.release();
    await visible(box.locator('button[aria-expanded]'));
    await closeSession(session);
  });

  it('malformed JSON and a wrong-shaped body: error state, no uncaught exception', async () => {
    for (const fault of [notJson, wrongShape]) {
      const session = await newSession('u-priya');
      const load = await intercept(session.context, QUESTIONS_LOAD);
      load.set(fault);
      await session.page.goto(e2e.demo.url);
      const box = askBox(session.page);
      await visible(box.getByText('The questions could not be loaded.', { exact: false }));
      await visible(box.getByText('The server sent an answer Plaza does not understand.', { exact: false }));
      await closeSession(session);
    }
  });

  it('500 on ask: title and details are kept; Retry posts the question once', async () => {
    const session = await newSession('u-priya');
    const ask = await intercept(session.context, ASK, 'POST');
    await session.page.goto(e2e.demo.url);
    await visible(askBox(session.page).getByRole('textbox', { name: 'Your question' }));
    ask.set(serverError);
    const title = 'Fault test: how do I map the plotter on level 2 (500)?';
    const details = 'It worked before the move. **Windows 11**.';
    await writeQuestion(session.page, title, details);
    await expectQuestionKept(session.page, title, details, 'Something went wrong on the server.');
    assert.equal(await questionsTitled(title), 0);
    ask.set(null);
    await askBox(session.page).getByRole('button', { name: 'Retry' }).click();
    await visible(askBox(session.page).getByText('Question posted'));
    assert.equal(await questionsTitled(title), 1);
    await closeSession(session);
  });

  it('the question reached the server but every answer was lost: Retry makes no second question', async () => {
    const session = await newSession('u-sam');
    const ask = await intercept(session.context, ASK, 'POST');
    await session.page.goto(e2e.demo.url);
    await visible(askBox(session.page).getByRole('textbox', { name: 'Your question' }));
    ask.set(answerLost);
    const title = 'Fault test: answer lost, is this question posted once?';
    const details = 'The network dropped the answer.';
    await writeQuestion(session.page, title, details);
    await expectQuestionKept(session.page, title, details, 'The Plaza server could not be reached.');
    assert.equal(await questionsTitled(title), 1, 'the server made it once');
    ask.set(null);
    await askBox(session.page).getByRole('button', { name: 'Retry' }).click();
    await visible(askBox(session.page).getByText('Question posted'));
    assert.equal(await questionsTitled(title), 1, 'the retry was replayed, not asked again');
    await closeSession(session);
  });

  it('429 with Retry-After on ask: "try again in 1 second", the text is kept; a later Retry posts it', async () => {
    const session = await newSession('u-jonas');
    const ask = await intercept(session.context, ASK, 'POST');
    await session.page.goto(e2e.demo.url);
    await visible(askBox(session.page).getByRole('textbox', { name: 'Your question' }));
    ask.set(rateLimited(1));
    const title = 'Fault test: rate limited question about the VPN';
    await writeQuestion(session.page, title, '');
    await expectQuestionKept(session.page, title, '', 'Too many requests. Please try again in 1 second.');
    ask.set(null);
    await askBox(session.page).getByRole('button', { name: 'Retry' }).click();
    await visible(askBox(session.page).getByText('Question posted'));
    assert.equal(await questionsTitled(title), 1);
    await closeSession(session);
  });

  it('500, then a lost answer, on an answer: the text is kept; sending again posts it once', async () => {
    const session = await newSession('u-alex');
    const answer = await intercept(session.context, ANSWER, 'POST');
    await session.page.goto(e2e.demo.url);
    const box = askBox(session.page);
    const field = await openFirstQuestion(session.page);
    const text = 'Fault test: restart the VPN client, then sign in again.';
    const answers = () => count('answers WHERE body = $1', [text]);

    answer.set(serverError);
    await field.fill(text);
    await box.getByRole('button', { name: 'Post answer' }).click();
    await visible(box.getByRole('alert').getByText('Your answer was not posted. Your text is still here.'));
    assert.equal(await field.inputValue(), text);
    assert.equal(await answers(), 0);

    answer.set(answerLost);
    await box.getByRole('button', { name: 'Post answer' }).click();
    await visible(box.getByRole('alert').getByText('The Plaza server could not be reached.', { exact: false }));
    assert.equal(await field.inputValue(), text);
    assert.equal(await answers(), 1, 'the server made it once');

    answer.set(null);
    await box.getByRole('button', { name: 'Post answer' }).click();
    await visible(box.getByText('Answer posted'));
    assert.equal(await answers(), 1, 'the resend was replayed, not answered again');
    assert.equal(await box.getByText(text).count(), 1, 'shown once');
    await closeSession(session);
  });
});

// ——— realtime: a slow or cut event stream ———

const EVENTS = /\/v1\/events(\?|$)/;
const townhall = (page: Page) => page.locator('article.card > plaza-poll[poll-id="poll-townhall"]');
/** Bounded wait for a change by someone else to show (the polling fallback re-reads at once). */
const LIVE = 12_000;

/** Alex (not the viewer) votes on the town hall poll, or takes the vote back: returns the new total. */
async function alexTogglesVote(): Promise<number> {
  const voted = await count('poll_ballots WHERE poll_id = $1 AND user_id = $2', ['poll-townhall', 'u-alex']);
  const poll = voted
    ? await api('u-alex', 'DELETE', '/v1/polls/poll-townhall/vote')
    : await api('u-alex', 'PUT', '/v1/polls/poll-townhall/vote', { optionIds: ['townhall-qa'] });
  return poll.totalVoters as number;
}

/** Sam (not the viewer) leaves grp-it-help, or joins it again: returns the new member count. */
async function samTogglesMembership(): Promise<number> {
  const member = await count('group_members WHERE group_id = $1 AND user_id = $2', ['grp-it-help', 'u-sam']);
  const group = await api('u-sam', 'POST', `/v1/groups/grp-it-help/${member ? 'leave' : 'join'}`);
  return group.memberCount as number;
}

/** Others change what the page shows: a vote, a membership, a new post and a new question. */
async function othersAct(label: string) {
  const votes = await alexTogglesVote();
  const members = await samTogglesMembership();
  await api('u-jonas', 'POST', '/v1/posts', { body: `Fault test: posted ${label}` });
  await api('u-jonas', 'POST', '/v1/questions', { topic: 'it-help', title: `Fault test: asked ${label}?` });
  return { votes, members, label };
}

/** The page, as loaded by the viewer. */
async function loaded(page: Page) {
  await visible(townhall(page).getByText(/^\d+ votes?$/));
  await visible(groupCard(page).getByText(/^\d+ members?$/));
  await visible(postBox(page));
  await visible(askBox(page).locator('button[aria-expanded]'));
}

const votesText = (votes: number) => new RegExp(`^${votes} votes?$`);

async function expectOthersSeen(page: Page, { votes, members, label }: Awaited<ReturnType<typeof othersAct>>) {
  await visible(townhall(page).getByText(votesText(votes)), LIVE);
  await visible(groupCard(page).getByText(new RegExp(`^${members} members?$`)), LIVE);
  await visible(feed(page).getByRole('button', { name: /^1 new post$/ }), LIVE);
  await visible(askBox(page).getByRole('button', { name: `Fault test: asked ${label}?` }), LIVE);
}

describe('faults: slow and cut event stream', () => {
  it('a stream that never connects: the SDK falls back to polling and shows others’ changes without reload', async () => {
    const session = await newSession('u-priya');
    let attempts = 0;
    let thirdArrived!: () => void;
    const third = new Promise<void>((resolve) => (thirdArrived = resolve));
    let releaseThird!: () => void;
    const released = new Promise<void>((resolve) => (releaseThird = resolve));
    await session.context.route(EVENTS, async (route) => {
      attempts++;
      // The third failure in a row is when the SDK falls back to polling: hold it until the others have acted.
      if (attempts === 3) {
        thirdArrived();
        await released;
      }
      await route.abort('connectionreset');
    });
    await session.page.goto(e2e.demo.url);
    await loaded(session.page);
    await third;
    const changes = await othersAct('while the stream was cut');
    releaseThird();
    await expectOthersSeen(session.page, changes);
    assert.equal(attempts, 3, 'no new stream attempt yet: the changes came by polling');
    await closeSession(session);
  });

  it('a slow stream: what others did while it connected shows once it is up, and then live', async () => {
    const session = await newSession('u-priya');
    let releaseStream!: () => void;
    const released = new Promise<void>((resolve) => (releaseStream = resolve));
    let held = 0;
    await session.context.route(EVENTS, async (route) => {
      if (held++ === 0) await released;
      await route.continue();
    });
    await session.page.goto(e2e.demo.url);
    await loaded(session.page);
    const loadedAt = Date.now();
    assert.equal(held, 1, 'the page waits for its one stream');
    // Others act while the stream is still connecting: no event can bring these.
    const changes = await othersAct('while the stream was slow');
    // "Slow" is slower than the SDK's connect grace (2 s after the data was loaded).
    const slowerThanGrace = loadedAt + 2500 - Date.now();
    if (slowerThanGrace > 0) await new Promise((resolve) => setTimeout(resolve, slowerThanGrace));
    const connected = session.page.waitForResponse(EVENTS);
    releaseStream();
    assert.equal((await connected).status(), 200);
    await expectOthersSeen(session.page, changes);
    // And now live, through the stream.
    await visible(townhall(session.page).getByText(votesText(await alexTogglesVote())), LIVE);
    assert.equal(held, 1, 'the slow stream was not given up on');
    await closeSession(session);
  });
});
