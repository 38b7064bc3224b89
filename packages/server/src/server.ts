import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, type AppOptions, type PlazaApp } from './app.ts';
import { errorField, jsonLogger } from './http/log.ts';
import { purgeRateLimitHits } from './http/rate-limit.ts';
import { purgeExpiredIdempotencyKeys } from './http/writes.ts';

export interface ServerOptions extends AppOptions {
  /** 0 picks a free port (see `RunningServer.port`). */
  port: number;
  /** `127.0.0.1` (default) for this machine only, `0.0.0.0` to listen on every interface. */
  host?: string;
  /** How long `close()` lets open requests finish before cutting their connections. Default 10,000 ms. */
  drainTimeoutMs?: number;
}

export interface RunningServer {
  /** The port actually listened on. */
  port: number;
  /** The app served (its hub, for instance). */
  app: PlazaApp;
  /**
   * Graceful stop: `/readyz` turns 503, event streams end (their clients reconnect to another node), no new
   * connections are accepted, and open requests finish (cut after `drainTimeoutMs`). The database stays open.
   */
  close(): Promise<void>;
}

const IDEMPOTENCY_PURGE_MS = 60 * 60 * 1000;
const RATE_LIMIT_PURGE_MS = 5 * 60 * 1000;

/** Serves the API (and `staticDir`, when given) over HTTP with @hono/node-server. */
export async function startServer({
  port,
  host = '127.0.0.1',
  drainTimeoutMs = 10_000,
  ...appOptions
}: ServerOptions): Promise<RunningServer> {
  const app = createApp(appOptions);
  const log = appOptions.log ?? jsonLogger;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(listening));
    listening.once('error', reject);
  });
  const closeIdleConnections = () => {
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  const every = (ms: number, what: string, task: () => Promise<unknown>) => {
    const timer = setInterval(() => {
      task().catch((error: unknown) =>
        log({ time: new Date().toISOString(), level: 'error', msg: `${what} failed`, error: errorField(error) }),
      );
    }, ms);
    timer.unref();
    return timer;
  };
  const now = () => appOptions.now?.() ?? new Date();
  const purges = [
    every(IDEMPOTENCY_PURGE_MS, 'idempotency purge', () => purgeExpiredIdempotencyKeys(appOptions.db, now())),
    every(RATE_LIMIT_PURGE_MS, 'rate-limit purge', () =>
      purgeRateLimitHits(appOptions.db, now(), appOptions.rateLimits ? appOptions.rateLimits.windowMs : undefined),
    ),
  ];

  let closing: Promise<void> | null = null;
  const close = async () => {
    for (const timer of purges) clearInterval(timer);
    // Streams never finish on their own: end them first, or the server would wait for them forever.
    await app.close();
    await new Promise<void>((resolve, reject) => {
      // close() drops only the keep-alive connections idle at that moment; one still finishing a
      // response would hold the close up until it times out, so sweep again until all are gone.
      const sweep = setInterval(closeIdleConnections, 50);
      const deadline = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, drainTimeoutMs);
      server.close((error) => {
        clearInterval(sweep);
        clearTimeout(deadline);
        if (error) reject(error);
        else resolve();
      });
      closeIdleConnections();
    });
  };
  return {
    port: (server.address() as AddressInfo).port,
    app,
    close: () => (closing ??= close()),
  };
}
