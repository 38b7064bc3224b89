import { resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * Serves the files under `dir` for every GET outside `/v1` (`/` → `index.html`), with content types from
 * the file extension. `..` segments and encoded paths are refused by `serveStatic`; dotfiles (`.env`,
 * `.git`) are never published even when they sit in the folder. Misses fall through to the JSON 404.
 */
export function staticFiles(dir: string): MiddlewareHandler<AppEnv> {
  const serve = serveStatic<AppEnv>({ root: resolve(dir), index: 'index.html' });
  return async (c, next) => {
    const path = c.req.path;
    const isApi = path === '/v1' || path.startsWith('/v1/');
    const hasDotSegment = path.split('/').some((segment) => segment.startsWith('.'));
    if (isApi || hasDotSegment) return next();
    return serve(c, next);
  };
}
