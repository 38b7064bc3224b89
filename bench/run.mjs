#!/usr/bin/env node
// `pnpm bench`: runs every measurement under bench/ in turn and writes their tables to bench/results/latest.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const here = import.meta.dirname;
const benches = [
  { title: 'Bundle size (min+gzip)', script: 'bundle-size.mjs' },
  { title: 'Server load (autocannon)', script: 'server-load.mjs' },
  { title: 'Realtime fan-out (SSE)', script: 'realtime-fanout.mjs' },
  { title: 'Feed render (headless Chromium)', script: 'feed-render.mjs' },
];

const sections = [];
for (const { title, script } of benches) {
  console.log(`\n## ${title} (node bench/${script})`);
  const output = execFileSync(process.execPath, [resolve(here, script)], { encoding: 'utf8' });
  process.stdout.write(output);
  sections.push(
    `## ${title}\n\n\`node bench/${script}\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}\n\n${output.trim()}\n`,
  );
}
mkdirSync(resolve(here, 'results'), { recursive: true });
writeFileSync(resolve(here, 'results/latest.md'), `# Plaza benchmarks\n\n${sections.join('\n')}`);
console.log('\nwrote bench/results/latest.md');
