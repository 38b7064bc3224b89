// The snippet builder as an intranet editor uses it, in real Chromium: pick a widget and a poll, switch the
// language, copy the snippet, paste it into an empty page — and that page renders the chosen poll in the chosen
// language against the demo server. Also: a poll created in the builder is previewed; keyboard only; axe.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { POST_LIMITS } from '@plaza/contract/limits';
import { type BrowserContext, type Page } from 'playwright-core';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** A fresh browser profile (own cookies) with the builder open and its lists loaded. */
async function openBuilder(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.demo.url });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${e2e.demo.url}/builder.html`);
  await page.getByText(/\d+ polls, \d+ groups and \d+ topics to choose from/).waitFor();
  return { context, page, errors };
}

async function signIn(page: Page, userId: string) {
  const switcher = page.getByLabel('Signed in as');
  await switcher.locator(`option[value="${userId}"]`).waitFor({ state: 'attached' });
  await Promise.all([page.waitForEvent('load'), switcher.selectOption(userId)]);
  await page.getByText(/\d+ polls, \d+ groups and \d+ topics to choose from/).waitFor();
}

/** One of the four widget cards (scoped to the settings: a previewed poll has radio buttons too). */
const widgetChoice = (page: Page, name: string) =>
  page.getByRole('group', { name: 'Widget', exact: true }).getByRole('radio', { name: new RegExp(`^${name}`) });

const snippetOf = (page: Page) => page.getByLabel('Paste this where the widget should appear:').inputValue();

describe('demo: snippet builder', () => {
  it('the snippet of a chosen poll in German, pasted into an empty page, renders that poll in German', async () => {
    const { context, page, errors } = await openBuilder();
    await widgetChoice(page, 'Poll').check();
    const pollSelect = page.getByLabel('Poll to show');
    await pollSelect.selectOption({ label: 'What should the next all-hands town hall focus on?' });
    await page.getByRole('radio', { name: 'Deutsch' }).check();
    await page.getByRole('radio', { name: 'Dark' }).check();

    // The preview is the real widget with those settings.
    const preview = page.getByRole('region', { name: 'Preview of the widget' });
    await preview.getByText('What should the next all-hands town hall focus on?').waitFor();
    await preview.getByText('Bitte melden Sie sich an, um abzustimmen.').waitFor();

    const snippet = await snippetOf(page);
    assert.match(snippet, new RegExp(`<script type="module" src="${e2e.demo.url}/dist/plaza.js"></script>`));
    assert.match(snippet, new RegExp(`<plaza-config api-base="${e2e.demo.url}/" locale="de" theme="dark">`));
    assert.match(snippet, /<plaza-poll poll-id="poll-townhall"><\/plaza-poll>/);

    // Copy: the clipboard holds the snippet and the page says so.
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied!' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);

    // An empty page on the same origin with nothing but the snippet (as an editor pastes it into a CMS).
    const pasted = await context.newPage();
    pasted.on('pageerror', (error) => errors.push(`pasted page: ${error.message}`));
    await pasted.route(`${e2e.demo.url}/pasted.html`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title></head><body>\n${snippet}\n</body></html>`,
      }),
    );
    await pasted.goto(`${e2e.demo.url}/pasted.html`);
    const poll = pasted.locator('plaza-poll[poll-id="poll-townhall"]');
    await poll.getByText('What should the next all-hands town hall focus on?').waitFor();
    await poll.getByText('Bitte melden Sie sich an, um abzustimmen.').waitFor();
    await poll.getByText('Hybrid work guidelines').first().waitFor();
    assert.equal(await pasted.locator('plaza-config').getAttribute('theme'), 'dark');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('every widget gets its attributes: feed by group and topic, group card, ask an expert', async () => {
    const { context, page } = await openBuilder();
    await widgetChoice(page, 'Feed').check();
    const feed = page.getByRole('group', { name: 'Feed settings' });
    await feed.getByLabel('Group', { exact: true }).selectOption('grp-it-help');
    await feed.getByLabel('Topic', { exact: true }).fill('#VPN');
    assert.match(await snippetOf(page), /<plaza-feed group-id="grp-it-help" topic="vpn" page-size="10" compose>/);
    // A topic no post can carry is said beside the field, not pasted into a feed that would stay empty.
    const topic = feed.getByLabel('Topic', { exact: true });
    await topic.fill('#IT Help!');
    await feed.getByText('One word of letters, digits, - or _ (like it-help)', { exact: false }).waitFor();
    assert.equal(await topic.getAttribute('aria-invalid'), 'true');
    assert.match(await snippetOf(page), /<plaza-feed group-id="grp-it-help" page-size="10" compose>/);
    await topic.fill('#Wechselrichter');
    assert.equal(await topic.getAttribute('aria-invalid'), 'false');
    assert.match(await snippetOf(page), /topic="wechselrichter"/);
    await topic.fill('#VPN');
    // A page size out of range is said beside the field, not silently dropped.
    const pageSize = feed.getByLabel('Posts per page');
    // The field's bounds and default are the API's (builder.js reads them from the field).
    assert.deepEqual(
      [
        await pageSize.getAttribute('min'),
        await pageSize.getAttribute('max'),
        await pageSize.getAttribute('data-default'),
      ],
      ['1', String(POST_LIMITS.pageSizeMax), String(POST_LIMITS.pageSizeDefault)],
    );
    await pageSize.fill('0');
    await feed
      .getByText(
        'A whole number from 1 to 50. Until then the snippet leaves it out and the feed shows 20 posts per page.',
      )
      .waitFor();
    assert.equal(await pageSize.getAttribute('aria-invalid'), 'true');
    assert.match(await snippetOf(page), /<plaza-feed group-id="grp-it-help" topic="vpn" compose>/);
    await pageSize.fill('25');
    assert.equal(await pageSize.getAttribute('aria-invalid'), 'false');
    assert.equal(await feed.getByText('A whole number from 1 to 50.').count(), 0);
    assert.match(await snippetOf(page), /page-size="25"/);
    await widgetChoice(page, 'Group card').check();
    await page.getByLabel('Group to show').selectOption('grp-solar-service');
    await page.getByLabel('Layout').selectOption('compact');
    assert.match(await snippetOf(page), /<plaza-group-card group-id="grp-solar-service" layout="compact">/);
    await page
      .getByRole('region', { name: 'Preview of the widget' })
      .locator('plaza-group-card')
      .getByText('Solar', { exact: false })
      .first()
      .waitFor();
    await widgetChoice(page, 'Ask an expert').check();
    const ask = page.getByRole('group', { name: 'Ask an expert settings' });
    await ask.getByLabel('Topic', { exact: true }).selectOption('it-help');
    await page.getByLabel('Topic name shown in the widget').fill('IT "help" <desk>');
    assert.match(
      await snippetOf(page),
      /<plaza-ask-expert topic="it-help" label="IT &quot;help&quot; &lt;desk&gt;"><\/plaza-ask-expert>/,
    );
    await context.close();
  });

  it('the snippet for a page of another origin, pasted into one, renders the poll from there', async () => {
    const { context, page, errors } = await openBuilder();
    await widgetChoice(page, 'Poll').check();
    await page.getByLabel('Poll to show').selectOption({ label: 'What should the next all-hands town hall focus on?' });
    await page.getByLabel('The page is on another origin than this server').check();
    const snippet = await snippetOf(page);
    assert.match(snippet, /credentials="include"/);

    const pasted = await context.newPage();
    const failed: string[] = [];
    pasted.on('pageerror', (error) => errors.push(`pasted page: ${error.message}`));
    pasted.on('requestfailed', (request) => failed.push(request.url()));
    const { intranet } = e2e.demo;
    intranet.pages.set(
      '/news.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>News</title></head><body>\n${snippet}\n</body></html>`,
    );
    // Its live updates too: the event stream opens once the poll holds data.
    const stream = pasted.waitForResponse((response) => response.url() === `${e2e.demo.url}/v1/events`);
    await pasted.goto(`${intranet.origin}/news.html`);
    const poll = pasted.locator('plaza-poll[poll-id="poll-townhall"]');
    await poll.getByText('What should the next all-hands town hall focus on?').waitFor();
    await poll.getByText('Hybrid work guidelines').first().waitFor();
    assert.equal((await stream).status(), 200);
    assert.deepEqual(failed, [], 'every script and API request of the pasted page went through');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a poll created in the builder is selected and shown in the preview', async () => {
    const { context, page, errors } = await openBuilder();
    await signIn(page, 'u-alex');
    await page.getByText('Create a new poll').click();
    const question = `Which day suits the fire drill? (${Date.now()})`;
    await page.getByLabel('Question', { exact: true }).fill(question);
    await page.getByLabel('Option 1', { exact: true }).fill('Monday');
    await page.getByLabel('Option 2', { exact: true }).fill('Wednesday');
    await page.getByRole('button', { name: 'Add option' }).click();
    await page.getByLabel('Option 3', { exact: true }).fill('Friday');
    await page.getByRole('button', { name: 'Create poll' }).click();
    await page.getByText(`Poll created and selected: ${question}`).waitFor();
    const selected = await page.getByLabel('Poll to show').inputValue();
    assert.match(selected, /.+/);
    assert.equal(await page.getByLabel('Poll to show').locator('option:checked').textContent(), question);
    const preview = page.getByRole('region', { name: 'Preview of the widget' });
    await preview.getByText(question).waitFor();
    for (const option of ['Monday', 'Wednesday', 'Friday']) await preview.getByText(option).first().waitFor();
    assert.match(await snippetOf(page), new RegExp(`<plaza-poll poll-id="${selected}">`));
    // Signed out, the server refuses, and the editor is told why (what they typed stays).
    await signIn(page, '');
    await page.getByText('Create a new poll').click();
    // An incomplete draft is refused by the composer before any request.
    await page.getByRole('button', { name: 'Create poll' }).click();
    await page.getByRole('alert').filter({ hasText: 'The poll needs a question.' }).waitFor();
    await page.getByLabel('Question', { exact: true }).fill('Refused?');
    await page.getByLabel('Option 1', { exact: true }).fill('Yes');
    await page.getByLabel('Option 2', { exact: true }).fill('No');
    await page.getByRole('button', { name: 'Create poll' }).click();
    await page.getByRole('alert').filter({ hasText: 'Sign in first' }).waitFor();
    assert.equal(await page.getByLabel('Question', { exact: true }).inputValue(), 'Refused?');
    // Focus is back on the button (disabling it while the request ran had dropped it to the page).
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Create poll');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('works by keyboard only: widget, group, language, theme, copy', async () => {
    const { context, page } = await openBuilder();
    // Tab from the top of the document to the widget radios.
    await page.locator('body').focus();
    let guard = 0;
    while (!(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'widget'))) {
      await page.keyboard.press('Tab');
      assert.ok(++guard < 20, 'the widget choice is reachable by Tab');
    }
    // Arrow keys move within a radio group: Poll → Feed → Group card.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await widgetChoice(page, 'Group card').isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'group-id');
    await page.keyboard.press('ArrowDown');
    const group = await page.getByLabel('Group to show').inputValue();
    // On to Language: Tab past Layout, then arrow to Deutsch.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByRole('radio', { name: 'Deutsch' }).isChecked(), true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getByRole('radio', { name: 'Light' }).isChecked(), true);
    const snippet = await snippetOf(page);
    assert.match(snippet, new RegExp(`<plaza-group-card group-id="${group}">`));
    assert.match(snippet, /locale="de" theme="light"/);
    // The copy button is reachable and works with Enter.
    await page.getByRole('button', { name: 'Copy snippet' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Copied!' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'copy', 'focus stays on the button');
    await context.close();
  });

  it('has no axe violations, with the new-poll form open and a widget previewed', async () => {
    const { context, page } = await openBuilder();
    await page.getByText('Create a new poll').click();
    await page
      .getByRole('region', { name: 'Preview of the widget' })
      .getByText(/votes?$/)
      .first()
      .waitFor();
    await page.addScriptTag({ path: axePath });
    const { violations, passes } = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe;
      const results = await axe.run(document);
      return {
        passes: results.passes.length,
        violations: results.violations.map(
          (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
        ),
      };
    });
    assert.ok(passes > 10, 'axe really checked the page');
    assert.deepEqual(violations, []);
    await context.close();
  });
});

interface AxeResults {
  passes: unknown[];
  violations: { id: string; nodes: { target: string[] }[] }[];
}
