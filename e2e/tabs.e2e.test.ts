// Two tabs of the demo in one browser (one person, one cookie): one event stream between them, relayed to the
// other tab over a BroadcastChannel; both show another person's vote live; when the leading tab closes, the
// other opens the stream itself and stays live.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Page } from 'playwright-core';
import { apiAs } from './demo-server.ts';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

/** Someone else votes through the API (cookie session + the CSRF header). */
async function voteAs(userId: string, optionId: string) {
  const response = await apiAs(e2e.demo.url, userId, 'PUT', '/v1/polls/poll-townhall/vote', {
    optionIds: [optionId],
  });
  assert.equal(response.status, 200, `vote as ${userId}`);
  return ((await response.json()) as { totalVoters: number }).totalVoters;
}

const townhall = (page: Page) => page.locator('article.card > plaza-poll[poll-id="poll-townhall"]');
const showsTotal = (page: Page, total: number) =>
  townhall(page)
    .getByText(new RegExp(`^${total} votes?$`))
    .first()
    .waitFor({ timeout: 10_000 });

describe('two tabs of one person', () => {
  it('share one event stream, both stay live, and the second tab takes over when the first closes', async () => {
    const context = await e2e.browser.newContext();
    await context.addCookies([{ name: 'plaza_session', value: 'u-priya', url: e2e.demo.url }]);
    const streams: string[] = [];
    const errors: string[] = [];
    context.on('request', (request) => {
      if (new URL(request.url()).pathname === '/v1/events') streams.push(request.url());
    });
    const first = await context.newPage();
    const second = await context.newPage();
    for (const page of [first, second]) page.on('pageerror', (error) => errors.push(error.message));
    const loaded = (page: Page) =>
      townhall(page)
        .getByText(/^\d+ votes?$/)
        .first()
        .waitFor();
    await first.goto(`${e2e.demo.url}/`);
    await loaded(first);
    await second.goto(`${e2e.demo.url}/`);
    await loaded(second);

    let total = await voteAs('u-sam', 'townhall-qa');
    await Promise.all([showsTotal(first, total), showsTotal(second, total)]);
    assert.equal(streams.length, 1, `one event stream for both tabs (saw ${streams.length})`);

    // The leading tab goes away: the other one opens the stream (resuming) and still shows changes live.
    await first.close();
    total = await voteAs('u-alex', 'townhall-tools');
    await showsTotal(second, total);
    assert.equal(streams.length, 2, 'the remaining tab opened its own stream');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
