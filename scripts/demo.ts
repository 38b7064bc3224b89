// `pnpm demo`: builds the widget bundle, starts the reference server on embedded PGlite with seeded
// English and German data, serves the demo intranet pages from the same origin, and prints the URL.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { migrate, openDb, parseCorsOrigins, seed, startServer } from '@plaza/server';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 8787);
// Pages of other origins allowed to call the API (a snippet from the builder pasted elsewhere), as in main.ts.
const corsOrigins = parseCorsOrigins(process.env.PLAZA_CORS_ORIGINS);

console.log('Building the widget bundle…');
execFileSync(
  process.execPath,
  [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'bundle', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);

const db = await openDb(
  process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL }
    : { dataDir: process.env.PLAZA_DATA_DIR ?? resolve(root, '.plaza-data') },
);
await migrate(db);
await seed(db);
const server = await startServer({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  db,
  staticDir: resolve(root, 'demo'),
  authMode: 'dev',
  corsOrigins,
});
console.log(`\nPlaza demo: http://localhost:${server.port}/  (German page: http://localhost:${server.port}/de.html)\n`);

const stop = async () => {
  await server.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
