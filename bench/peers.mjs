#!/usr/bin/env node
// Bundle sizes of peer products next to Plaza's, measured the same way in the same run. Each peer is installed
// from the npm registry into its own temporary directory (never into this repo; an npm cache directory is kept
// so reruns are fast), then a minimal entry that imports what a page needs to show the peer's
// feed / notification / comments component is bundled with esbuild and gzipped. Plaza's poll entry and its
// all-in-one entry are re-bundled here with exactly the same settings.
//
// Settings for every row: esbuild, ESM, minified, platform browser, `process.env.NODE_ENV` = "production",
// code-split; a row counts the entry file plus every chunk it imports statically (each gzipped at level 9 on its
// own, as a server sends them) — what loads before the component can render. Chunks loaded on demand (Plaza's
// German strings, a peer's lazy parts) are in their own column. CSS imported from JavaScript is excluded
// (esbuild's `empty` loader); the stylesheet a peer's documentation tells the page to include is bundled and
// minified on its own and listed in the "stylesheet" column. Plaza has no stylesheet: its styles are in the
// JavaScript (Lit `css`), so they are already in its figures. (None of the four peers imports CSS from its
// JavaScript today; the script prints a note when one does.)
//
// giscus: its usual embed is `<script src="https://giscus.app/client.js">`, which is served by giscus.app and is
// not on npm. The npm package `giscus` (giscus/giscus-component, `web/`) ships `dist/giscus.mjs`, a Lit element
// `<giscus-widget>` doing the same job as client.js: it builds the iframe pointing at giscus.app. That loader is
// what a page bundles and what the row counts; the comments UI itself (giscus.app's Next.js app inside the
// iframe) is downloaded from giscus.app at run time and cannot be measured from the registry, so the row is a
// lower bound of what a visitor loads.
//   node bench/peers.mjs [--keep]     (--keep leaves the temporary install directory and prints its path)
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { minifyCssEsbuild } from '../scripts/minify-css.mjs';
import { gzipSize, splitSizes } from './split-sizes.mjs';

const root = resolve(import.meta.dirname, '..');
const cache = process.env.PLAZA_BENCH_NPM_CACHE ?? join(tmpdir(), 'plaza-bench-npm-cache');
const base = mkdtempSync(join(tmpdir(), 'plaza-peers-'));
const run = promisify(execFile);

/**
 * The peers. `install` is what `npm install` gets (each peer in its own directory, so react-activity-feed can
 * have the React 17 it requires while the others get React 19); `entry` is the page's code; `versions` are
 * the packages whose installed version the table shows; `stylesheet` is the CSS file the peer's docs tell a
 * page to include.
 */
