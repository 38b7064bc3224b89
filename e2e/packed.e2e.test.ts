// The packages as a consumer gets them: `pnpm build`, `pnpm pack` contract, SDK and widgets, install the
// tarballs into a scratch project outside the repository (third-party dependencies from the pnpm store or the
// registry), check their exports maps and types, bundle small pages with esbuild from the installed packages
// only, and run them in Chromium against the reference server: a define entry point renders a seeded poll and
// votes, the class-only entry points register nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { type Browser, type Page } from 'playwright-core';
import { migrate, openDb, seed, silentLogger, startServer } from '@plaza/server';
import { launchChromium } from './demo-server.ts';

const root = resolve(import.meta.dirname, '..');
const PACKAGES = ['contract', 'sdk', 'widgets'] as const;
const TAGS = [
  'plaza-config',
  'plaza-poll',
  'plaza-group-card',
  'plaza-ask-expert',
  'plaza-feed',
  'plaza-post',
  'plaza-composer',
  'plaza-poll-composer',
];

let scratch: string;
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let db: Awaited<ReturnType<typeof openDb>> | undefined;
let browser: Browser | undefined;
let origin: string;
const tarballs = new Map<string, string>();
let bundleWarnings: string[] = [];
let bundleInputs: string[] = [];

/** Child processes without the test runner's own variables (a nested `node --test` would report to us). */
function sh(command: string, args: string[], cwd: string): string {
  const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
  try {
    return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${command} is not on PATH`);
    const { stderr } = error as { stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stderr ?? error}`);
  }
}

type ExportTarget = string | { types?: string; default?: string };
interface PackedManifest {
  name: string;
  version: string;
  private?: boolean;
  main?: string;
  types?: string;
  customElements?: string;
  sideEffects?: boolean | string[];
  exports: Record<string, ExportTarget>;
  dependencies?: Record<string, string>;
}

const installed = (name: string) => join(scratch, 'node_modules', '@plaza', name);
const manifestOf = (name: string): PackedManifest =>
  JSON.parse(readFileSync(join(installed(name), 'package.json'), 'utf8')) as PackedManifest;

/** A `sideEffects` glob (`./dist/**\/define.js`) as a RegExp over `./`-relative paths. */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .replace(/^\.\//, '')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .split('**/')
    .map((part) => part.replace(/\*/g, '[^/]*'))
    .join('(?:.*/)?');
  return new RegExp(`^${source}$`);
}

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'plaza-packed-'));
  sh('pnpm', ['build'], root);

  const packs = join(scratch, 'tarballs');
  mkdirSync(packs);
  for (const name of PACKAGES) {
    const output = sh('pnpm', ['pack', '--pack-destination', packs], join(root, 'packages', name));
    const tarball = output.trim().split('\n').at(-1)!.trim();
    assert.ok(tarball.endsWith('.tgz') && existsSync(tarball), `pnpm pack printed ${output}`);
    tarballs.set(name, tarball);
  }

  // An app that uses the widgets and the SDK. The overrides make the packages' own @plaza dependencies (real
  // versions after packing, not on any registry) resolve to the tarballs too; Lit, @lit/context and zod come
  // from the pnpm store (or the registry).
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({
      name: 'plaza-packed-scratch',
      private: true,
      type: 'module',
      dependencies: Object.fromEntries(PACKAGES.map((name) => [`@plaza/${name}`, `file:${tarballs.get(name)}`])),
    }),
  );
  writeFileSync(
    join(scratch, 'pnpm-workspace.yaml'),
    [
      'overrides:',
      `  '@plaza/contract': 'file:${tarballs.get('contract')}'`,
      `  '@plaza/sdk': 'file:${tarballs.get('sdk')}'`,
      '',
    ].join('\n'),
  );
  sh('pnpm', ['install', '--prefer-offline', '--config.confirmModulesPurge=false'], scratch);
  // One copy of each package: @plaza/widgets' own @plaza/sdk is the app's.
  for (const name of ['contract', 'sdk']) {
    const nested = join(realpathSync(installed('widgets')), '..', name);
    assert.equal(realpathSync(nested), realpathSync(installed(name)), `@plaza/widgets uses the packed @plaza/${name}`);
  }

  // The pages, bundled from the installed packages only (the scratch folder is outside the repository).
  const pages = join(scratch, 'pages');
  const publicDir = join(scratch, 'public');
  mkdirSync(pages);
  mkdirSync(publicDir);
  writeFileSync(
    join(pages, 'classes.js'),
    `import * as widgets from '@plaza/widgets';
     import { PlazaPoll } from '@plaza/widgets/poll';
     import { PlazaConfig } from '@plaza/widgets/config';
     window.result = {
       exports: Object.keys(widgets).sort(),
       samePoll: widgets.PlazaPoll === PlazaPoll,
       sameConfig: widgets.PlazaConfig === PlazaConfig,
       isElement: PlazaPoll.prototype instanceof HTMLElement,
     };`,
  );
  writeFileSync(
    join(pages, 'poll.js'),
    `import '@plaza/widgets/define/config.js';\nimport '@plaza/widgets/define/poll.js';\n`,
  );
  writeFileSync(join(pages, 'all.js'), `import '@plaza/widgets/define.js';\n`);
  const result = await build({
    entryPoints: ['classes', 'poll', 'all'].map((name) => join(pages, `${name}.js`)),
    absWorkingDir: scratch,
    outdir: publicDir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  });
  bundleWarnings = result.warnings.map((warning) => warning.text);
  bundleInputs = Object.keys(result.metafile.inputs);

  // Records every registration, before any module runs (module scripts are deferred).
  const recorder = `<script>
    window.registered = [];
    const define = customElements.define.bind(customElements);
    customElements.define = (name, ...rest) => { window.registered.push(name); return define(name, ...rest); };
  </script>`;
  const page = (title: string, script: string, body = '') =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>${recorder}
     <script type="module" src="/${script}"></script></head><body>${body}</body></html>`;
  writeFileSync(join(publicDir, 'classes.html'), page('Class-only', 'classes.js'));
  writeFileSync(
    join(publicDir, 'poll.html'),
    page(
      'Poll',
      'poll.js',
      '<plaza-config api-base="/"><plaza-poll poll-id="poll-townhall"></plaza-poll></plaza-config>',
    ),
  );
  writeFileSync(join(publicDir, 'all.html'), page('All', 'all.js'));

  db = await openDb({});
  await migrate(db);
  await seed(db);
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db,
    staticDir: publicDir,
    authMode: 'dev',
    log: silentLogger,
  });
  origin = `http://127.0.0.1:${server.port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A page of the scratch project, signed in as `user`, collecting page errors and console errors. */
