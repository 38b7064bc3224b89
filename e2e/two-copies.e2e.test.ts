// Two separately bundled copies of Plaza on one page — as when a CMS plugin ships one version and the page
// template another: the first owns plaza-*, the second registers acme-* with definePlaza({ prefix }), and
// both work against the demo server without an error.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

const root = resolve(import.meta.dirname, '..');
const bundles = new Map<string, string>();

/** One self-contained copy of the library (its own Lit, SDK and zod), from `source`. */
async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    write: false,
    tsconfig: resolve(root, 'tsconfig.json'),
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

before(async () => {
  bundles.set('/copy-a.js', await bundle(`import './packages/widgets/src/define.ts';`));
  bundles.set(
    '/copy-b.js',
    await bundle(`import { definePlaza } from './packages/widgets/src/index.ts'; definePlaza({ prefix: 'acme' });`),
  );
  bundles.set(
    '/two-copies.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two copies</title>
      <script type="module" src="/copy-a.js"></script><script type="module" src="/copy-b.js"></script></head>
      <body>
        <plaza-config api-base="/"><plaza-poll poll-id="poll-townhall"></plaza-poll></plaza-config>
        <acme-config api-base="/"><acme-poll poll-id="poll-retro"></acme-poll></acme-config>
      </body></html>`,
  );
});

describe('two copies of Plaza on one page', () => {
  it('each registers its own tags, renders, and votes, with no page error', async () => {
    const context = await e2e.browser.newContext();
    await context.addCookies([{ name: 'plaza_session', value: 'u-sam', url: e2e.demo.url }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.route(/\/(copy-a\.js|copy-b\.js|two-copies\.html)$/, (route) => {
      const path = new URL(route.request().url()).pathname;
      const body = bundles.get(path)!;
      return route.fulfill({ body, contentType: path.endsWith('.html') ? 'text/html' : 'text/javascript' });
    });
    await page.goto(`${e2e.demo.url}/two-copies.html`);

    const differ = await page.evaluate(() => customElements.get('plaza-poll') !== customElements.get('acme-poll'));
    assert.equal(differ, true, 'two classes, one per copy');
    const first = page.locator('plaza-poll');
    await first.getByRole('radio').first().check();
    await first.getByRole('button', { name: 'Vote' }).click();
    await first.getByText('Your vote').first().waitFor();
    await page
      .locator('acme-poll')
      .getByText('Retro: how did the service desk migration go for you?')
      .first()
      .waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
