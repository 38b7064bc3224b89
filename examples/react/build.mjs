// Builds the example into `dist/` (or another folder): index.html and one ES module bundled by esbuild with
// React's production build. The repository's tsconfig carries Lit's decorator settings and `jsx: react-jsx`.
import { copyFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = import.meta.dirname;

/** Writes `index.html` and `main.js` into `outdir`; returns it. */
export async function buildExample(outdir = resolve(here, 'dist')) {
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: [resolve(here, 'main.tsx')],
    outfile: resolve(outdir, 'main.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    tsconfig: resolve(here, '../../tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  await copyFile(resolve(here, 'index.html'), resolve(outdir, 'index.html'));
  return outdir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`built ${await buildExample()}`);
}
