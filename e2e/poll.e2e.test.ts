// The demo as a person uses it, in real Chromium: read a poll signed out, sign in, vote, switch user,
// vote again — and both users see the same, right tally.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Locator, type Page } from 'playwright-core';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

async function openAs(page: Page, path: string, userId: string | null) {
  await page.goto(`${e2e.demo.url}${path}`);
  const switcher = page.getByLabel(/Signed in as|Angemeldet als/);
  await switcher.locator(`option[value="${userId ?? ''}"]`).waitFor({ state: 'attached' });
  if ((await switcher.inputValue()) !== (userId ?? '')) {
    await Promise.all([page.waitForEvent('load'), switcher.selectOption(userId ?? '')]);
  }
}

// The town hall poll in its own section (the feed also shows it, attached to a post).
const townhall = (page: Page) => page.locator('article.card > plaza-poll[poll-id="poll-townhall"]');

async function totalVotes(poll: Locator): Promise<number> {
  const text = await poll
    .getByText(/^\d+ votes?$/)
    .first()
    .textContent();
  return Number(text!.match(/\d+/)![0]);
}

describe('demo: poll end to end', () => {
  it('signed out, the poll shows the tally and asks to sign in', async () => {
    const page = await e2e.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openAs(page, '/', null);
    const poll = townhall(page);
    await poll.getByText('Sign in to vote.').waitFor();
    assert.ok((await totalVotes(poll)) >= 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a user votes, another user votes after switching, and both see the right results', async () => {
    const page = await e2e.browser.newPage();
    await openAs(page, '/', 'u-sam');
    let poll = townhall(page);
    await poll.getByRole('button', { name: 'Vote', exact: true }).waitFor();
    const before = await totalVotes(poll);

    // Sam votes by mouse for the first option.
    const firstOption = poll.getByRole('radio').first();
    const firstLabel =
      (await firstOption.getAttribute('aria-label')) ?? (await poll.locator('label').first().innerText());
    await firstOption.check();
    await poll.getByRole('button', { name: 'Vote', exact: true }).click();
    await poll.getByText('Your vote').first().waitFor();
    await poll.getByText(`${before + 1} votes`).waitFor();

    // Switch to Alex (who has not voted on this poll in the seed) and vote by keyboard for the second option.
    await openAs(page, '/', 'u-alex');
    poll = townhall(page);
    await poll.getByRole('button', { name: 'Vote', exact: true }).waitFor();
    assert.equal(await totalVotes(poll), before + 1, 'Alex sees Sam’s vote counted');
    await poll.getByRole('radio').nth(1).focus();
    await page.keyboard.press('Space');
    await poll.getByRole('button', { name: 'Vote', exact: true }).focus();
    await page.keyboard.press('Enter');
    await poll.getByText(`${before + 2} votes`).waitFor();

    // Back as Sam: his vote is still his, and Alex's is counted.
    await openAs(page, '/', 'u-sam');
    poll = townhall(page);
    await poll.getByText(`${before + 2} votes`).waitFor();
    await poll.getByText('Your vote').first().waitFor();
    assert.ok(firstLabel);
    await page.close();
  });

  it('the German page renders German strings', async () => {
    const page = await e2e.browser.newPage();
    await openAs(page, '/de.html', null);
    const poll = page.locator('plaza-poll[poll-id="poll-schulung"]');
    await poll.getByText('Bitte melden Sie sich an, um abzustimmen.').waitFor();
    await page.close();
  });
});
