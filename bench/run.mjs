#!/usr/bin/env node
// `pnpm bench`: runs every measurement under bench/ in turn and writes their tables to bench/results/latest.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const here = import.meta.dirname;
const benches = [
  { title: 'Bundle size (min+gzip)', script: 'bundle-size.mjs' },
  { title: 'Bundle size of peers, installed from npm in this run (min+gzip)', script: 'peers.mjs' },
  { title: 'Server load on PGlite (autocannon)', script: 'server-load.mjs' },
  { title: 'Server load on PostgreSQL (autocannon)', script: 'server-load.mjs', args: ['--postgres'] },
  { title: 'Realtime fan-out (SSE)', script: 'realtime-fanout.mjs' },
  { title: 'Requests and bytes: demo home page and a 20-widget page', script: 'requests.ts' },
  { title: 'Feed render (headless Chromium)', script: 'feed-render.mjs' },
  { title: 'Time to first render per widget (headless Chromium, local server)', script: 'first-render.ts' },
];

const sections = [];
for (const { title, script, args = [] } of benches) {
  const runner = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const command = ['node', ...runner, `bench/${script}`, ...args].join(' ');
  console.log(`\n## ${title} (${command})`);
  const output = execFileSync(process.execPath, [...runner, resolve(here, script), ...args], { encoding: 'utf8' });
  process.stdout.write(output);
  sections.push(
    `## ${title}\n\n\`${command}\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}\n\n${output.trim()}\n`,
  );
}
mkdirSync(resolve(here, 'results'), { recursive: true });
writeFileSync(resolve(here, 'results/latest.md'), `# Plaza benchmarks\n\n${sections.join('\n')}`);
console.log('\nwrote bench/results/latest.md');
