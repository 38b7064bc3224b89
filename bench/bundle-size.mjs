#!/usr/bin/env node
// Prints the min+gzip size of each Plaza entry point, bundled the way a page gets it (esbuild, ESM, minified,
// code-split, every dependency included unless the row says otherwise). A row counts what the page loads before
// the element can render: the entry file and every chunk it imports statically (each gzipped on its own, as a
// server sends them); chunks loaded on demand (the German strings) are listed in their own column.
// Two limits per row: `budget`, the target (issues 3, 5, 9 — printed, and `--budget` exits 1 above it), and
// `ceiling`, a ratchet at today's size plus a little: `--check` (a gate of `pnpm test`, so of CI) exits 1 when
// a change makes a row grow past it. Lower a ceiling when a row shrinks; raise one only with a reason.
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { minifyCssEsbuild } from '../scripts/minify-css.mjs';
import { eagerOutputs, gzipSize, splitSizes } from './split-sizes.mjs';

const root = resolve(import.meta.dirname, '..');
// `browser: true` rows are what pages load: they must not contain zod (the SDK validates with the checks compiled
// from the contract, `@plaza/contract/checks`); `--check` fails if one does.
/** A resource module's row counts its own code only: the contract and the SDK core it shares are left out. */
const RESOURCE_MODULE_EXTERNALS = [
  '@plaza/contract',
  '@plaza/contract/*',
  '../types.ts',
  '../batcher.ts',
  '../errors.ts',
  '../transport.ts',
];
const entries = [
  {
    name: 'poll + SDK + Lit (define/poll)',
    entry: 'packages/widgets/src/poll/define.ts',
    budget: 15,
    ceiling: 22.8,
    browser: true,
    breakdown: true,
  },
  {
    name: 'all widgets (define.ts: every element at once)',
    entry: 'packages/widgets/src/define.ts',
    budget: 30,
    // 65.7 → 66.1: the feed keeps drafts (collapsed comments, Escape twice over changes), says a failed comment
    // edit beside its field, and shows an error state when the reader cannot be loaded. 66.1 → 66.2: the ask box
    // forgets the drafts of the previous person on a user switch.
    ceiling: 66.2,
    browser: true,
  },
  {
    name: 'SDK core (@plaza/sdk: client, store, transport, polls, groups, users; realtime on demand; without its checks)',
    entry: 'packages/sdk/src/index.ts',
    external: ['@plaza/contract', '@plaza/contract/*'],
    budget: 6,
    ceiling: 5,
    browser: true,
  },
  {
    name: 'SDK posts module (@plaza/sdk/posts, without its checks)',
    entry: 'packages/sdk/src/posts.ts',
    external: RESOURCE_MODULE_EXTERNALS,
    budget: null,
    ceiling: 4,
    browser: true,
  },
  {
    name: 'SDK questions module (@plaza/sdk/questions, without its checks)',
    entry: 'packages/sdk/src/questions.ts',
    external: RESOURCE_MODULE_EXTERNALS,
    budget: null,
    ceiling: 2.6,
    browser: true,
  },
  {
    name: 'SDK with every resource module and its checks',
    entry: 'bench/sdk-all.ts',
    budget: null,
    browser: true,
  },
  {
    name: 'compiled checks, all of them (@plaza/contract/checks)',
    entry: 'packages/contract/src/checks.ts',
    budget: null,
    browser: true,
  },
  {
    name: 'contract (zod/mini schemas; the server and tools, not pages)',
    entry: 'packages/contract/src/index.ts',
    budget: null,
  },
];

const rows = [];
/** Where a row's eager bytes come from: minified bytes per origin (esbuild's metafile), gzip apportioned. */
const ORIGINS = [
  ['Lit (lit, lit-html, lit-element, @lit/*)', /node_modules\/(lit|lit-html|lit-element|@lit\/[^/]+)\//],
  ['SDK core and the checks it uses (packages/sdk, packages/contract)', /^packages\/(sdk|contract)\//],
  ['the widget: element, styles, English strings, shared internals (packages/widgets)', /^packages\/widgets\//],
];
function breakdownOf(result, gzip) {
  const { outputs } = result.metafile;
  const eager = eagerOutputs(result);
  const bytes = new Map(ORIGINS.map(([label]) => [label, 0]));
  let total = 0;
  for (const path of eager) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path].inputs)) {
      const origin = ORIGINS.find(([, pattern]) => pattern.test(input))?.[0] ?? 'other';
      bytes.set(origin, (bytes.get(origin) ?? 0) + bytesInOutput);
      total += bytesInOutput;
    }
  }
  return [...bytes].map(([label, min]) => ({ label, min, gzip: (gzip * min) / total }));
}

