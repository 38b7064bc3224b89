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
          lib: {
            entry: { plaza: resolve(import.meta.dirname, 'packages/widgets/src/define.ts') },
            formats: ['es'],
          },
          rollupOptions: { output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' } },
        },
      }
    : {},
);
