// Starts bench/plaza-server.mjs in a child process and resolves with its ports once it is ready.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** @returns {Promise<{plaza: number, hello: number, users: number, stop: () => Promise<void>}>} */
export async function startPlazaChild(users, env = {}) {
  // A high open-files limit for the server's sockets where the shell may raise it.
  const command = `ulimit -n 65536 2>/dev/null || ulimit -n $(ulimit -Hn) 2>/dev/null; exec "$0" "$@"`;
  const child = spawn(
    'sh',
    ['-c', command, process.execPath, '--import', 'tsx', resolve(root, 'bench/plaza-server.mjs'), String(users)],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  const exited = new Promise((done) => child.once('exit', done));
  const line = await new Promise((ready, fail) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', ready);
    child.once('exit', (code) => fail(new Error(`bench server exited with ${code}`)));
  });
  return {
    ...JSON.parse(line),
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
