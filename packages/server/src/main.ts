/**
 * Runs the reference API from environment variables:
 * PORT (8787), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; else PGlite under PLAZA_DATA_DIR, default
 * `.plaza-data` at the repository root), PLAZA_STATIC_DIR (files served outside /v1), PLAZA_AUTH (dev).
 */
import { resolve } from 'node:path';
import type { AuthMode } from './app.ts';
import { assertDevAuthAllowed } from './auth/dev.ts';
import { openDb } from './db.ts';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';
import { startServer } from './server.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const AUTH_MODES: readonly AuthMode[] = ['dev'];

function readAuthMode(value: string): AuthMode {
  const mode = AUTH_MODES.find((candidate) => candidate === value);
  if (!mode) throw new Error(`PLAZA_AUTH=${value} is not supported; use one of: ${AUTH_MODES.join(', ')}`);
  return mode;
}

function readPort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT=${value} is not a port number`);
  return port;
}

async function main(env: NodeJS.ProcessEnv) {
  const authMode = readAuthMode(env.PLAZA_AUTH ?? 'dev');
  const port = readPort(env.PORT ?? '8787');
  // Refuse before touching the database, not after migrating it.
  if (authMode === 'dev') assertDevAuthAllowed(env);

  const db = await openDb(
    env.DATABASE_URL
      ? { url: env.DATABASE_URL }
      : { dataDir: resolve(env.PLAZA_DATA_DIR ?? resolve(REPO_ROOT, '.plaza-data')) },
  );
  await migrate(db);
  await seed(db);
  const server = await startServer({
    port,
    host: env.HOST ?? '127.0.0.1',
    db,
    authMode,
    ...(env.PLAZA_STATIC_DIR ? { staticDir: resolve(env.PLAZA_STATIC_DIR) } : {}),
  });
  console.log(`Plaza API listening on http://localhost:${server.port}/`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing open requests, then stopping`);
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.env).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
