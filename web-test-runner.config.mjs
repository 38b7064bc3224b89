// Browser tests of the widgets in real Chromium (`npx web-test-runner --config web-test-runner.config.mjs`).
// No test downloads a browser: scripts/find-chromium.mjs picks an installed one or says how to get one.
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fileURLToPath } from 'node:url';
import { findChromium } from './scripts/find-chromium.mjs';
import { reactPlugin } from './scripts/wtr-react-plugin.mjs';

/** Counts a session's tests, nested suites included. */
function count(results, totals) {
  for (const test of results?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const suite of results?.suites ?? []) count(suite, totals);
  return totals;
}

/**
 * Ends the run with one plain line "N passed, N failed[, N skipped]" (the progress bar is coloured even with
 * FORCE_COLOR=0), which scripts/test.mjs reads. A test file that failed to load counts as one failure.
 */
function summaryLineReporter() {
  let line = '';
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = totals.failed;
        count(session.testResults, totals);
        if (!session.passed && totals.failed === before) totals.failed++;
      }
      line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
    },
    stop() {
      if (line) process.stdout.write(`\n${line}\n`);
    },
  };
}

/**
 * Server command `plaza-heap` (used by packages/widgets/src/leaks.test.ts): forces a full garbage collection
 * in the test page over the Chrome DevTools protocol, which the Playwright launcher exposes through
 * `getPage`, and answers the JS heap in use afterwards. Chromium only; other launchers get an error.
 */
function heapCommandPlugin() {
  return {
    name: 'plaza-heap',
    async executeCommand({ command, session }) {
      if (command !== 'plaza-heap') return undefined;
      const page = session.browser.getPage?.(session.id);
      if (!page) throw new Error('plaza-heap needs the Playwright launcher (Chromium)');
      const cdp = await page.context().newCDPSession(page);
      try {
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        return { usedSize };
      } finally {
        await cdp.detach();
      }
    },
  };
}

/**
 * `storybook/actions` (the stories log widget events to Storybook's Actions panel) loads Storybook's whole
 * preview runtime, which does not load outside Storybook (CommonJS dependencies). Outside Storybook there is no
 * Actions panel: the stories get an `action()` that does nothing (packages/widgets/src/stories-a11y.test.ts
 * renders every story).
 */
function storybookActionsStub() {
  const path = '/__plaza-storybook-actions-stub.js';
  return {
    name: 'plaza-storybook-actions-stub',
    resolveImport({ source }) {
      return source === 'storybook/actions' ? path : undefined;
    },
    serve(context) {
      if (context.path !== path) return undefined;
      return { body: 'export const action = () => () => {};\nexport const actions = () => ({});\n', type: 'js' };
    },
  };
}

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  files: ['packages/widgets/src/**/*.test.ts', 'packages/react/src/**/*.test.tsx'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    // The tsconfig carries experimentalDecorators + useDefineForClassFields: false, which Lit's decorators need,
    // and `jsx: react-jsx` for the React wrappers' tests (.tsx).
    esbuildPlugin({
      ts: true,
      tsx: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    heapCommandPlugin(),
    // React and ReactDOM (CommonJS) as ES modules, for packages/react's tests.
    reactPlugin({ resolveFrom: fileURLToPath(new URL('./packages/react', import.meta.url)) }),
    storybookActionsStub(),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), args: ['--no-sandbox'] },
    }),
  ],
  reporters: [defaultReporter(), summaryLineReporter()],
  concurrency: 1,
  // Lit's dev build (better warnings in tests) announces itself once per test file.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10_000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
      <body><script type="module" src="${testFramework}"></script></body>
    </html>`,
};
