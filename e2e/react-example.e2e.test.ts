// The React example (examples/react, built with @plaza/react) in real Chromium against the reference server:
// the app renders a poll and the feed, a signed-in user votes by clicking, and the poll's `onPlazaVote`
// handler updates React state that the page shows.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { migrate, openDb, seed, silentLogger, startServer, type Db, type RunningServer } from '@plaza/server';
import { buildExample } from '../examples/react/build.mjs';
import { launchChromium } from './demo-server.ts';

let outdir: string;
let db: Db;
let server: RunningServer;
let url: string;
let browser: Browser;

before(async () => {
  outdir = await buildExample(await mkdtemp(join(tmpdir(), 'plaza-react-example-')));
  db = await openDb({});
  await migrate(db);
  await seed(db);
  server = await startServer({ port: 0, host: '127.0.0.1', db, staticDir: outdir, authMode: 'dev', log: silentLogger });
  url = `http://127.0.0.1:${server.port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

/** A page of the example, signed in as `userId` (the dev session cookie), collecting page errors. */
async function openAs(userId: string | null): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  if (userId) await context.addCookies([{ name: 'plaza_session', value: userId, url }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Signed out, GET /v1/me answers 401: Chromium logs every failed request, which is no error of the app.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 400 && !(path === '/v1/me' && response.status() === 401)) {
      errors.push(`${response.status()} ${path}`);
    }
  });
  await page.goto(`${url}/`);
  return { page, errors };
}

// The app's own poll (the feed shows the same poll again, attached to a post).
const appPoll = (page: Page) => page.locator('section[aria-labelledby="poll-heading"] > plaza-poll');

const totalVotes = async (page: Page) =>
  Number(
    (await appPoll(page)
      .getByText(/^\d+ votes?$/)
      .first()
      .textContent())!.match(/\d+/)![0],
  );

describe('React example app', () => {
  it('renders the poll and the feed from the server through @plaza/react', async () => {
    const { page, errors } = await openAs(null);
    await page.getByRole('heading', { name: 'Town hall', level: 1 }).waitFor();
    const poll = appPoll(page);
    assert.equal(await poll.getAttribute('poll-id'), 'poll-townhall');
    await poll.getByText('Sign in to vote.').waitFor();
    // The feed's posts render (seeded company feed), five per page as the React prop says.
    const feed = page.locator('plaza-feed');
    await feed.locator('plaza-post').first().waitFor();
    assert.equal(await feed.evaluate((element) => (element as HTMLElement & { pageSize: number }).pageSize), 5);
    assert.equal(await page.getByTestId('vote-status').textContent(), 'No vote from this page yet');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('a user votes by clicking and onPlazaVote updates the React state shown on the page', async () => {
    const { page, errors } = await openAs('u-sam');
    const poll = appPoll(page);
    const vote = poll.getByRole('button', { name: 'Vote', exact: true });
    await vote.waitFor();
    const before = await totalVotes(page);
    const second = poll.getByRole('radio').nth(1);
    const optionId = await second.inputValue();
    assert.match(optionId, /^\S+$/);
    await second.click();
    await vote.click();
    await poll.getByText('Your vote').first().waitFor();
    await poll.getByText(`${before + 1} votes`).waitFor();
    const status = page.getByTestId('vote-status');
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="vote-status"]')?.textContent === expected,
      `You voted 1 time; last: ${optionId}`,
    );
    assert.equal(await status.textContent(), `You voted 1 time; last: ${optionId}`);

    // The vote is on the server: a fresh page of the app shows it, and React state starts again.
    await page.reload();
    await poll.getByText('Your vote').first().waitFor();
    assert.equal(await totalVotes(page), before + 1);
    assert.equal(await status.textContent(), 'No vote from this page yet');
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
