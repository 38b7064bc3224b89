/**
 * @plaza/server — the reference Plaza API: Hono on Node, PGlite embedded by default, PostgreSQL via URL.
 */
export { createApp, type AppOptions, type AuthMode } from './app.ts';
export { openDb, type Db, type OpenDbOptions, type SqlParam } from './db.ts';
export { migrate, listMigrations, type Migration } from './migrate.ts';
export { seed, type SeedOptions } from './seed.ts';
export { startServer, type RunningServer, type ServerOptions } from './server.ts';
export { purgeExpiredIdempotencyKeys } from './http/writes.ts';
