#!/usr/bin/env node
// Prints the min+gzip size of each Plaza entry point, bundled the way a page gets it (esbuild, ESM, minified,
// code-split, every dependency included unless the row says otherwise). A row counts what the page loads before
// the element can render: the entry file and every chunk it imports statically (each gzipped on its own, as a
// server sends them); chunks loaded on demand (the German strings) are listed in their own column.
// `--check` exits 1 when a row is over budget.
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { splitSizes } from './split-sizes.mjs';

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
    name: 'SDK core (@plaza/sdk: client, store, transport, realtime, polls, groups, users; without zod/mini)',
    entry: 'packages/sdk/src/index.ts',
    external: ['zod', 'zod/*', '@plaza/contract'],
    budget: 6,
  },
  {
    name: 'SDK posts module (@plaza/sdk/posts, without zod/mini)',
    entry: 'packages/sdk/src/posts.ts',
    external: ['zod', 'zod/*', '@plaza/contract', '../types.ts', '../batcher.ts', '../errors.ts', '../transport.ts'],
    budget: null,
  },
  {
    name: 'SDK questions module (@plaza/sdk/questions, without zod/mini)',
    entry: 'packages/sdk/src/questions.ts',
    external: ['zod', 'zod/*', '@plaza/contract', '../types.ts', '../batcher.ts', '../errors.ts', '../transport.ts'],
    budget: null,
  },
  {
    name: 'SDK with every resource module (without zod/mini)',
    entry: 'bench/sdk-all.ts',
    external: ['zod', 'zod/*', '@plaza/contract'],
    budget: null,
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
    splitting: true,
    outdir: resolve(root, 'bench/.bundle'),
    metafile: true,
    external,
    tsconfig: resolve(root, 'tsconfig.json'),
    legalComments: 'none',
    logLevel: 'silent',
  });
  rows.push({ name, ...splitSizes(result, root), budget });
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
console.log('| entry point | min KB | min+gzip KB | budget KB | on demand (German strings), min+gzip KB |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const lazy = row.lazy === null ? '—' : kb(row.lazy);
  console.log(`| ${row.name} | ${kb(row.min)} | ${kb(row.gzip)} | ${row.budget ?? '—'} | ${lazy} |`);
}
const over = rows.filter((row) => row.budget !== null && row.gzip > row.budget * 1024);
for (const row of over) console.log(`OVER BUDGET: ${row.name} is ${kb(row.gzip)} KB, budget ${row.budget} KB`);
if (process.argv.includes('--check') && over.length) process.exitCode = 1;
