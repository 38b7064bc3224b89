#!/usr/bin/env node
// Renders <plaza-feed> with 20, 200 and 2,000 posts in headless Chromium (the real widgets and SDK against the
// stories' fake API, no network) and prints the time until every post is rendered and painted, the DOM node
// count (shadow roots included), and the time one reaction takes to show while that many posts are loaded.
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium } from '../scripts/find-chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const sizes = [20, 200, 2000];
const runs = Number(process.env.FEED_BENCH_RUNS ?? 3);

const bundle = await build({
  entryPoints: [resolve(root, 'bench/feed-render-page.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  tsconfig: resolve(root, 'tsconfig.json'),
  conditions: ['browser', 'production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
});
const script = bundle.outputFiles[0].text;

const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.route('https://bench.plaza.test/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body></body></html>',
    }),
  );
  await page.goto('https://bench.plaza.test/');
  await page.addScriptTag({ content: script, type: 'module' });
  await page.waitForFunction(() => typeof window.renderFeed === 'function');

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(`| posts | time to render (ms, median of ${runs}) | DOM nodes | one reaction shown (ms) |`);
  console.log('| ---: | ---: | ---: | ---: |');
  for (const n of sizes) {
    const results = [];
    for (let run = 0; run < runs; run++) results.push(await page.evaluate((count) => window.renderFeed(count), n));
    const renderMs = median(results.map((r) => r.renderMs));
    const updateMs = median(results.map((r) => r.updateMs));
    console.log(
      `| ${n.toLocaleString('en')} | ${renderMs.toFixed(0)} | ${results[0].nodes.toLocaleString('en')} | ${updateMs.toFixed(1)} |`,
    );
  }
} finally {
  await browser.close();
}
