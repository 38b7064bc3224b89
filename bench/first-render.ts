#!/usr/bin/env -S node --import tsx
// Time to first render of each widget against the local reference server: the demo bundle (demo/dist/plaza.js,
// built with vite as e2e/demo-server.ts does) and the server on in-memory PGlite with the demo seeds, signed in
// as a member. Each widget gets a page of its own holding only the bundle's script tag, a <plaza-config> and that
// one widget with a seeded id; the pages are written to a temporary static folder (with a copy of demo/dist), so
// nothing is left in demo/. Headless Chromium (playwright-core, the system Chromium) loads each page cold (a new
// browser context: empty HTTP cache, new connections) and warm (a reload of the same page), N times each.
//
// Measured: from navigation start (performance.timeOrigin, i.e. performance.now() = 0) to the animation frame in
// which the widget's shadow root first holds its loaded content (the poll's question, the group's name, a
// rendered post, a question of the topic — not the skeleton); a requestAnimationFrame loop started by an init
// script checks every frame, so figures have frame resolution (~16.7 ms) and mark the frame that paints them.
// Requests and bytes (response headers + encoded body, as received) are counted up to that moment for the cold
// load; the event stream the page opens is counted as a request (its bytes are not, it stays open).
//   node --import tsx bench/first-render.ts [--runs 5] [--user u-priya]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { migrate, openDb, seed, silentLogger, startServer } from '@plaza/server';
import { launchChromium } from '../e2e/demo-server.ts';

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1]!;
};
const runs = Number(option('runs', process.env.FIRST_RENDER_RUNS ?? '5'));
const user = option('user', 'u-priya');
const root = resolve(import.meta.dirname, '..');

interface Widget {
  name: string;
  tag: string;
  markup: string;
  /** A selector inside the widget's shadow root that exists only once its data has rendered. */
  loaded: string;
}
const widgets: Widget[] = [
  {
    name: 'poll',
    tag: 'plaza-poll',
    markup: '<plaza-poll poll-id="poll-townhall"></plaza-poll>',
    loaded: '[part="question"]',
  },
  {
    name: 'group card',
    tag: 'plaza-group-card',
    markup: '<plaza-group-card group-id="grp-solar-service"></plaza-group-card>',
    loaded: '[part="name"]',
  },
  {
    name: 'feed',
    tag: 'plaza-feed',
    markup: '<plaza-feed compose page-size="10"></plaza-feed>',
    // The feed renders <plaza-post> elements; a post is loaded when its own shadow root holds the article.
    loaded: 'plaza-post >>> article[part="post"]',
  },
  {
    name: 'ask-an-expert',
    tag: 'plaza-ask-expert',
    markup: '<plaza-ask-expert topic="it-help" label="IT help"></plaza-ask-expert>',
    loaded: '[part="question"]',
  },
];

const page = (widget: Widget) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>First render: ${widget.name}</title>
    <script type="module" src="/dist/plaza.js"></script>
  </head>
  <body>
    <plaza-config api-base="/">${widget.markup}</plaza-config>
  </body>
</html>
`;

/**
 * Runs in the page from document start: checks every animation frame whether the widget shows its loaded
 * content and records performance.now() for the first frame that does. A string, so that tsx's helpers
 * (`__name`) do not end up in the page.
 */
const watchFirstRender = ({ tag, loaded }: Widget) => {
  const [outer, inner] = loaded.split(' >>> ');
  return `(() => {
  const found = () => {
    const shadow = document.querySelector(${JSON.stringify(tag)})?.shadowRoot;
    if (!shadow) return false;
    const inner = ${JSON.stringify(inner ?? null)};
    if (inner === null) return shadow.querySelector(${JSON.stringify(outer)}) !== null;
    return [...shadow.querySelectorAll(${JSON.stringify(outer)})].some((host) => host.shadowRoot?.querySelector(inner) != null);
  };
  const frame = () => {
    if (found()) window.firstRenderMs = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;
};

// The bundle, built the way the demo builds it.
execFileSync(
  process.execPath,
  [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'bundle', '--logLevel', 'error'],
  { cwd: root, stdio: 'inherit' },
);
const staticDir = mkdtempSync(join(tmpdir(), 'plaza-first-render-'));
cpSync(resolve(root, 'demo/dist'), join(staticDir, 'dist'), { recursive: true });
for (const widget of widgets) writeFileSync(join(staticDir, `${widget.tag}.html`), page(widget));
// The server sends Last-Modified but no Cache-Control, so Chromium keeps a file fresh for 10% of its age: a bundle
// built a second ago would be re-fetched on every reload. Date the copies a day back, as a deployed bundle would be.
const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
const backdate = (dir: string) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) backdate(path);
    utimesSync(path, dayAgo, dayAgo);
  }
};
backdate(staticDir);

