/**
 * @plaza/server — the reference Plaza API: Hono on Node, PGlite embedded by default, PostgreSQL via URL.
 */
export { createApp, type AppOptions, type AuthMode, type PlazaApp } from './app.ts';
export { checkJwtOptions, type JwtOptions } from './auth/jwt.ts';
export { checkCorsOrigins, parseCorsOrigins } from './http/cors.ts';
export { jsonLogger, silentLogger, type LogEntry, type Logger } from './http/log.ts';
export { DEFAULT_RATE_LIMITS, purgeRateLimitHits, type RateLimitOptions } from './http/rate-limit.ts';
export { EventHub, type StoredEvent } from './realtime/hub.ts';
export { openDb, type Db, type OpenDbOptions, type SqlParam } from './db.ts';
export { migrate, listMigrations, type Migration } from './migrate.ts';
export { seed, type SeedOptions } from './seed.ts';
export { startServer, type RunningServer, type ServerOptions } from './server.ts';
export { purgeExpiredIdempotencyKeys } from './http/writes.ts';