const peers = [
  {
    product: 'Stream (react-activity-feed)',
    install: ['react-activity-feed', 'react@17', 'react-dom@17'],
    versions: ['react-activity-feed', 'react'],
    includes:
      'StreamApp, FlatFeed, Activity, ActivityFooter, LikeButton, CommentField, CommentList, StatusUpdateForm + react-dom render (React 17, its peer range)',
    stylesheet: 'react-activity-feed/dist/index.css',
    entry: `
      import { createElement as h } from 'react';
      import { render } from 'react-dom';
      import {
        StreamApp, FlatFeed, Activity, ActivityFooter, LikeButton, CommentField, CommentList, StatusUpdateForm,
      } from 'react-activity-feed';
      const renderActivity = ({ activity, feedGroup, userId }) =>
        h(Activity, {
          activity, feedGroup, userId,
          Footer: () => h('div', null,
            h(ActivityFooter, { activity, feedGroup, userId }),
            h(LikeButton, { activity }),
            h(CommentField, { activity }),
            h(CommentList, { activityId: activity.id })),
        });
      render(
        h(StreamApp, { apiKey: 'key', appId: '1', token: 'token' },
          h(StatusUpdateForm, { feedGroup: 'user' }),
          h(FlatFeed, { notify: true, feedGroup: 'user', Activity: renderActivity })),
        document.getElementById('root'),
      );
    `,
  },
  {
    product: 'Knock (@knocklabs/react)',
    install: ['@knocklabs/react', 'react', 'react-dom'],
    versions: ['@knocklabs/react', 'react'],
    includes:
      'KnockProvider, KnockFeedProvider, NotificationIconButton, NotificationFeedPopover + react-dom/client createRoot',
    stylesheet: '@knocklabs/react/dist/index.css',
    entry: `
      import { createElement as h, useRef, useState } from 'react';
      import { createRoot } from 'react-dom/client';
      import { KnockProvider, KnockFeedProvider, NotificationIconButton, NotificationFeedPopover } from '@knocklabs/react';
      function Bell() {
        const [open, setOpen] = useState(false);
        const button = useRef(null);
        return h('div', null,
          h(NotificationIconButton, { ref: button, onClick: () => setOpen(!open) }),
          h(NotificationFeedPopover, { buttonRef: button, isVisible: open, onClose: () => setOpen(false) }));
      }
      createRoot(document.getElementById('root')).render(
        h(KnockProvider, { apiKey: 'pk', userId: 'u1' },
          h(KnockFeedProvider, { feedId: 'feed' }, h(Bell))),
      );
    `,
  },
  {
    product: 'Liveblocks (@liveblocks/react-ui)',
    install: ['@liveblocks/react-ui', '@liveblocks/react', 'react', 'react-dom'],
    versions: ['@liveblocks/react-ui', 'react'],
    includes:
      'LiveblocksProvider, RoomProvider, ClientSideSuspense, useThreads (@liveblocks/react) + Thread, Composer (@liveblocks/react-ui) + createRoot',
    stylesheet: '@liveblocks/react-ui/styles.css',
    entry: `
      import { createElement as h } from 'react';
      import { createRoot } from 'react-dom/client';
      import { LiveblocksProvider, RoomProvider, ClientSideSuspense, useThreads } from '@liveblocks/react';
      import { Thread, Composer } from '@liveblocks/react-ui';
      function Comments() {
        const { threads } = useThreads();
        return h('div', null, threads.map((thread) => h(Thread, { key: thread.id, thread })), h(Composer));
      }
      createRoot(document.getElementById('root')).render(
        h(LiveblocksProvider, { publicApiKey: 'pk_test' },
          h(RoomProvider, { id: 'room' },
            h(ClientSideSuspense, { fallback: null }, h(Comments)))),
      );
    `,
  },
  {
    product: 'giscus (npm `giscus`: the `<giscus-widget>` loader)',
    install: ['giscus'],
    versions: ['giscus', 'lit'],
    includes:
      '`<giscus-widget>` (a Lit element that only creates the iframe); the comments UI runs inside an iframe from giscus.app and is not on npm, so not counted',
    stylesheet: null,
    entry: `
      import { GiscusWidget } from 'giscus';
      const widget = document.createElement('giscus-widget');
      widget.setAttribute('repo', 'acme/intranet');
      document.body.append(widget);
      globalThis.giscusLoaded = GiscusWidget;
    `,
  },
];

/** Bundles `entry` (absolute path) with the settings every row shares; returns eager and on-demand sizes. */
async function measure(entry, { cwd, tsconfig } = {}) {
  const outdir = join(base, '.out');
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: cwd ?? root,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'empty' },
    write: false,
    splitting: true,
    outdir,
    metafile: true,
    tsconfig,
    legalComments: 'none',
    logLevel: 'silent',
    // Plaza's widget CSS minified as its builds ship it (matches Plaza's style files only).
    plugins: [minifyCssEsbuild()],
  });
  const cssImports = Object.keys(result.metafile.inputs).filter((path) => path.endsWith('.css')).length;
  return { ...splitSizes(result, cwd ?? root), cssImports };
}

/** The peer's stylesheet, minified by esbuild and gzipped (level 9). */
async function measureCss(dir, specifier) {
  const result = await build({
    stdin: { contents: `@import ${JSON.stringify(specifier)};`, loader: 'css', resolveDir: dir },
    absWorkingDir: dir,
    bundle: true,
    minify: true,
    write: false,
    outdir: join(base, '.css'),
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
    logLevel: 'silent',
  });
  const css = result.outputFiles.find((file) => file.path.endsWith('.css')).contents;
  return { min: css.length, gzip: gzipSize(css) };
}

const firstLines = (text, pattern) =>
  String(text ?? '')
    .split('\n')
    .filter((line) => pattern.test(line))
    .slice(0, 2)
    .join(' / ')
    .replace(/\|/g, '\\|')
    .slice(0, 200);

