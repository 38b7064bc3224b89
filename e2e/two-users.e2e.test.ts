// Two people on the demo at the same time, each in their own browser context (own session cookie): Sam
// posts, votes, asks and accepts; Alex (an IT-help expert in the seed) reacts, comments, joins and answers.
// Each sees the other's action arrive live over the event stream — no reload anywhere after sign-in.
// Everything is found by role and label, as a person (or a screen reader) finds it; the locators pierce
// the widgets' open shadow roots.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

/** Long enough for a realtime event and the re-read it causes on a busy CI machine; no step sleeps. */
const LIVE = { timeout: 10_000 };

const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
/** Sam Taylor (facilities): posts, votes, asks a question, accepts the answer. */
let sam: Page;
/** Alex Morgan (IT service manager, IT-help expert): reacts, comments, joins a group, answers. */
let alex: Page;

async function signedInPage(userId: string, name: string): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${userId}: ${error.message}`));
  await page.goto(`${e2e.demo.url}/`);
  const switcher = page.getByLabel('Signed in as');
  await switcher.locator(`option[value="${userId}"]`).waitFor({ state: 'attached' });
  // The demo's user switcher signs in and reloads the page once: the only load of the whole scenario.
  await Promise.all([page.waitForEvent('load'), switcher.selectOption(userId)]);
  // After the reload the switcher fills in again and shows who is signed in.
  await page.getByLabel('Signed in as').getByRole('option', { name, selected: true }).waitFor({ state: 'attached' });
  return page;
}

const feedOf = (page: Page) => page.getByRole('region', { name: 'Company feed' });
const askBoxOf = (page: Page) => page.getByRole('region', { name: 'Ask an expert: IT help' });
/** The town hall poll in its own article (the feed shows it too, attached to a post). */
const townhallOf = (page: Page) =>
  page.getByRole('article').filter({ has: page.getByRole('heading', { name: /quarterly town hall/ }) });
const solarCardOf = (page: Page) => page.getByRole('group', { name: 'Solar-Service Techniker' });
/** A post in the feed, found by the text it carries (its accessible name is author and time). */
const postIn = (page: Page, text: string) => feedOf(page).getByRole('article').filter({ hasText: text });

/** The number in the first text of `locator` matching `pattern` (e.g. "12 votes"). */
async function numberIn(locator: Locator, pattern: RegExp): Promise<number> {
  const text = await locator.getByText(pattern).first().textContent();
  return Number(text!.match(/\d+/)![0]);
}

before(async () => {
  await e2e.ready();
  [sam, alex] = await Promise.all([signedInPage('u-sam', 'Sam Taylor'), signedInPage('u-alex', 'Alex Morgan ★')]);
  // Both pages are fully rendered (the feed's composer, the poll's vote button) before anyone acts, so every
  // later change reaches an open event stream.
  await Promise.all(
    [sam, alex].map(async (page) => {
      await feedOf(page).getByLabel('Write a post').waitFor(LIVE);
      await askBoxOf(page).getByLabel('Your question').waitFor(LIVE);
      await solarCardOf(page)
        .getByText(/^\d+ members?$/)
        .waitFor(LIVE);
    }),
  );
});

after(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
});

describe('demo: two people see each other live', () => {
  const postText = `Bike shed keys now hang at reception, next to the parcel shelf (${Date.now().toString(36)})`;
  const commentText = 'Thanks Sam, I will tell the service desk team.';

  it('Sam posts; Alex gets the “new post” banner and shows the post', async () => {
    const feed = feedOf(sam);
    await feed.getByLabel('Write a post').fill(postText);
    await feed.getByRole('button', { name: 'Post', exact: true }).click();
    // Sam's own post is in Sam's feed at once.
    await postIn(sam, postText).waitFor(LIVE);

    // Alex's feed is never re-ordered under the reader: a banner counts the new post.
    const banner = feedOf(alex).getByRole('button', { name: /1 new post/ });
    await banner.waitFor(LIVE);
    await banner.click();
    await postIn(alex, postText).waitFor(LIVE);
    await postIn(alex, postText).getByText('Sam Taylor').first().waitFor();
  });

  it('Alex reacts and comments; Sam sees the reaction count and the comment', async () => {
    // Sam opens the (still empty) comments of the post, as one does after posting.
    const samPost = postIn(sam, postText);
    await samPost.getByRole('button', { name: 'Comment', exact: true }).click();
    await samPost.getByLabel('Write a comment').waitFor(LIVE);
    await samPost.getByRole('button', { name: 'Like', exact: true }).waitFor();

    const alexPost = postIn(alex, postText);
    await alexPost.getByRole('button', { name: 'Like', exact: true }).click();
    await alexPost.getByRole('button', { name: 'Like 1', pressed: true }).waitFor(LIVE);

    // Sam sees the count of the reaction, not pressed (it is Alex's).
    await samPost.getByRole('button', { name: 'Like 1', pressed: false }).waitFor(LIVE);

    await alexPost.getByRole('button', { name: 'Comment', exact: true }).click();
    await alexPost.getByLabel('Write a comment').fill(commentText);
    await alexPost.getByRole('button', { name: 'Comment', exact: true }).last().click();
    await alexPost.getByRole('region', { name: 'Comments' }).getByText(commentText).waitFor(LIVE);

    // Sam: the count on the toggle and the comment itself in the open list.
    await samPost.getByRole('button', { name: '1 comment', exact: true }).waitFor(LIVE);
    await samPost.getByRole('region', { name: 'Comments' }).getByText(commentText).waitFor(LIVE);
  });

  it('Sam votes in the town hall poll; Alex sees the tally change', async () => {
    const samPoll = townhallOf(sam);
    const alexPoll = townhallOf(alex);
    await samPoll.getByRole('button', { name: 'Vote', exact: true }).waitFor(LIVE);
    await alexPoll.getByRole('button', { name: 'Vote', exact: true }).waitFor(LIVE);
    const before = await numberIn(alexPoll, /^\d+ votes?$/);
    assert.equal(await numberIn(samPoll, /^\d+ votes?$/), before);

    await samPoll.getByRole('radio', { name: /Open Q&A with the leadership team/ }).check();
    await samPoll.getByRole('button', { name: 'Vote', exact: true }).click();
    await samPoll.getByText(`${before + 1} votes`).waitFor(LIVE);

    await alexPoll.getByText(`${before + 1} votes`).waitFor(LIVE);
    // Alex has not voted: the poll still offers him the vote.
    await alexPoll.getByRole('button', { name: 'Vote', exact: true }).waitFor();
  });

  it('Alex joins the solar-service group; Sam sees the member count change', async () => {
    const alexCard = solarCardOf(alex);
    const samCard = solarCardOf(sam);
    const before = await numberIn(samCard, /^\d+ members?$/);
    assert.equal(await numberIn(alexCard, /^\d+ members?$/), before);

    await alexCard.getByRole('button', { name: 'Join', exact: true }).click();
    await alexCard.getByText('You are a member').waitFor(LIVE);
    await alexCard.getByText(`${before + 1} members`).waitFor(LIVE);

    await samCard.getByText(`${before + 1} members`).waitFor(LIVE);
    // Sam is not a member: the card still offers him to join.
    await samCard.getByRole('button', { name: 'Join', exact: true }).waitFor();
  });

  it('Sam asks; Alex (an IT-help expert) sees the question live and answers; Sam accepts; Alex sees it accepted', async () => {
    const title = `The label printer in room 2.14 prints blank pages (${Date.now().toString(36)})`;
    const samBox = askBoxOf(sam);
    const alexBox = askBoxOf(alex);
    const questionIn = (box: Locator) => box.getByRole('tabpanel').getByRole('listitem').filter({ hasText: title });

    await samBox.getByLabel('Your question').fill(title);
    await samBox.getByLabel('Details (optional)').fill('Since this morning; the toner is new.');
    await samBox.getByRole('button', { name: 'Post question' }).click();
    await samBox.getByRole('status').getByText('Question posted').waitFor(LIVE);
    await questionIn(samBox).waitFor(LIVE);

    // Alex: the question joins his list without a reload.
    await questionIn(alexBox).waitFor(LIVE);
    await questionIn(alexBox).getByText('No answer yet').waitFor();

    // Sam opens his question and waits for answers.
    await questionIn(samBox).getByRole('button', { name: title, expanded: true }).waitFor();
    await questionIn(samBox).getByText('No answers yet.').waitFor(LIVE);

    const answer = 'Open the printer settings and choose “Continuous labels”; the driver update reset it.';
    await questionIn(alexBox).getByRole('button', { name: title }).click();
    await questionIn(alexBox).getByLabel('Your answer').fill(answer);
    await questionIn(alexBox).getByRole('button', { name: 'Post answer' }).click();
    await questionIn(alexBox).getByRole('article').filter({ hasText: answer }).waitFor(LIVE);

    // Sam sees the answer arrive in his open thread, with Alex's expert badge, and accepts it.
    const samAnswer = questionIn(samBox).getByRole('article').filter({ hasText: answer });
    await samAnswer.waitFor(LIVE);
    await samAnswer.getByText('Expert', { exact: true }).waitFor();
    await samAnswer.getByRole('button', { name: 'Accept this answer: Alex Morgan', exact: true }).click();
    await samAnswer.getByText('✓ Accepted').waitFor(LIVE);
    await samBox.getByRole('status').getByText('Answer accepted').waitFor(LIVE);

    // Alex sees his answer marked accepted, and the question as answered in his list.
    const alexAnswer = questionIn(alexBox).getByRole('article').filter({ hasText: answer });
    await alexAnswer.getByText('✓ Accepted').waitFor(LIVE);
    await questionIn(alexBox).getByText('✓ Accepted answer').waitFor(LIVE);
  });

  it('nobody saw a script error', () => {
    assert.deepEqual(pageErrors, []);
  });
});
