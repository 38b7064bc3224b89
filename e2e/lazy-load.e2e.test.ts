// plaza.js loads each widget's code when its element is on the page (issue 9): a page with one poll fetches
// plaza.js, the shared chunk and the poll's chunk — never the feed's, the ask box's or the group card's — and a
// widget a CMS adds later loads then and works. Against the demo server, in Chromium, signed in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>One poll</title>
  <script type="module" src="/dist/plaza.js"></script></head>
  <body><main><h1>Team news</h1><plaza-config api-base="/"><plaza-poll poll-id="poll-townhall"></plaza-poll>
  <div id="later"></div></plaza-config></main></body></html>`;

/** Which of the widgets' chunks (chunks/poll-….js, chunks/feed-….js …) the page fetched. */
const widgetChunks = (scripts: string[]) =>
  scripts
    .map((path) => path.match(/\/dist\/chunks\/(poll|feed|group-card|ask-expert)-[\w-]+\.js$/)?.[1])
    .filter((name): name is string => !!name)
    .sort();

describe('plaza.js loads a widget’s code when its element is on the page', () => {
  it('loads only the poll’s code for a page with one poll, and the feed’s when a feed is added', async () => {
    const context = await e2e.browser.newContext();
    await context.addCookies([{ name: 'plaza_session', value: 'u-priya', url: e2e.demo.url }]);
    const page = await context.newPage();
    const scripts: string[] = [];
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.route(/\/one-poll\.html$/, (route) => route.fulfill({ body: PAGE, contentType: 'text/html' }));
    await page.goto(`${e2e.demo.url}/one-poll.html`);
    await page.locator('plaza-poll').getByText('What should the next all-hands town hall focus on?').waitFor();
    await page.waitForTimeout(300);

    assert.deepEqual(widgetChunks(scripts), ['poll']);
    assert.ok(scripts.includes('/dist/plaza.js'));
    assert.equal(await page.evaluate(() => !!customElements.get('plaza-feed')), false);

    // A CMS adds a feed after the page has loaded: its code loads then, and it shows posts.
    await page.evaluate(() => {
      const feed = document.createElement('plaza-feed');
      feed.setAttribute('page-size', '3');
      document.querySelector('#later')!.append(feed);
    });
    await page.locator('plaza-feed').getByRole('article').first().waitFor();
    assert.deepEqual(widgetChunks(scripts), ['feed', 'poll']);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows every widget of the demo page, each widget’s code fetched once', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${e2e.demo.url}/`);
    await page.locator('plaza-feed').getByRole('article').first().waitFor();
    await page.locator('plaza-ask-expert').getByText('VPN drops every few minutes').first().waitFor();
    await page.locator('plaza-group-card[group-id="grp-it-help"]').getByText('IT Help & Tips').first().waitFor();
    assert.deepEqual(widgetChunks(scripts), ['ask-expert', 'feed', 'group-card', 'poll']);
    await context.close();
  });
});
