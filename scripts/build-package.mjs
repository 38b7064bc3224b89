#!/usr/bin/env node
// Builds the workspace package in the current directory (its `build` script runs this) into `dist/`: ESM
// JavaScript and `.d.ts` from `tsconfig.build.json` (tsc rewrites the sources' relative `.ts` import
// specifiers to `.js` in the JavaScript; this script does the same in the declarations, which tsc leaves
// alone), then checks that every file the package's published `exports` map names exists.
//   cd packages/<name> && node ../../scripts/build-package.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { minifyCssTemplates, STYLE_FILE } from './minify-css.mjs';

const root = resolve(import.meta.dirname, '..');
const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const dist = join(dir, 'dist');

rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: dir,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

/** `from './x.ts'`, `import './x.ts'`, `import('./x.ts')` with a relative specifier → `.js`. */
const RELATIVE_TS = /((?:\bfrom|\bimport)\s*\(?\s*)(['"])(\.\.?\/[^'"\n]*?)\.ts\2/g;
let declarations = 0;
let styleFiles = 0;
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const file = join(entry.parentPath, entry.name);
  if (entry.name.endsWith('.d.ts')) {
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(RELATIVE_TS, '$1$2$3.js$2');
    if (rewritten !== text) writeFileSync(file, rewritten);
    declarations += 1;
  } else if (STYLE_FILE.test(file)) {
    // The widgets' CSS ships minified, as in plaza.js (tsc leaves template text alone).
    const { code, minified, kept } = minifyCssTemplates(readFileSync(file, 'utf8'));
    if (kept)
      console.warn(
        `${pkg.name}: ${kept} css\`\` template(s) in ${file} left as written (not a style sheet on its own)`,
      );
    if (!minified) continue;
    writeFileSync(file, code);
    styleFiles += 1;
  }
}

/** Every path the published exports map (and main/types) points at. */
const targets = (value) =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(targets) : [];
const published = pkg.publishConfig ?? {};
const missing = [...targets(published.exports), published.main, published.types]
  .filter(Boolean)
  .filter((path) => !existsSync(join(dir, path)));
if (missing.length) {
  console.error(`${pkg.name}: the published exports name files the build did not write: ${missing.join(', ')}`);
  process.exit(1);
}
console.log(
  `${pkg.name}: dist/ with ${declarations} declaration files${styleFiles ? `, CSS of ${styleFiles} style modules minified` : ''}`,
);
