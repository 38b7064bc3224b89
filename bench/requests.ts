#!/usr/bin/env -S node --import tsx
// Requests and bytes of the demo's home page as a visitor loads it: headless Chromium (playwright-core, the
// system Chromium) against the demo server (in-memory PGlite, seeded), signed in as a member. Prints each
// API request, the totals of API requests, event streams, script bytes and API bytes, and the widget count.
//   node --import tsx bench/requests.ts [--user u-priya] [--page /]
import { chromium } from 'playwright-core';
import { findChromium } from '../scripts/find-chromium.mjs';
import { startDemo } from '../e2e/demo-server.ts';

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1]!;
};
const user = option('user', 'u-priya');
const path = option('page', '/');

const demo = await startDemo();
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'plaza_session', value: user, url: demo.url }]);
  const page = await context.newPage();
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
    () => document.querySelectorAll('plaza-poll, plaza-group-card, plaza-feed, plaza-ask-expert, plaza-post').length,
  );
  // The demo chrome's user switcher also asks GET /v1/me (and /v1/dev/users, left out above): not a widget's.
  const meCalls = api.filter((entry) => entry.line === 'GET /v1/me').length;
  const chrome = meCalls > 1 ? 1 : 0;
  const widgetRequests = api.length - chrome;
  for (const entry of api) console.log(`${entry.line}  ${(entry.bytes / 1024).toFixed(1)} KB`);
  console.log('');
  console.log('| page | widgets | API requests | event streams | API KB | script KB (uncompressed) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const apiKb = (api.reduce((sum, entry) => sum + entry.bytes, 0) / 1024).toFixed(1);
  console.log(
    `| ${path} as ${user} | ${widgets} | ${widgetRequests} | ${streams} | ${apiKb} | ${(scriptBytes / 1024).toFixed(1)} |`,
  );
  console.log('');
  console.log(
    `summary: ${widgets} widgets, ${widgetRequests} API requests (the demo's user switcher adds ${chrome} more), ${streams} event stream(s)`,
  );
} finally {
  await browser.close();
  await demo.stop();
}
