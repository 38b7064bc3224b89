import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/** One structured log line. Request lines carry the request fields; failures carry `error` with its stack. */
export interface LogEntry {
  /** ISO 8601 time the line was written. */
  time: string;
  level: 'info' | 'warn' | 'error';
  /** What happened, in a few words (`request`, `request failed`, `idempotency purge failed`). */
  msg: string;
  requestId?: string;
  method?: string;
  /** The path without the query string (queries may hold search text). */
  path?: string;
  status?: number;
  /** Milliseconds until the response (for a stream: until it started). */
  ms?: number;
  /** The signed-in user, or null. */
  userId?: string | null;
  error?: { name: string; message: string; stack?: string };
}

/** Where log lines go. Replace it to ship logs elsewhere or to capture them in tests. */
export type Logger = (entry: LogEntry) => void;

/** One JSON line per entry: info and warn to stdout, errors to stderr. */
export const jsonLogger: Logger = (entry) => {
  const line = JSON.stringify(entry);
  if (entry.level === 'error') console.error(line);
  else console.log(line);
};

/** Drops every line (tests and benchmarks). */
export const silentLogger: Logger = () => {};

/** `error` as a log field; anything thrown that is not an Error is described as a string. */
export function errorField(error: unknown): NonNullable<LogEntry['error']> {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'NonError', message: String(error) };
}

/** Writes one line per request once its response is ready. Mount it right after `requestId()`. */
export function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log({
      time: new Date().toISOString(),
      level: 'info',
      msg: 'request',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      userId: c.get('viewer')?.id ?? null,
    });
  };
}
