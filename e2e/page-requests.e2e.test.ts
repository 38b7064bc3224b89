// A busy intranet page — 12 polls, 6 group cards, a feed and an ask box (20 widgets) — against the real
// reference server in Chromium: at most 6 API requests on load, one event stream, none more on a re-render.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUSY_PAGE as PAGE } from './busy-page.ts';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

describe('a page with 20 widgets against the reference server', () => {
  it('loads with at most 6 API requests and one event stream, and makes none on a re-render', async () => {
    const context = await e2e.browser.newContext();
    await context.addCookies([{ name: 'plaza_session', value: 'u-priya', url: e2e.demo.url }]);
    const page = await context.newPage();
    const api: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/v1/')) api.push(`${request.method()} ${url.pathname}${url.search}`);
    });
    await page.route(/\/busy\.html$/, (route) => route.fulfill({ body: PAGE, contentType: 'text/html' }));
    await page.goto(`${e2e.demo.url}/busy.html`);
    const tags = ['plaza-poll', 'plaza-group-card', 'plaza-feed', 'plaza-ask-expert'];
    assert.equal(await page.locator(tags.map((tag) => `body > plaza-config > ${tag}`).join(', ')).count(), 20);
    // Every widget has its content (names that only the API can have supplied).
    await page
      .locator('plaza-poll[poll-id="poll-schulung"]')
      .first()
      .getByText('Schulung', { exact: false })
      .first()
      .waitFor();
    await page.locator('plaza-group-card[group-id="grp-leadership"]').first().getByText('Leadership Circle').waitFor();
    await page.locator('plaza-ask-expert').getByText('VPN drops every few minutes').first().waitFor();
    await page.locator('plaza-feed').getByRole('article').first().waitFor();
    await page.waitForTimeout(300);

    const onLoad = api.filter((line) => line !== 'GET /v1/events');
    assert.ok(onLoad.length <= 6, `at most 6 API requests on load, got ${onLoad.length}:\n${onLoad.join('\n')}`);
    assert.equal(api.filter((line) => line === 'GET /v1/events').length, 1, 'one event stream');

    // The CMS re-inserts every widget: all served from the shared store.
    await page.evaluate(() => {
      const config = document.querySelector('plaza-config')!;
      for (const child of [...config.children]) {
        if (!child.localName.startsWith('plaza-')) continue;
        child.replaceWith(child.cloneNode(true));
      }
    });
    await page.locator('plaza-group-card[group-id="grp-leadership"]').first().getByText('Leadership Circle').waitFor();
    await page.waitForTimeout(500);
    const afterRender = api.filter((line) => line !== 'GET /v1/events');
    assert.deepEqual(afterRender.slice(onLoad.length), [], 'no request on a second render');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
