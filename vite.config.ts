import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * `vite build --mode bundle` makes the self-registering all-in-one module `demo/dist/plaza.js` that the demo
 * (and a CDN page) loads with one `<script type="module">`. Other modes (Storybook) get the defaults.
 */
export default defineConfig(({ mode }) =>
  mode === 'bundle'
    ? {
        build: {
          outDir: resolve(import.meta.dirname, 'demo/dist'),
          emptyOutDir: true,
          target: 'es2022',
          sourcemap: true,
          // Not library mode: that leaves an ES bundle unminified (to keep pure annotations for re-bundling); a
          // page loads this file as is, so it is minified like an app, keeping the entry's exports.
          modulePreload: false,
          rollupOptions: {
            input: { plaza: resolve(import.meta.dirname, 'packages/widgets/src/define.ts') },
            preserveEntrySignatures: 'exports-only',
            output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
          },
        },
      }
    : {},
);
