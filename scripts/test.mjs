#!/usr/bin/env node
// Runs every check and test of the repository and ends with one line "N passed, N failed[, N skipped]".
// Steps: typecheck, lint + format, bundle-size ceilings, Node tests (contract, SDK, server on PGlite), the
// server suite again on PostgreSQL (a throw-away cluster when none is configured and the binaries exist),
// browser tests in Chromium, end-to-end tests against the demo server. A failing gate (typecheck, lint,
// format, bundle size) counts as one failure.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startTempPostgres } from './pg-temp.mjs';

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];

function run(name, command, args, env = {}) {
  if (only.length && !only.includes(name)) return Promise.resolve(null);
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (stream, sink) =>
      stream.on('data', (chunk) => {
        output += chunk;
        sink.write(chunk);
      });
    collect(child.stdout, process.stdout);
    collect(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** A step without test counts (typecheck, lint): one failure if it fails. */
async function gate(name, command, args) {
  const result = await run(name, command, args);
  if (!result) return;
  if (result.code !== 0) {
    totals.failed += 1;
    notes.push(`${name} failed`);
  }
}

/** Counts of a spec-reporter run: "ℹ pass N" / "ℹ fail N" / "ℹ skipped N" / "ℹ cancelled N" / "ℹ todo N". */
const countsOf = (output) => {
  const count = (label) => Number(output.match(new RegExp(`ℹ ${label} (\\d+)`))?.[1] ?? 0);
  return {
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped') + count('todo'),
  };
};

/**
 * Test files whose process Node itself killed with a V8 fatal error ("# Fatal error in , line 0" — seen
 * with Node 24 and PGlite's WebAssembly, e.g. "Check failed: jit_page.has_value()"): not a test's failure.
 */
function crashedFiles(output) {
  if (!/^# Fatal error in /m.test(output)) return [];
  return [...new Set([...output.matchAll(/^✖ (\S+\.test\.[mc]?[jt]s) \(/gm)].map((match) => match[1]))];
}

/** Node's test runner, spec reporter. A file that crashed in V8 itself is run once more, and said so. */
async function nodeTests(name, files, env = {}) {
  const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1'];
  const result = await run(name, process.execPath, [...args, ...files], env);
  if (!result) return;
  let { passed, failed, skipped } = countsOf(result.output);
  let exitCode = result.code;
  for (const file of crashedFiles(result.output)) {
    notes.push(`${name}: ${file} was killed by a V8 fatal error (a Node crash, not a test failure); ran it again`);
    const again = await run(name, process.execPath, [...args, file], env);
    const counts = countsOf(again.output);
    // The crashed file counted as one failure; its second run counts instead.
    failed = failed - 1 + counts.failed + (again.code !== 0 && counts.failed === 0 ? 1 : 0);
    passed += counts.passed;
    skipped += counts.skipped;
    if (failed === 0) exitCode = 0;
  }
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  if (exitCode !== 0 && failed === 0) {
    totals.failed += 1;
    notes.push(`${name} exited with ${exitCode}`);
  }
  if (passed + failed === 0) notes.push(`${name} ran no test`);
}

/** @web/test-runner prints its counts inside a progress line: take the last "N passed, N failed". */
async function browserTests(name) {
  const result = await run(name, process.execPath, [
    'node_modules/@web/test-runner/dist/bin.js',
    '--config',
    'web-test-runner.config.mjs',
  ]);
  if (!result) return;
  const matches = [...result.output.matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)];
  const last = matches.at(-1);
  const passed = Number(last?.[1] ?? 0);
  const failed = Number(last?.[2] ?? 0);
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += Number(last?.[3] ?? 0);
  if (result.code !== 0 && failed === 0) {
    totals.failed += 1;
    notes.push(`${name} exited with ${result.code}`);
  }
  if (passed + failed === 0) notes.push(`${name} ran no test`);
}

// node --test expands the glob patterns itself.
await gate('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
await gate('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0']);
await gate('format', process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--check', '.', '--log-level=warn']);
// Bundle sizes may not grow past their ceilings (bench/bundle-size.mjs; the budgets are printed, not yet met).
await gate('bundle-size', process.execPath, ['bench/bundle-size.mjs', '--check']);
await nodeTests('node', ['packages/*/test/**/*.test.ts']);

if (!only.length || only.includes('postgres')) {
  let pg = null;
  let url = process.env.PLAZA_TEST_DATABASE_URL;
  if (!url) {
    pg = await startTempPostgres().catch((error) => {
      notes.push(`server suite on PostgreSQL not run: ${error.message}`);
      return null;
    });
    url = pg?.url;
  }
  if (url) await nodeTests('postgres', ['packages/server/test/**/*.test.ts'], { PLAZA_TEST_DATABASE_URL: url });
  await pg?.stop();
}

await browserTests('browser');
if (existsSync('e2e')) await nodeTests('e2e', ['e2e/**/*.test.ts']);

console.log('');
for (const note of notes) console.log(`note: ${note}`);
const summary = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
console.log(summary);
process.exitCode = totals.failed > 0 || totals.passed === 0 ? 1 : 0;
