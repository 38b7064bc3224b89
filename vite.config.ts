import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { minifyCssVite } from './scripts/minify-css.mjs';

/**
 * `vite build --mode bundle` makes the self-registering module `demo/dist/plaza.js` that the demo (and a CDN
 * page) loads with one `<script type="module">`, and the chunks it loads on demand: each widget's code, the
 * German strings. Other modes (Storybook) get the defaults.
 */
export default defineConfig(({ mode }) =>
  mode === 'bundle'
    ? {
        // The widgets' CSS is minified too (esbuild and Rolldown leave template text alone).
        plugins: [minifyCssVite()],
        build: {
          outDir: resolve(import.meta.dirname, 'demo/dist'),
          emptyOutDir: true,
          target: 'es2022',
          sourcemap: true,
          // Not library mode: that leaves an ES bundle unminified (to keep pure annotations for re-bundling); a
          // page loads this file as is, so it is minified like an app, keeping the entry's exports.
          modulePreload: false,
          rollupOptions: {
            input: { plaza: resolve(import.meta.dirname, 'packages/widgets/src/plaza.ts') },
            preserveEntrySignatures: 'exports-only',
            output: {
              format: 'es',
              entryFileNames: '[name].js',
              // Chunks named for what they hold — a widget's code (poll-….js), German strings (de-poll-….js), code
              // the widgets share (shared-….js) — which tests and network panels read.
              // What every widget needs (Lit, the SDK core and its checks, <plaza-config>, the shared internals) is
              // one chunk that plaza.js imports; each widget's chunk holds only its own code.
              manualChunks: (id) =>
                /node_modules\/(lit|lit-html|lit-element|@lit\/[\w-]+)\/|packages\/(sdk\/src\/(?!realtime|sse)[\w-]+\.ts|contract\/src\/(check|limits)\.ts|widgets\/src\/(internal\/(?!rich-text)|config\/)|widgets\/src\/locales\/en\/common)/.test(
                  id.replaceAll('\\', '/'),
                )
                  ? 'shared'
                  : undefined,
              chunkFileNames: (chunk) => {
                const ids = chunk.moduleIds.map((id) => id.replaceAll('\\', '/'));
                const widget = ids
                  .map((id) => id.match(/widgets\/src\/(poll|feed|group-card|ask-expert)\/define\.ts$/)?.[1])
                  .find(Boolean);
                if (widget) return `chunks/${widget}-[hash].js`;
                if (ids.some((id) => id.endsWith('sdk/src/realtime.ts'))) return 'chunks/realtime-[hash].js';
                const strings = ids.map((id) => id.match(/widgets\/src\/locales\/(\w+)\/([\w-]+)\.ts$/));
                const only = strings.every(Boolean) ? strings[0] : null;
                return only ? `chunks/${only[1]}-${only[2]}-[hash].js` : 'chunks/shared-[hash].js';
              },
            },
          },
        },
      }
    : {},
);