const db = await openDb({});
await migrate(db);
await seed(db);
const server = await startServer({ port: 0, host: '127.0.0.1', db, staticDir, authMode: 'dev', log: silentLogger });
const origin = `http://127.0.0.1:${server.port}`;
const browser = await launchChromium();

interface Load {
  ms: number;
  /** Every request the page made, the event stream included. */
  requests: number;
  /** Of those, answered from Chromium's cache. */
  cached: number;
  bytes: number;
}

/**
 * Counts requests and received bytes on `page` until `stop()` is called. A response from Chromium's memory or
 * disk cache (Playwright reports a negative body size for those) counts as a request from cache, 0 bytes.
 */
function countTraffic(target: Page) {
  let requests = 0;
  const sizes: Promise<number>[] = [];
  const onRequest = () => requests++;
  const onFinished = (request: Request) =>
    sizes.push(
      request
        .sizes()
        .then((size) => (size.responseBodySize < 0 ? -1 : size.responseHeadersSize + size.responseBodySize))
        .catch(() => 0),
    );
  target.on('request', onRequest);
  target.on('requestfinished', onFinished);
  return async (): Promise<Omit<Load, 'ms'>> => {
    target.off('request', onRequest);
    target.off('requestfinished', onFinished);
    const all = await Promise.all(sizes);
    const bytes = all.reduce((sum, size) => sum + Math.max(0, size), 0);
    return { requests, cached: all.filter((size) => size < 0).length, bytes };
  };
}

async function firstRender(target: Page): Promise<number> {
  const handle = await target.waitForFunction('window.firstRenderMs', undefined, { timeout: 30_000 });
  return (await handle.jsonValue()) as number;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};

/** Loads the widget's page in a new context (empty cache) and times it; reloads it `reloads` times (warm). */
async function measure(widget: Widget, reloads: number) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  try {
    await context.addCookies([{ name: 'plaza_session', value: user, url: origin }]);
    await context.addInitScript({ content: watchFirstRender(widget) });
    const target = await context.newPage();
    target.on('pageerror', (error) => console.error(`${widget.name}: page error: ${error.message}`));
    const stop = countTraffic(target);
    await target.goto(`${origin}/${widget.tag}.html`, { waitUntil: 'commit' });
    const cold: Load = { ms: await firstRender(target), ...(await stop()) };
    // Warm: the same page reloaded (HTTP cache as the server's headers allow, code cache, connection open).
    const warm: Load[] = [];
    for (let reload = 0; reload < reloads; reload++) {
      const stopWarm = countTraffic(target);
      await target.reload({ waitUntil: 'commit' });
      warm.push({ ms: await firstRender(target), ...(await stopWarm()) });
    }
    return { cold, warm };
  } finally {
    await context.close();
  }
}

const results: { widget: Widget; cold: Load[]; warm: Load[] }[] = [];
try {
  // One unmeasured load first, so that starting the browser's renderer and network processes is in no figure.
  await measure(widgets[0]!, 0);
  for (const widget of widgets) {
    const cold: Load[] = [];
    let warm: Load[] = [];
    for (let run = 0; run < runs; run++) {
      const load = await measure(widget, run === 0 ? runs : 0);
      cold.push(load.cold);
      if (run === 0) warm = load.warm;
    }
    results.push({ widget, cold, warm });
  }
} finally {
  await browser.close();
  await server.close();
  await db.close();
  rmSync(staticDir, { recursive: true, force: true });
}

const ms = (value: number) => value.toFixed(0);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const median = (loads: Load[], key: keyof Load) =>
  quantile(
    loads.map((load) => load[key]),
    0.5,
  );
console.log(
  `signed in as ${user}; per widget ${runs} cold loads (a new browser context each) and ${runs} warm reloads; ` +
    `p90 of ${runs} runs is the ${runs <= 10 ? 'slowest' : '90th percentile'}; requests and KB are medians, counted up to first render`,
);
console.log('');
console.log(
  '| widget | cold median ms | cold p90 ms | warm median ms | warm p90 ms | cold requests | cold KB transferred | warm requests (from cache) | warm KB transferred |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { widget, cold, warm } of results) {
  const coldMs = cold.map((load) => load.ms);
  const warmMs = warm.map((load) => load.ms);
  const markup = widget.markup.replace(/<\/.*$/, '');
  console.log(
    `| ${widget.name} (\`${markup}\`) | ${ms(quantile(coldMs, 0.5))} | ${ms(quantile(coldMs, 0.9))} | ` +
      `${ms(quantile(warmMs, 0.5))} | ${ms(quantile(warmMs, 0.9))} | ${median(cold, 'requests')} | ` +
      `${kb(median(cold, 'bytes'))} | ${median(warm, 'requests')} (${median(warm, 'cached')}) | ${kb(median(warm, 'bytes'))} |`,
  );
}
