// The widgets' CSS ships minified (scripts/minify-css.mjs, used by the plaza.js and package builds): each
// minified style sheet must mean to Chromium exactly what its source means — the same rules, selectors and
// declarations as the CSS object model reads them back — and templates the minifier cannot rewrite safely
// must stay exactly as written.
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cook, cssTemplates, minifyCssTemplates, STYLE_FILE } from '../scripts/minify-css.mjs';
import { launchChromium } from './demo-server.ts';

const root = resolve(import.meta.dirname, '..');
const styleFiles = globSync('packages/widgets/src/**/*.styles.ts', { cwd: root }).sort();

let browser: Browser;
let page: Page;
before(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});
after(() => browser?.close());

/** Each template's CSS pieces (between interpolations) as the strings Lit receives. */
const pieces = (code: string) => cssTemplates(code).map(({ texts }) => (texts ?? []).map(cook));

/** Every rule of `css` as Chromium serializes it, nested rules included. */
// A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
const rulesOf = (css: string): Promise<string[]> =>
  page
    .evaluate<string[]>(
      `(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(${JSON.stringify(css)});
      const walk = (rules) => [...rules].flatMap((rule) => [...(rule.cssRules ? walk(rule.cssRules) : []), rule.cssText]);
      return walk(sheet.cssRules);
    })()`,
    )
    .then((rules) => rules.map(withoutSpaceAfterCommas));

/**
 * Chromium keeps a value that holds var() as written, so `color-mix(in srgb, var(--a) 12%, …)` and its
 * minified `color-mix(in srgb,var(--a) 12%,…)` read back differently; a space after a comma never matters.
 */
const withoutSpaceAfterCommas = (rule: string) => rule.replace(/,\s+/g, ',');

/** Asserts that `minified` holds the same templates as `source`, each piece read the same by Chromium. */
async function assertSameMeaning(source: string, minified: string) {
  const before = pieces(source);
  const after = pieces(minified);
  assert.equal(after.length, before.length, 'same number of css`` templates');
  assert.deepEqual(
    cssTemplates(minified).map(({ holes }) => holes),
    cssTemplates(source).map(({ holes }) => holes),
    'same interpolations in the same order',
  );
  for (const [t, template] of before.entries()) {
    for (const [p, css] of template.entries()) {
      const expected = await rulesOf(css);
      assert.deepEqual(await rulesOf(after[t]![p]!), expected, `template ${t + 1}, piece ${p + 1}`);
      assert.ok(expected.length > 0 || !css.trim(), `template ${t + 1}, piece ${p + 1} has rules`);
    }
  }
}

describe('minified widget CSS', () => {
  it('covers every style file, rewrites every template in them and makes them smaller', () => {
    assert.ok(styleFiles.length >= 10, `found ${styleFiles.length} style files`);
    let sourceBytes = 0;
    let minifiedBytes = 0;
    for (const file of styleFiles) {
      assert.match(resolve(root, file), STYLE_FILE, `${file} is one the builds minify`);
      const source = readFileSync(resolve(root, file), 'utf8');
      const result = minifyCssTemplates(source);
      assert.equal(result.kept, 0, `${file}: every template is minified`);
      assert.ok(result.minified >= 1, `${file}: has a css\`\` template`);
      sourceBytes += source.length;
      minifiedBytes += result.code.length;
    }
    assert.ok(minifiedBytes < sourceBytes * 0.8, `${minifiedBytes} of ${sourceBytes} bytes`);
  });

  for (const file of styleFiles) {
    it(`${file}: Chromium reads the minified CSS as the source`, async () => {
      const source = readFileSync(resolve(root, file), 'utf8');
      await assertSameMeaning(source, minifyCssTemplates(source).code);
    });
  }

  it('keeps escapes, quotes and interpolated shared styles', async () => {
    const source = [
      'const shared = css`p { margin: 0 }`;',
      'export const a = css`',
      "  .quote::before { content: '\\\\201C'; }",
      '  .tick::after { content: "\\`"; }',
      '  .dollar::after { content: "\\${x}"; }',
      '  ${shared}',
      '  .b { color: red; }',
      '  ${theme.dark}',
      '`;',
    ].join('\n');
    const result = minifyCssTemplates(source);
    assert.deepEqual([result.minified, result.kept], [2, 0]);
    assert.match(result.code, /\$\{shared\}/);
    assert.match(result.code, /\$\{theme\.dark\}/);
    await assertSameMeaning(source, result.code);
    assert.match(cook(cssTemplates(result.code)[1]!.texts![0]!), /content:"\\201c"/i, 'the escape reaches the CSS');
  });

  it('leaves alone what it cannot rewrite safely, and every other tag', () => {
    const unchanged = [
      // An interpolation inside a declaration: the pieces are not style sheets on their own.
      'const a = css`  .a { color: ${accent}; }  `;',
      // An interpolation that is an expression, not a name.
      'const b = css`  .b { color: red; }  ${unsafeCSS(`x`)}  `;',
      'const c = css`  .c { color: red; }  ${flag ? x : y}  `;',
      // CSS esbuild warns about.
      'const d = css`  .d { color: red;  `;',
      // Not Lit's css tag.
      'const e = html`  <p>  x  </p>  `; const f = xcss`  .f { color: red; }  `;',
      // An escape a tagged template leaves undefined (css`` would fail at run time): not ours to judge.
      "const h = css`  .h::before { content: '\\201C'; }  `;",
      // Never closed.
      'const g = css`  .g { color: red; }',
    ];
    for (const code of unchanged) {
      assert.equal(minifyCssTemplates(code).code, code, code);
    }
    // tsc's output puts a space between the tag and the template.
    assert.equal(minifyCssTemplates('const a = css ` .a { color : red ; } `;').code, 'const a = css `.a{color:red}`;');
    const mixed = 'const a = css`.a { color: ${accent}; }`; const b = css` .b { color : red ; } `;';
    const result = minifyCssTemplates(mixed);
    assert.deepEqual([result.minified, result.kept], [1, 1]);
    assert.equal(result.code, 'const a = css`.a { color: ${accent}; }`; const b = css`.b{color:red}`;');
  });
});
