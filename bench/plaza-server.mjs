#!/usr/bin/env node
// Child process of the server benchmarks (started with `node --import tsx`): the reference API on in-memory
// PGlite (or PostgreSQL at BENCH_DATABASE_URL) with the seed data plus `users` extra members (u-bench-1 …), and a bare Hono hello-world server as
// the yardstick, both on free ports of 127.0.0.1. Prints one JSON line {plaza, hello, users} when ready and
// stops on SIGTERM or when stdin closes.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const users = Number(process.argv[2] ?? 1000);
const server = await import(pathToFileURL(resolve(root, 'packages/server/src/index.ts')).href);
// hono is a dependency of the server package, not of the repository root. Both are loaded as the ES modules
// the server itself loads: a second (CommonJS) copy of @hono/node-server replaces the global Response with
// its own class, and the server's copy then no longer recognises the responses Hono builds and copies
// every body once more (it cost the feed read a fifth of its throughput before this was found).
const fromServer = createRequire(resolve(root, 'packages/server/package.json'));
const esmEntry = (name) => {
  let dir = dirname(fromServer.resolve(name));
  while (
    !existsSync(join(dir, 'package.json')) ||
    JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name
  ) {
    dir = dirname(dir);
  }
  const entry = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).exports['.'].import;
  return pathToFileURL(join(dir, typeof entry === 'string' ? entry : entry.default)).href;
};
const { Hono } = await import(esmEntry('hono'));
const { serve } = await import(esmEntry('@hono/node-server'));

// BENCH_DATABASE_URL: a (throw-away) PostgreSQL database instead of in-memory PGlite.
const url = process.env.BENCH_DATABASE_URL;
const db = await server.openDb(url ? { url, poolSize: 20 } : {});
await server.migrate(db);
await server.seed(db);
await db.query(
  `INSERT INTO users (id, name, role) SELECT 'u-bench-' || n, 'Bench User ' || n, 'member' FROM generate_series(1, $1::int) AS n`,
  [users],
);
const plaza = await server.startServer({
  port: 0,
  db,
  authMode: 'dev',
  log: server.silentLogger,
  // The limiter runs (its database write is part of every request's cost) but never refuses.
  rateLimits: { writes: 1_000_000_000, reads: 1_000_000_000 },
});
const hello = new Hono().get('/hello', (c) => c.text('Hello, world!'));
const helloServer = await new Promise((ready) => {
  const listening = serve({ fetch: hello.fetch, port: 0, hostname: '127.0.0.1' }, () => ready(listening));
});
console.log(JSON.stringify({ plaza: plaza.port, hello: helloServer.address().port, users }));

const stop = async () => {
  helloServer.close();
  await plaza.close();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
