#!/usr/bin/env -S node --import tsx
// Requests and bytes of two pages as a visitor loads them: headless Chromium (playwright-core, the system
// Chromium) against the demo server (in-memory PGlite, seeded), signed in as a member: the demo's home page
// (10 widgets) and a busy page with 20 widgets (12 polls, 6 group cards, a feed, an ask box). Prints each
// API request, then a table: widgets, API requests, event streams, API bytes, script bytes transferred.
//   node --import tsx bench/requests.ts [--user u-priya]
import { BUSY_PAGE } from '../e2e/busy-page.ts';
import { launchChromium, startDemo } from '../e2e/demo-server.ts';

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1]!;
};
const user = option('user', 'u-priya');

const demo = await startDemo();
const browser = await launchChromium();

async function measure(path: string, html?: string) {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'plaza_session', value: user, url: demo.url }]);
  const page = await context.newPage();
  if (html) await page.route(`${demo.url}${path}`, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
  const api: { line: string; bytes: number }[] = [];
  let streams = 0;
  let scriptBytes = 0;
  page.on('requestfinished', async (request) => {
    const url = new URL(request.url());
    const sizes = await request.sizes().catch(() => null);
    const bytes = sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0;
    if (url.pathname.startsWith('/v1/') && !url.pathname.startsWith('/v1/dev/')) {
      api.push({ line: `${request.method()} ${url.pathname}${url.search}`, bytes });
    }
    if (request.resourceType() === 'script') scriptBytes += sizes?.responseBodySize ?? 0;
  });
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/v1/events') streams++;
  });
  await page.goto(`${demo.url}${path}`, { waitUntil: 'load' });
  // Let the widgets settle (batched reads run one tick after the elements connect).
  await page.waitForTimeout(1500);
  const widgets = await page.evaluate(
    () => document.querySelectorAll('plaza-poll, plaza-group-card, plaza-feed, plaza-ask-expert').length,
  );
  await context.close();
  // The demo chrome's user switcher also asks GET /v1/me (and /v1/dev/users, left out above): not a widget's.
  const meCalls = api.filter((entry) => entry.line === 'GET /v1/me').length;
  const chrome = meCalls > 1 ? 1 : 0;
  console.log(`${path}:`);
  for (const entry of api) console.log(`  ${entry.line}  ${(entry.bytes / 1024).toFixed(1)} KB`);
  return {
    path,
    widgets,
    requests: api.length - chrome,
    chrome,
    streams,
    apiKb: api.reduce((sum, entry) => sum + entry.bytes, 0) / 1024,
    scriptKb: scriptBytes / 1024,
  };
}

try {
  const rows = [await measure('/'), await measure('/busy.html', BUSY_PAGE)];
  console.log('');
  console.log('| page | widgets | API requests | event streams | API KB | script KB transferred |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const chrome = row.chrome ? ` (+${row.chrome} of the demo's user switcher)` : '';
    console.log(
      `| ${row.path} as ${user} | ${row.widgets} | ${row.requests}${chrome} | ${row.streams} | ${row.apiKb.toFixed(1)} | ${row.scriptKb.toFixed(1)} |`,
    );
  }
} finally {
  await browser.close();
  await demo.stop();
}
