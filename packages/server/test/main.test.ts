import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { readSse } from './sse-client.ts';

const MAIN = resolve(import.meta.dirname, '../src/main.ts');

/** Runs main.ts with `env`; resolves with its output lines and exit code. */
function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', PLAZA_LOG: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (l) => lines.push(l));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, lines, exited };
}

describe('main.ts (PGlite in a temporary folder)', () => {
  it('refuses jwt auth without its settings, and unknown modes', async () => {
    for (const [env, message] of [
      [{ PLAZA_AUTH: 'jwt', PLAZA_JWT_ISSUER: 'https://login.example.com' }, /PLAZA_JWT_AUDIENCE/],
      [{ PLAZA_AUTH: 'saml' }, /not supported/],
      [{ PLAZA_CORS_ORIGINS: 'https://intranet.example.com, *' }, /not an origin/],
      [{ PLAZA_RATE_LIMIT_WRITES: 'lots' }, /whole number/],
    ] as const) {
      const { lines, exited } = runMain(env);
      assert.equal(await exited, 1);
      assert.match(lines.join('\n'), message);
    }
  });

  it('on SIGTERM ends event streams, stops and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plaza-main-'));
    const { child, lines, exited } = runMain({ PLAZA_DATA_DIR: dataDir });
    try {
      const port = await new Promise<number>((ready, fail) => {
        const check = setInterval(() => {
          const found = lines.map((line) => /listening on http:\/\/localhost:(\d+)/.exec(line)?.[1]).find(Boolean);
          if (found) {
            clearInterval(check);
            ready(Number(found));
          }
        }, 20);
        void exited.then(() => fail(new Error(`main exited early: ${lines.join('\n')}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      assert.equal((await fetch(`${base}/readyz`)).status, 200);
      const stream = await readSse(await fetch(`${base}/v1/events`, { headers: { Cookie: 'plaza_session=u-sam' } }));
      child.kill('SIGTERM');
      await stream.ended;
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
