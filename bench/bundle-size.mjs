#!/usr/bin/env node
// Prints the min+gzip size of each Plaza entry point, bundled the way a page gets it (esbuild, ESM, minified,
// every dependency included unless the row says otherwise). `--check` exits 1 when a row is over budget.
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const entries = [
  { name: 'poll + SDK + Lit (define/poll)', entry: 'packages/widgets/src/poll/define.ts', budget: 15 },
  {
    name: 'poll + SDK + Lit, without zod/mini',
    entry: 'packages/widgets/src/poll/define.ts',
    external: ['zod', 'zod/*'],
    budget: null,
  },
  { name: 'all widgets (define.ts, plaza.js)', entry: 'packages/widgets/src/define.ts', budget: 30 },
  {
    name: 'SDK alone (without zod/mini)',
    entry: 'packages/sdk/src/index.ts',
    external: ['zod', 'zod/*', '@plaza/contract'],
    budget: 6,
  },
  {
    name: 'contract (zod/mini schemas)',
    entry: 'packages/contract/src/index.ts',
    budget: null,
    note: 'tree-shaken in widgets',
  },
];

const rows = [];
for (const { name, entry, external = [], budget } of entries) {
  const result = await build({
    entryPoints: [resolve(root, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    external,
    tsconfig: resolve(root, 'tsconfig.json'),
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const gzip = gzipSync(code, { level: 9 }).length;
  rows.push({ name, min: code.length, gzip, budget });
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
console.log('| entry point | min KB | min+gzip KB | budget KB |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) console.log(`| ${row.name} | ${kb(row.min)} | ${kb(row.gzip)} | ${row.budget ?? '—'} |`);
const over = rows.filter((row) => row.budget !== null && row.gzip > row.budget * 1024);
for (const row of over) console.log(`OVER BUDGET: ${row.name} is ${kb(row.gzip)} KB, budget ${row.budget} KB`);
if (process.argv.includes('--check') && over.length) process.exitCode = 1;