for (const { name, entry, external = [], budget, ceiling = null, browser = false, breakdown } of entries) {
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
    // As the builds that ship do (the package build, plaza.js).
    plugins: [minifyCssEsbuild()],
  });
  const zod = Object.keys(result.metafile.inputs).filter((input) => /node_modules\/zod\//.test(input));
  const sizes = splitSizes(result, root);
  const parts = breakdown ? breakdownOf(result, sizes.gzip) : null;
  rows.push({ name, ...sizes, budget, ceiling, zod: browser && zod.length > 0, parts });
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
console.log(
  '| entry point | min KB | min+gzip KB | budget KB | ceiling KB | on demand (German strings, realtime), min+gzip KB |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const lazy = row.lazy === null ? '—' : kb(row.lazy);
  const limits = `${row.budget ?? '—'} | ${row.ceiling ?? '—'}`;
  console.log(`| ${row.name} | ${kb(row.min)} | ${kb(row.gzip)} | ${limits} | ${lazy} |`);
}
for (const row of rows.filter((row) => row.parts)) {
  console.log(`\n${row.name}, by origin (min+gzip apportioned by minified bytes, so approximate):\n`);
  console.log('| origin | min KB | ≈ min+gzip KB |');
  console.log('| --- | ---: | ---: |');
  for (const part of row.parts) console.log(`| ${part.label} | ${kb(part.min)} | ${kb(part.gzip)} |`);
  console.log('');
}
// plaza.js as it ships (`vite build --mode bundle`, not written): it registers <plaza-config> and loads each
// widget's chunk when its element is on the page, so what a page loads depends on its widgets. A row: plaza.js,
// the chunks it imports, and the chunks of the widgets on the page with theirs, each file gzipped on its own.
const PAGES = [
  { name: 'plaza.js alone (<plaza-config>, Lit, SDK core, shared code)', widgets: [], ceiling: 20.8 },
  { name: 'a page with a poll', widgets: ['poll'], ceiling: 26.3 },
  { name: 'a page with a group card', widgets: ['group-card'], ceiling: 28.5 },
  { name: 'a page with an ask-an-expert box', widgets: ['ask-expert'], ceiling: 34.8 },
  // 49.2 → 49.7 and 69.4 → 69.8: as the all-widgets row (drafts kept, comment edit errors, reader failure).
  { name: 'a page with a feed (its posts can hold polls)', widgets: ['feed'], ceiling: 49.7 },
  // 69.2 → 69.4: the shared chunk now holds isBlank/sameTextKey (text of only invisible characters counts as empty).
  { name: 'a page with all four', widgets: ['poll', 'group-card', 'ask-expert', 'feed'], ceiling: 69.8 },
];
const bundle = await viteBuild({
  root,
  configFile: resolve(root, 'vite.config.ts'),
  mode: 'bundle',
  logLevel: 'silent',
  build: { write: false, sourcemap: false },
});
const files = new Map((Array.isArray(bundle) ? bundle[0] : bundle).output.map((file) => [file.fileName, file]));
const chunkOf = (widget) => [...files.keys()].find((name) => new RegExp(`^chunks/${widget}-[\\w-]+\\.js$`).test(name));
const cdnRows = PAGES.map(({ name, widgets, ceiling }) => {
  const loaded = new Set();
  const visit = (fileName) => {
    if (loaded.has(fileName)) return;
    loaded.add(fileName);
    for (const imported of files.get(fileName).imports) visit(imported);
  };
  for (const start of ['plaza.js', ...widgets.map(chunkOf)]) visit(start);
  let min = 0;
  let gzip = 0;
  for (const fileName of loaded) {
    const code = files.get(fileName).code;
    min += Buffer.byteLength(code);
    gzip += gzipSize(code);
  }
  return {
    name: `plaza.js: ${name}`,
    files: loaded.size,
    min,
    gzip,
    budget: null,
    ceiling,
    zod: [...loaded].some((f) => files.get(f).moduleIds.some((id) => /node_modules\/zod\//.test(id))),
  };
});
const realtimeChunk = [...files.values()].find((file) => /^chunks\/realtime-/.test(file.fileName));
console.log('\nplaza.js as built (vite build --mode bundle), by what is on the page (what loads before its widgets');
console.log(
  `render; the event stream's code follows once a widget holds data: ${kb(gzipSize(realtimeChunk.code))} KB):\n`,
);
console.log('| page | files | min KB | min+gzip KB | ceiling KB |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of cdnRows)
  console.log(`| ${row.name} | ${row.files} | ${kb(row.min)} | ${kb(row.gzip)} | ${row.ceiling} |`);
console.log('');
rows.push(...cdnRows);

const over = rows.filter((row) => row.budget !== null && row.gzip > row.budget * 1024);
for (const row of over) console.log(`OVER BUDGET: ${row.name} is ${kb(row.gzip)} KB, budget ${row.budget} KB`);
const grown = rows.filter((row) => row.ceiling !== null && row.gzip > row.ceiling * 1024);
for (const row of grown)
  console.log(`GREW PAST ITS CEILING: ${row.name} is ${kb(row.gzip)} KB, ceiling ${row.ceiling} KB`);
const withZod = rows.filter((row) => row.zod);
for (const row of withZod) console.log(`ZOD IN A BROWSER BUNDLE: ${row.name} (import from @plaza/contract/checks)`);
if (process.argv.includes('--budget') && over.length) process.exitCode = 1;
if (process.argv.includes('--check') && (grown.length || withZod.length)) process.exitCode = 1;
if (process.argv.includes('--check') && !grown.length && !withZod.length)
  console.log('every entry point within its ceiling; no zod in a browser bundle');
