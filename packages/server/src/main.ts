/**
 * Runs the reference API from environment variables:
 * PORT (8787), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; else PGlite under PLAZA_DATA_DIR, default
 * `.plaza-data` at the repository root), PLAZA_STATIC_DIR (files served outside /v1),
 * PLAZA_AUTH (`dev` or `jwt`; jwt needs PLAZA_JWT_ISSUER, PLAZA_JWT_AUDIENCE, PLAZA_JWKS_URL, and takes
 * PLAZA_JWT_ROLE_CLAIM, PLAZA_JWT_USER_PREFIX), PLAZA_CORS_ORIGINS (comma-separated page origins),
 * PLAZA_RATE_LIMIT_WRITES / PLAZA_RATE_LIMIT_READS (per minute; 0 turns both off), PLAZA_TRUST_PROXY (1),
 * PLAZA_LOG (`json` or `silent`), PLAZA_SEED (1 seeds the demo data; default only with dev auth).
 */
import { resolve } from 'node:path';
import type { AppOptions, AuthMode } from './app.ts';
import { assertDevAuthAllowed } from './auth/dev.ts';
import { checkJwtOptions, type JwtOptions } from './auth/jwt.ts';
import { openDb } from './db.ts';
import { parseCorsOrigins } from './http/cors.ts';
import { errorField, jsonLogger, silentLogger } from './http/log.ts';
import { DEFAULT_RATE_LIMITS, type RateLimitOptions } from './http/rate-limit.ts';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';
import { startServer } from './server.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const AUTH_MODES: readonly AuthMode[] = ['dev', 'jwt'];
/** After SIGTERM, give up on a clean stop after this long. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

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

function readJwt(env: NodeJS.ProcessEnv): JwtOptions {
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new Error(`PLAZA_AUTH=jwt needs ${name}`);
    return value;
  };
  return checkJwtOptions({
    issuer: required('PLAZA_JWT_ISSUER'),
    audience: required('PLAZA_JWT_AUDIENCE'),
    jwksUrl: required('PLAZA_JWKS_URL'),
    ...(env.PLAZA_JWT_ROLE_CLAIM ? { roleClaim: env.PLAZA_JWT_ROLE_CLAIM } : {}),
    ...(env.PLAZA_JWT_USER_PREFIX ? { userIdPrefix: env.PLAZA_JWT_USER_PREFIX } : {}),
  });
}

function readRateLimits(env: NodeJS.ProcessEnv): RateLimitOptions | false {
  const read = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw new Error(`${name}=${value} is not a whole number`);
    return number;
  };
  const writes = read('PLAZA_RATE_LIMIT_WRITES', DEFAULT_RATE_LIMITS.writes);
  const reads = read('PLAZA_RATE_LIMIT_READS', DEFAULT_RATE_LIMITS.reads);
  return writes === 0 || reads === 0 ? false : { writes, reads };
}

async function main(env: NodeJS.ProcessEnv) {
  const authMode = readAuthMode(env.PLAZA_AUTH ?? 'dev');
  const port = readPort(env.PORT ?? '8787');
  // Refuse before touching the database, not after migrating it.
  if (authMode === 'dev') assertDevAuthAllowed(env);
  const options: Omit<AppOptions, 'db'> = {
    authMode,
    ...(authMode === 'jwt' ? { jwt: readJwt(env) } : {}),
    corsOrigins: parseCorsOrigins(env.PLAZA_CORS_ORIGINS),
    rateLimits: readRateLimits(env),
    trustProxy: env.PLAZA_TRUST_PROXY === '1' || env.PLAZA_TRUST_PROXY === 'true',
    log: env.PLAZA_LOG === 'silent' ? silentLogger : jsonLogger,
    ...(env.PLAZA_STATIC_DIR ? { staticDir: resolve(env.PLAZA_STATIC_DIR) } : {}),
  };
  const log = options.log ?? jsonLogger;

  const db = await openDb(
    env.DATABASE_URL
      ? { url: env.DATABASE_URL }
      : { dataDir: resolve(env.PLAZA_DATA_DIR ?? resolve(REPO_ROOT, '.plaza-data')) },
  );
  await migrate(db);
  // Demo users must not appear next to real ones signing in with tokens.
  if (env.PLAZA_SEED === '1' || (env.PLAZA_SEED === undefined && authMode === 'dev')) await seed(db);
  const server = await startServer({ port, host: env.HOST ?? '127.0.0.1', db, ...options });
  console.log(`Plaza API listening on http://localhost:${server.port}/ (auth: ${authMode})`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log({
      time: new Date().toISOString(),
      level: 'info',
      msg: `${signal}: ending event streams, finishing open requests`,
    });
    const forced = setTimeout(() => {
      log({ time: new Date().toISOString(), level: 'error', msg: 'shutdown timed out' });
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    forced.unref();
    try {
      await server.close();
      await db.close();
      process.exit(0);
    } catch (error) {
      log({ time: new Date().toISOString(), level: 'error', msg: 'shutdown failed', error: errorField(error) });
      process.exit(1);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.env).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