async function measurePeer(peer, index) {
  const dir = join(base, `peer-${index}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true }));
  try {
    await run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--no-package-lock',
        '--cache',
        cache,
        ...peer.install,
      ],
      {
        cwd: dir,
        timeout: 300_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, npm_config_loglevel: 'error' },
      },
    );
  } catch (error) {
    const reason = firstLines(error.stderr, /npm error|ERR/) || error.message.split('\n')[0];
    return { peer, error: `install failed: ${reason}` };
  }
  const versions = peer.versions
    .map((name) => {
      const file = join(dir, 'node_modules', name, 'package.json');
      return existsSync(file) ? `${name}@${JSON.parse(readFileSync(file, 'utf8')).version}` : null;
    })
    .filter(Boolean);
  const entry = join(dir, 'entry.js');
  writeFileSync(entry, peer.entry);
  let js;
  try {
    js = await measure(entry, { cwd: dir });
  } catch (error) {
    const reason =
      (error.errors ?? [])
        .map((e) => e.text)
        .slice(0, 2)
        .join(' / ') || error.message.split('\n')[0];
    return { peer, versions, error: `bundle failed: ${reason.replace(/\|/g, '\\|')}` };
  }
  let css = null;
  if (peer.stylesheet) {
    try {
      css = await measureCss(dir, peer.stylesheet);
    } catch (error) {
      css = { error: (error.errors?.[0]?.text ?? error.message).split('\n')[0] };
    }
  }
  return { peer, versions, js, css };
}

try {
  const plazaPoll = await measure(resolve(root, 'packages/widgets/src/poll/define.ts'), {
    tsconfig: resolve(root, 'tsconfig.json'),
  });
  const plazaAll = await measure(resolve(root, 'packages/widgets/src/define.ts'), {
    tsconfig: resolve(root, 'tsconfig.json'),
  });
  // Installs run side by side (npm is mostly waiting on the registry); bundling is quick.
  const results = await Promise.all(peers.map(measurePeer));

  const kb = (bytes) => (bytes / 1024).toFixed(1);
  const ratio = (bytes, plaza) => `${(bytes / plaza.gzip).toFixed(1)}×`;
  for (const result of results) if (result.error) console.log(`${result.peer.product}: ${result.error}`);
  console.log(
    `peers installed from ${process.env.npm_config_registry ?? 'the npm registry'} into ${base}; npm cache ${cache}`,
  );
  console.log('');
  console.log(
    '| product | the entry includes | min KB | min+gzip KB | on demand, min+gzip KB | stylesheet min+gzip KB | × Plaza all-in-one | × Plaza poll |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const row = (product, includes, js, css, lazy) =>
    console.log(
      `| ${product} | ${includes} | ${kb(js.min)} | ${kb(js.gzip)} | ${lazy} | ${css} | ${ratio(js.gzip, plazaAll)} | ${ratio(js.gzip, plazaPoll)} |`,
    );
  const notes = [];
  const lazyCell = (js) => (js.lazy === null ? '—' : kb(js.lazy));
  row(
    'Plaza all-in-one (define.ts: every widget at once)',
    'all widgets: config, poll, group card, ask-an-expert, feed + SDK (validating with checks compiled from the contract) + Lit; German strings on demand',
    plazaAll,
    '— (in JS)',
    lazyCell(plazaAll),
  );
  row(
    'Plaza poll (define/poll)',
    '`<plaza-poll>` + `<plaza-config>` + SDK (validating with checks compiled from the contract) + Lit; German strings on demand',
    plazaPoll,
    '— (in JS)',
    lazyCell(plazaPoll),
  );
  for (const { peer, versions = [], js, css, error } of results) {
    const product = `${peer.product}${versions.length ? ` (${versions.join(', ')})` : ''}`;
    if (error) {
      console.log(`| ${product} | ${peer.includes} | ${error} | — | — | — | — | — |`);
      continue;
    }
    if (js.cssImports) notes.push(`${peer.product}: ${js.cssImports} CSS file(s) imported from JavaScript, excluded`);
    const cssCell = css === null ? '— (none)' : css.error ? `failed: ${css.error}` : kb(css.gzip);
    row(product, peer.includes, js, cssCell, lazyCell(js));
  }
  if (notes.length) console.log(`\n${notes.join('\n')}`);
} finally {
  if (process.argv.includes('--keep')) console.log(`kept ${base}`);
  else rmSync(base, { recursive: true, force: true });
}
