// Starts a throw-away PostgreSQL cluster for the server test suite (about a second), using the machine's
// PostgreSQL binaries. PostgreSQL refuses to run as root, so as root the cluster belongs to `postgres`.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

function findBinDir() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const version of readdirSync(root).sort((a, b) => Number(b) - Number(a)))
      candidates.push(join(root, version, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(':')) candidates.push(dir);
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** @returns {Promise<{ url: string, stop: () => Promise<void> }>} */
export async function startTempPostgres() {
  const bin = findBinDir();
  if (!bin)
    throw new Error('no PostgreSQL binaries found (apt-get install postgresql, or set PLAZA_TEST_DATABASE_URL)');
  const dir = mkdtempSync(join(tmpdir(), 'plaza-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  const sh = (args) =>
    execFileSync(
      asRoot ? 'su' : args[0],
      asRoot ? ['postgres', '-s', '/bin/sh', '-c', args.map((a) => `'${a}'`).join(' ')] : args.slice(1),
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  sh([join(bin, 'initdb'), '-A', 'trust', '-U', 'postgres', '-D', data]);
  sh([
    join(bin, 'pg_ctl'),
    '-D',
    data,
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        sh([join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