async function open(path: string, user?: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser!.newContext();
  if (user) await context.addCookies([{ name: 'plaza_session', value: user, url: origin }]);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${origin}${path}`);
  return { page, errors };
}

describe('packed packages', () => {
  it('ship dist/ only, with real versions for workspace dependencies and no private flag', () => {
    const version = (JSON.parse(readFileSync(join(root, 'packages/widgets/package.json'), 'utf8')) as PackedManifest)
      .version;
    for (const name of PACKAGES) {
      const files = sh('tar', ['-tzf', tarballs.get(name)!], scratch)
        .trim()
        .split('\n');
      assert.ok(files.length > 3, `@plaza/${name} has files`);
      for (const file of files) {
        assert.match(
          file,
          /^package\/(dist\/.+\.(js|d\.ts)|package\.json|README\.md|custom-elements\.json|vscode\.html-custom-data\.json)$/,
          `@plaza/${name} ships only dist/, its manifests and package.json`,
        );
      }
      const manifest = manifestOf(name);
      assert.equal(manifest.private, undefined, `@plaza/${name} is publishable`);
      for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
        assert.doesNotMatch(range, /^workspace:/, `${dependency} in @plaza/${name}`);
        if (dependency.startsWith('@plaza/')) assert.equal(range, version, `${dependency} in @plaza/${name}`);
      }
    }
  });

  it('have an exports map whose every entry point is shipped with its .d.ts', () => {
    for (const name of PACKAGES) {
      const manifest = manifestOf(name);
      const dir = installed(name);
      assert.ok(manifest.main && existsSync(join(dir, manifest.main)), `@plaza/${name} main`);
      assert.ok(manifest.types && existsSync(join(dir, manifest.types)), `@plaza/${name} types`);
      for (const [subpath, target] of Object.entries(manifest.exports)) {
        if (typeof target === 'string') {
          assert.ok(existsSync(join(dir, target)), `@plaza/${name} ${subpath} → ${target}`);
          continue;
        }
        assert.match(target.default ?? '', /^\.\/dist\/.+\.js$/, `@plaza/${name} ${subpath} runs dist JavaScript`);
        assert.match(target.types ?? '', /^\.\/dist\/.+\.d\.ts$/, `@plaza/${name} ${subpath} has types`);
        assert.ok(existsSync(join(dir, target.default!)), `@plaza/${name} ${subpath} → ${target.default}`);
        assert.ok(existsSync(join(dir, target.types!)), `@plaza/${name} ${subpath} → ${target.types}`);
        // No declaration still names a source file (`./x.ts`) that the package does not ship.
        assert.doesNotMatch(readFileSync(join(dir, target.types!), 'utf8'), /from\s+['"]\.\.?\/[^'"]*\.ts['"]/);
      }
    }
    const widgets = manifestOf('widgets').exports;
    for (const entry of ['.', './poll', './feed', './group-card', './ask-expert', './config']) {
      assert.ok(widgets[entry], `@plaza/widgets exports class-only ${entry}`);
    }
    for (const entry of ['./define.js', './define/poll.js', './define/feed.js', './define/group-card.js']) {
      assert.ok(widgets[entry], `@plaza/widgets exports ${entry}`);
    }
    assert.ok(widgets['./define/ask-expert.js'] && widgets['./define/config.js']);
  });

  it("ship the widgets' CSS minified (scripts/minify-css.mjs on tsc's output)", () => {
    const dist = join(installed('widgets'), 'dist');
    const styleFiles = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.styles.js'),
    );
    assert.ok(styleFiles.length >= 10, `style modules: ${styleFiles.join(', ')}`);
    for (const file of styleFiles) {
      const code = readFileSync(join(dist, file), 'utf8');
      assert.match(code, /\bcss\s*`/, file);
      assert.doesNotMatch(code, /\bcss\s*`\s/, `${file} starts its CSS without whitespace`);
      assert.doesNotMatch(code, /;\n\s+[\w-]+:/, `${file} has no declaration on a line of its own`);
    }
  });

  it('mark exactly the define entry points of @plaza/widgets as having side effects', () => {
    const manifest = manifestOf('widgets');
    assert.ok(Array.isArray(manifest.sideEffects), 'sideEffects lists files');
    const patterns = (manifest.sideEffects as string[]).map(globToRegExp);
    const hasSideEffects = (file: string) => patterns.some((pattern) => pattern.test(file.replace(/^\.\//, '')));
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'string') continue;
      const isDefine = subpath === './define' || subpath.startsWith('./define');
      assert.equal(hasSideEffects(target.default!), isDefine, `${subpath} (${target.default})`);
    }
    for (const name of ['contract', 'sdk']) assert.equal(manifestOf(name).sideEffects, false, `@plaza/${name}`);
    assert.equal(manifest.customElements, 'custom-elements.json');
    const elements = JSON.parse(readFileSync(join(installed('widgets'), 'custom-elements.json'), 'utf8')) as {
      modules: { path: string; declarations?: { tagName?: string }[] }[];
    };
    const tags = elements.modules.flatMap((module) => module.declarations ?? []).map((d) => d.tagName);
    assert.ok(tags.includes('plaza-poll'), 'the Custom Elements Manifest lists <plaza-poll>');
    // Its module paths (and the modules its references name) are files the package ships.
    const referenced = JSON.stringify(elements).matchAll(/"(?:path|module)":"([^"]+)"/g);
    const paths = new Set([...referenced].map((match) => match[1]!));
    assert.ok(paths.has('dist/poll/poll.js'), [...paths].join(' '));
    for (const path of paths) assert.ok(existsSync(join(installed('widgets'), path)), `${path} is in the package`);
    assert.ok(existsSync(join(installed('widgets'), 'vscode.html-custom-data.json')));
  });

  it('type-check in a consumer project (moduleResolution bundler and nodenext, library types checked)', () => {
    writeFileSync(
      join(scratch, 'check.ts'),
      `import { PlazaPoll, definePlaza, Plaza, type PlazaElementName } from '@plaza/widgets';
       import { PlazaPoll as PollOnly, PlazaVoteEvent } from '@plaza/widgets/poll';
       import { PlazaFeed } from '@plaza/widgets/feed';
       import { PlazaGroupCard } from '@plaza/widgets/group-card';
       import { PlazaAskExpert } from '@plaza/widgets/ask-expert';
       import { PlazaConfig } from '@plaza/widgets/config';
       import '@plaza/widgets/define/poll.js';
       import '@plaza/widgets/define.js';
       import { createClient, PlazaError, type PlazaClient } from '@plaza/sdk';
       import { Poll } from '@plaza/contract';
       const poll: PlazaPoll = document.createElement('plaza-poll');
       const same: typeof PollOnly = PlazaPoll;
       const name: PlazaElementName = 'group-card';
       const client: PlazaClient = createClient({ baseUrl: '/' });
       const loaded: Promise<Poll> = client.polls.get('poll-townhall');
       // @ts-expect-error pollId is a string: this fails to compile if the types resolved to any
       const wrong: number = poll.pollId;
       export const used = [poll, same, name, loaded, wrong, PlazaError, Poll, definePlaza, Plaza, PlazaVoteEvent, PlazaFeed,
         PlazaGroupCard, PlazaAskExpert, PlazaConfig];
      `,
    );
    const options = {
      target: 'ES2022',
      lib: ['ES2023', 'DOM'],
      strict: true,
      noEmit: true,
      types: [],
    };
    // NodeNext is the strict one (every relative specifier needs its real extension): it also checks the
    // libraries' declarations; the bundler run checks how a Vite/esbuild app resolves the exports map.
    for (const resolution of ['nodenext', 'bundler']) {
      const module = resolution === 'bundler' ? 'ESNext' : 'NodeNext';
      const compilerOptions = {
        ...options,
        module,
        moduleResolution: resolution,
        skipLibCheck: resolution === 'bundler',
      };
      writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['check.ts'] }));
      try {
        sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], scratch);
      } catch (error) {
        assert.fail(`tsc (${resolution}) found errors in the consumer project: ${(error as Error).message}`);
      }
    }
  });

  it('bundle from the installed dist files, with no esbuild warning', () => {
    assert.deepEqual(bundleWarnings, []);
    const plaza = bundleInputs.filter((input) => input.includes('@plaza/'));
    assert.ok(plaza.length > 10, 'the bundles contain Plaza modules');
    for (const input of plaza) assert.match(input, /node_modules\/.*@plaza\/(contract|sdk|widgets)\/dist\/.+\.js$/);
    assert.ok(!bundleInputs.some((input) => input.startsWith(root)), 'nothing comes from the repository');
  });

  it('@plaza/widgets and its per-widget entry points register no element', async () => {
    const { page, errors } = await open('/classes.html');
    await page.waitForFunction(() => 'result' in window);
    const result = await page.evaluate(() => ({
      ...(
        window as unknown as {
          result: { exports: string[]; samePoll: boolean; sameConfig: boolean; isElement: boolean };
        }
      ).result,
      registered: (window as unknown as { registered: string[] }).registered,
      defined: ['plaza-poll', 'plaza-config', 'plaza-feed'].filter((tag) => customElements.get(tag)),
    }));
    assert.deepEqual(result.registered, []);
    assert.deepEqual(result.defined, []);
    assert.equal(result.samePoll, true, '@plaza/widgets/poll exports the same class as @plaza/widgets');
    assert.equal(result.sameConfig, true);
    assert.equal(result.isElement, true);
    for (const name of ['PlazaPoll', 'PlazaFeed', 'PlazaGroupCard', 'PlazaAskExpert', 'Plaza', 'definePlaza']) {
      assert.ok(result.exports.includes(name), `@plaza/widgets exports ${name}`);
    }
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('define/poll.js renders a seeded poll from the server and votes', async () => {
    const { page, errors } = await open('/poll.html', 'u-sam');
    const poll = page.locator('plaza-poll');
    await poll.getByText('What should the next all-hands town hall focus on?').first().waitFor();
    await poll.getByRole('radio').first().check();
    await poll.getByRole('button', { name: 'Vote', exact: true }).click();
    await poll.getByText('Your vote').first().waitFor();
    const registered = await page.evaluate(() => (window as unknown as { registered: string[] }).registered);
    assert.deepEqual(registered.sort(), ['plaza-config', 'plaza-poll'], 'only the imported elements register');
    const { rows } = await db!.query(
      `SELECT 1 FROM poll_ballots WHERE poll_id = 'poll-townhall' AND user_id = 'u-sam'`,
    );
    assert.equal(rows.length, 1, "the server stored u-sam's ballot");
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('define.js registers every element', async () => {
    const { page, errors } = await open('/all.html');
    await page.waitForFunction(
      (count) => (window as unknown as { registered: string[] }).registered.length >= count,
      TAGS.length,
    );
    const registered = await page.evaluate(() => (window as unknown as { registered: string[] }).registered);
    assert.deepEqual([...registered].sort(), [...TAGS].sort());
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
