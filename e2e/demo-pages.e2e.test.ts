// Every page of the demo, opened by a signed-in user in real Chromium, loads cleanly: each request it makes
// (pages, scripts, styles, the icon, API reads) succeeds, nothing is logged as an error, no exception escapes,
// and every widget leaves its loading skeleton.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

const PAGES = ['/', '/de.html', '/builder.html', '/csp.html'];

describe('demo pages', () => {
  for (const path of PAGES) {
    it(`${path} loads with no failed request, console error or page error, and its widgets render`, async () => {
      const context = await e2e.browser.newContext();
      await context.addCookies([{ name: 'plaza_session', value: 'u-sam', url: e2e.demo.url }]);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      });
      page.on('requestfailed', (request) => {
        // The event stream is cut when the page closes; anything else failing is a problem.
        if (!request.url().includes('/v1/events')) problems.push(`failed ${request.url()}`);
      });
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await page.goto(`${e2e.demo.url}${path}`, { waitUntil: 'load' });

      // The page's icon is served (headless Chromium does not fetch it by itself).
      const icon = await page.locator('link[rel="icon"]').getAttribute('href');
      assert.ok(icon, 'the page names an icon');
      const iconResponse = await page.request.get(new URL(icon, page.url()).href);
      assert.equal(iconResponse.status(), 200, `${icon} is served`);
      assert.match(iconResponse.headers()['content-type'] ?? '', /^image\/svg\+xml/);

      const widgets = 'plaza-poll, plaza-feed, plaza-group-card, plaza-ask-expert';
      assert.ok((await page.locator(widgets).count()) > 0 || path === '/builder.html', 'the page has widgets');
      await page.waitForFunction(
        (selector) =>
          [...document.querySelectorAll(selector)].every(
            (element) =>
              element.shadowRoot &&
              element.shadowRoot.childElementCount > 0 &&
              !element.shadowRoot.querySelector('.skeleton'),
          ),
        widgets,
      );
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
