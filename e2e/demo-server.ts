import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { migrate, openDb, seed, silentLogger, startServer } from '@plaza/server';
import { findChromium } from '../scripts/find-chromium.mjs';

const root = resolve(import.meta.dirname, '..');

/**
 * A second origin on this machine, "the intranet" a snippet is pasted into: it serves the pages a test puts in
 * `pages` (path → HTML). Real, not a Playwright route: Chromium keeps a page it cannot place on the network
 * from loading scripts from loopback.
 */
async function startIntranet() {
  const pages = new Map<string, string>();
  const server = createServer((request, response) => {
    const page = pages.get(request.url ?? '');
    if (page === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pages,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Builds the widget bundle and starts the demo (in-memory PGlite, seeded) on a free port. */
export async function startDemo() {
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'bundle', '--logLevel', 'error'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  const intranet = await startIntranet();
  const db = await openDb({});
  await migrate(db);
  await seed(db);
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db,
    staticDir: resolve(root, 'demo'),
    authMode: 'dev',
    corsOrigins: [intranet.origin],
    log: silentLogger,
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    db,
    intranet,
    stop: async () => {
      await server.close();
      await intranet.close();
      await db.close();
    },
  };
}

export type Demo = Awaited<ReturnType<typeof startDemo>>;

/** The machine's Chromium, headless, without the background traffic that would blur request counts. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
 * A request to the API as `userId` (the dev session cookie), with the CSRF header every write needs and the
 * body as JSON: another person acting while a test drives the browser.
 */
export function apiAs(baseUrl: string, userId: string, method: string, path: string, body?: unknown) {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      Cookie: `plaza_session=${userId}`,
      'X-Plaza-CSRF': '1',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
