#!/usr/bin/env node
// Writes the Custom Elements Manifest of @plaza/widgets from the elements' JSDoc (`cem analyze`), and from it
// VS Code's HTML custom data, so editors complete <plaza-*> tags, attributes and values.
//   node scripts/manifest.mjs [--outdir DIR] [--dist]     (default: packages/widgets)
// Module paths are relative to the package, as the manifest's schema asks: `src/poll/poll.ts`, or with `--dist`
// (the package build, so the published manifest points at files the package ships) `dist/poll/poll.js`.
import { spawnSync } from 'node:child_process';
import { globSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { posix, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const flag = process.argv.indexOf('--outdir');
const outdir = resolve(flag === -1 ? resolve(root, 'packages/widgets') : process.argv[flag + 1]);
const dist = process.argv.includes('--dist');
mkdirSync(outdir, { recursive: true });

const cli = resolve(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
const result = spawnSync(
  process.execPath,
  [cli, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, outdir)],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
if (result.status !== 0) process.exit(result.status ?? 1);

const manifestPath = resolve(outdir, 'custom-elements.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
// The analyzer reads `customElements.define(tag, constructor)` inside defineElement() as the definition of an
// element named "tag": a tag name has a hyphen, so such entries are dropped.
for (const module of manifest.modules) {
  module.exports = module.exports?.filter(
    (entry) => entry.kind !== 'custom-element-definition' || /^[a-z][\w.]*-[\w.-]*$/.test(entry.name),
  );
}

/**
 * The analyzer names modules from the repository root (`packages/widgets/src/x.ts`, sometimes with a leading `/`)
 * and references by import specifier (`./events.ts`, relative to the referring module): all become one
 * package-relative path.
 */
const SOURCE_ROOT = 'packages/widgets/src/';
const packagePath = (path, from) => {
  const absolute = path.startsWith('.') ? posix.join(posix.dirname(from), path) : path.replace(/^\//, '');
  if (!absolute.startsWith(SOURCE_ROOT)) throw new Error(`manifest: ${path} (in ${from}) is outside ${SOURCE_ROOT}`);
  const inside = absolute.slice(SOURCE_ROOT.length);
  return dist ? `dist/${inside.replace(/\.ts$/, '.js')}` : `src/${inside}`;
};
const rewriteReferences = (value, from) => {
  if (Array.isArray(value)) for (const item of value) rewriteReferences(item, from);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'module' && typeof item === 'string' && !value.package) value[key] = packagePath(item, from);
      else rewriteReferences(item, from);
    }
  }
};
for (const module of manifest.modules) {
  const from = module.path.replace(/^\//, '');
  rewriteReferences(module.declarations, from);
  rewriteReferences(module.exports, from);
  module.path = packagePath(from, from);
}
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
const elements = manifest.modules.flatMap((module) => (module.declarations ?? []).filter((d) => d.tagName));

/**
 * Unions of string literals the attribute types name: `export type GroupCardLayout = 'full' | 'compact';` in
 * the widgets' source, and the DOM's RequestCredentials (not in our source).
 */
const aliases = new Map([['RequestCredentials', "'omit' | 'same-origin' | 'include'"]]);
for (const file of globSync('packages/widgets/src/**/*.ts', { cwd: root })) {
  const source = readFileSync(resolve(root, file), 'utf8');
  for (const [, name, union] of source.matchAll(/^export type (\w+) = ((?:'[^']*' \| )+'[^']*');$/gm)) {
    aliases.set(name, union);
  }
}

/** `'light' | 'dark'` → [{ name: 'light' }, { name: 'dark' }] when the type is a union of string literals. */
const valuesOf = (type) => {
  const literals = (type?.text ?? '')
    .split('|')
    .flatMap((part) => (aliases.get(part.trim()) ?? part).split('|'))
    .map((part) => part.trim())
    .filter((part) => part !== 'undefined' && part !== 'null');
  return literals.length > 1 && literals.every((part) => /^'[^']*'$/.test(part))
    ? literals.map((part) => ({ name: part.slice(1, -1) }))
    : undefined;
};

const customData = {
  version: 1.1,
  tags: elements.map((element) => ({
    name: element.tagName,
    description: [element.summary, element.description].filter(Boolean).join('\n\n'),
    attributes: (element.attributes ?? []).map((attribute) => ({
      name: attribute.name,
      description: attribute.description ?? '',
      ...(valuesOf(attribute.type) ? { values: valuesOf(attribute.type) } : {}),
    })),
  })),
};
writeFileSync(resolve(outdir, 'vscode.html-custom-data.json'), `${JSON.stringify(customData, null, 2)}\n`);
console.log(`manifest: ${elements.map((element) => `<${element.tagName}>`).join(' ')} → ${outdir}`);
