import { Hono } from 'hono';
import type { Db } from '../db.ts';
import { listMigrations } from '../migrate.ts';
import type { AppEnv } from './env.ts';

export interface HealthOptions {
  db: Db;
  /** True while the server shuts down: load balancers should stop sending requests. */
  draining: () => boolean;
}

/**
 * `GET /healthz`: the process is alive (200 `{status: 'ok'}`), nothing else checked, so a slow database
 * never gets a healthy node restarted. `GET /readyz`: this node can serve — the database answers and every
 * migration is applied (200 `{status: 'ready'}`), else 503 naming the failed check without details.
 * Both are outside `/v1` and need no auth.
 */
export function healthRoutes({ db, draining }: HealthOptions): Hono<AppEnv> {
  const expected = listMigrations().map((migration) => migration.version);
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      if (draining()) return c.json({ status: 'unavailable', reason: 'shutting down' }, 503);
      let applied: Set<string>;
      try {
        const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
        applied = new Set(rows.map((row) => row.version));
      } catch {
        // Unreachable, or never migrated (no schema_migrations table): either way not ready.
        return c.json({ status: 'unavailable', reason: 'database unreachable or not migrated' }, 503);
      }
      const pending = expected.filter((version) => !applied.has(version));
      if (pending.length > 0) {
        return c.json({ status: 'unavailable', reason: `migrations pending: ${pending.join(', ')}` }, 503);
      }
      return c.json({ status: 'ready' });
    });
}
