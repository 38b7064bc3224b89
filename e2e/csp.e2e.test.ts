// Every widget on a strict-CSP page (demo/csp.html: script-src 'self', no inline style, Trusted Types
// required): it renders and works, and the browser reports no CSP or Trusted Types violation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Page } from 'playwright-core';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

/** Opens the page with a collector of every securitypolicyviolation event and CSP console message. */
async function openCollecting(page: Page, path: string) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`),
    );
  });
  await page.goto(`${e2e.demo.url}${path}`);
  return async () => [
    ...problems,
    ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)),
  ];
}

describe('strict CSP page', () => {
  it('the page really enforces the policy (an inline script is refused and reported)', async () => {
    const page = await e2e.browser.newPage();
    const collected = await openCollecting(page, '/csp.html');
    await page.evaluate(() => {
      try {
        // Trusted Types refuses the string assignment itself (and reports it).
        const script = document.createElement('script');
        script.textContent = 'window.__ran = true';
        document.body.append(script);
      } catch {
        // Expected.
      }
    });
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran ?? false), false);
    assert.ok((await collected()).length > 0, 'the probe produced a violation report');
    await page.close();
  });

  it('renders every widget, votes, posts and searches, with zero violations', async () => {
    const page = await e2e.browser.newPage();
    const collected = await openCollecting(page, '/csp.html');
    const switcher = page.getByLabel('Signed in as');
    await switcher.locator('option[value="u-sam"]').waitFor({ state: 'attached' });
    await Promise.all([page.waitForEvent('load'), switcher.selectOption('u-sam')]);

    const poll = page.locator('section.card > plaza-poll[poll-id="poll-townhall"]');
    await poll.getByRole('radio').first().check();
    await poll.getByRole('button', { name: 'Vote' }).click();
    await poll.getByText('Your vote').first().waitFor();
    await page.locator('plaza-group-card[group-id="grp-it-help"]').getByText('IT Help & Tips').waitFor();

    // The feed: post (rich text with a link and a mention), react; the ask box: search while typing, ask.
    const feed = page.locator('plaza-feed');
    const composer = feed.getByRole('textbox').first();
    await composer.fill('Strict CSP check: **bold**, a [link](https://example.com) and #security');
    await composer.press('Control+Enter');
    await feed.getByText('Strict CSP check:').first().waitFor();
    const ask = page.locator('plaza-ask-expert');
    await ask.getByLabel('Your question').fill('VPN drops every few minutes');
    await ask
      .getByText(/similar question/i)
      .first()
      .waitFor();
    assert.deepEqual(await collected(), []);
    await page.close();
  });
});
