import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, type AppOptions } from './app.ts';
import { purgeExpiredIdempotencyKeys } from './http/writes.ts';

export interface ServerOptions extends AppOptions {
  /** 0 picks a free port (see `RunningServer.port`). */
  port: number;
  /** `127.0.0.1` (default) for this machine only, `0.0.0.0` to listen on every interface. */
  host?: string;
}

export interface RunningServer {
  /** The port actually listened on. */
  port: number;
  /** Stops accepting connections and resolves once open requests have finished. */
  close(): Promise<void>;
}

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** Serves the API (and `staticDir`, when given) over HTTP with @hono/node-server. */
export async function startServer({ port, host = '127.0.0.1', ...appOptions }: ServerOptions): Promise<RunningServer> {
  const app = createApp(appOptions);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(listening));
    listening.once('error', reject);
  });
  const closeIdleConnections = () => {
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  const purge = setInterval(() => {
    purgeExpiredIdempotencyKeys(appOptions.db).catch((error: unknown) =>
      console.error('Idempotency purge failed:', error),
    );
  }, PURGE_INTERVAL_MS);
  purge.unref();
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        clearInterval(purge);
        // close() drops only the keep-alive connections idle at that moment; one still finishing a
        // response would hold the close up until it times out, so sweep again until all are gone.
        const sweep = setInterval(closeIdleConnections, 50);
        server.close((error) => {
          clearInterval(sweep);
          if (error) reject(error);
          else resolve();
        });
        closeIdleConnections();
      }),
  };
}
