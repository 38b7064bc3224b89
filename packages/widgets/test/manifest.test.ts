// The Custom Elements Manifest is generated from the elements' JSDoc: this checks that the public API of each
// element reaches it (and VS Code's custom data), so editors, Storybook autodocs and wrappers see it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}

interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string }[] }[];
}

describe('custom elements manifest', () => {
  let dir: string;
  let manifest: Manifest;
  let elements: Map<string, Declaration>;
  let customData: { tags: { name: string; attributes: { name: string; values?: { name: string }[] }[] }[] };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'plaza-cem-'));
    execFileSync(process.execPath, ['scripts/manifest.mjs', '--outdir', dir], { stdio: 'pipe' });
    manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8')) as Manifest;
    elements = new Map(
      manifest.modules
        .flatMap((module) => module.declarations ?? [])
        .flatMap((d) => (d.tagName ? [[d.tagName, d]] : [])),
    );
    customData = JSON.parse(readFileSync(join(dir, 'vscode.html-custom-data.json'), 'utf8'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const names = (items: { name: string }[] | undefined) => (items ?? []).map((item) => item.name);

  it('lists <plaza-poll> with its attribute, events, parts and custom properties', () => {
    const poll = elements.get('plaza-poll');
    assert.ok(poll, 'plaza-poll is in the manifest');
    assert.deepEqual(names(poll.attributes), ['poll-id']);
    assert.deepEqual(names(poll.events).sort(), ['plaza-before-vote', 'plaza-poll-close', 'plaza-vote']);
    assert.ok(names(poll.cssParts).includes('option'), 'parts are documented');
    assert.ok(names(poll.cssProperties).includes('--plaza-color-accent'), 'custom properties are documented');
  });

  it('lists <plaza-group-card> with its attributes, events, parts and custom properties', () => {
    const card = elements.get('plaza-group-card');
    assert.ok(card, 'plaza-group-card is in the manifest');
    assert.deepEqual(names(card.attributes).sort(), ['group-id', 'href-template', 'layout']);
    assert.deepEqual(names(card.events).sort(), ['plaza-before-leave', 'plaza-join', 'plaza-leave', 'plaza-request']);
    for (const part of ['base', 'cover', 'description', 'facepile', 'actions', 'requests', 'contributors']) {
      assert.ok(names(card.cssParts).includes(part), `part ${part} is documented`);
    }
    assert.ok(names(card.cssProperties).includes('--plaza-group-cover-height'), 'custom properties are documented');
  });

  it('lists on <plaza-feed> every event that leaves it: its composer’s, its posts’ and their polls’', () => {
    const feed = names(elements.get('plaza-feed')?.events);
    const inside = ['plaza-composer', 'plaza-post', 'plaza-poll'].flatMap((tag) => {
      assert.ok(elements.has(tag), `${tag} is in the manifest`);
      return names(elements.get(tag)!.events);
    });
    assert.deepEqual([...new Set(feed)].sort(), [...new Set(inside)].sort());
    assert.ok(feed.includes('plaza-vote'), 'a vote in a post’s poll bubbles out of the feed');
  });

  it('lists on <plaza-config> every design token docs/theming.md documents', () => {
    const documented = [...readFileSync('docs/theming.md', 'utf8').matchAll(/^\| `(--plaza-[\w-]+)`/gm)].map(
      (m) => m[1],
    );
    assert.ok(documented.length >= 20, `tokens found in docs/theming.md: ${documented.length}`);
    assert.deepEqual(names(elements.get('plaza-config')?.cssProperties).sort(), [...new Set(documented)].sort());
  });

  it('names every module and reference by a path inside the package that exists (src/…; dist/… when built)', () => {
    const paths = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (typeof record.module === 'string' && !record.package) paths.add(record.module);
        Object.values(record).forEach(collect);
      }
    };
    for (const module of manifest.modules) paths.add(module.path);
    collect(manifest.modules);
    assert.ok(paths.size > 30, `paths: ${paths.size}`);
    for (const path of paths) {
      assert.match(path, /^src\/[\w./-]+\.ts$/);
      assert.ok(existsSync(join('packages/widgets', path)), `${path} exists`);
    }
  });

  it('lists <plaza-config> with its attributes', () => {
    assert.deepEqual(names(elements.get('plaza-config')?.attributes).sort(), [
      'api-base',
      'credentials',
      'locale',
      'theme',
    ]);
  });

  it('writes VS Code custom data with attribute values from literal union types', () => {
    const config = customData.tags.find((tag) => tag.name === 'plaza-config');
    const theme = config?.attributes.find((attribute) => attribute.name === 'theme');
    assert.deepEqual(names(theme?.values).sort(), ['auto', 'dark', 'light']);
    assert.ok(customData.tags.some((tag) => tag.name === 'plaza-poll'));
    // Through a type alias of the source, and the DOM's RequestCredentials.
    const card = customData.tags.find((tag) => tag.name === 'plaza-group-card');
    assert.deepEqual(names(card?.attributes.find((attribute) => attribute.name === 'layout')?.values), [
      'full',
      'compact',
    ]);
    const credentials = config?.attributes.find((attribute) => attribute.name === 'credentials');
    assert.deepEqual(names(credentials?.values), ['omit', 'same-origin', 'include']);
  });

  it('names only real tags as custom element definitions', () => {
    const definitions = manifest.modules.flatMap((module) =>
      (module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition'),
    );
    for (const definition of definitions) assert.match(definition.name, /-/, JSON.stringify(definition));
  });
});
