import { resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import type { AppEnv } from './env.ts';

/** Build output whose name carries a content hash (`chunks/poll-KstwAbCt.js`): it never changes. */
const HASHED = /\/chunks\/[^/]+-[\w-]{8}\.js(\.map)?$/;
/**
 * Scripts, their source maps and style sheets: a `<script type="module">` on a page of another origin (a
 * snippet pasted into the intranet) fetches them in CORS mode, so they say any origin may use them — public
 * files, fetched without credentials, as from a CDN. Pages get no such header.
 */
const SHAREABLE = /\.(m?js|css|map)$/;

/**
 * Serves the files under `dir` for every GET outside `/v1` (`/` → `index.html`), with content types from
 * the file extension, gzip when the browser accepts it, and caching fit for a bundle: hashed chunks are
 * immutable, everything else (`plaza.js`, pages) is revalidated on each use (`Last-Modified`). `..` segments
 * and encoded paths are refused by `serveStatic`; dotfiles (`.env`, `.git`) are never published even when
 * they sit in the folder. Misses fall through to the JSON 404.
 */
export function staticFiles(dir: string): MiddlewareHandler<AppEnv> {
  const serve = serveStatic<AppEnv>({ root: resolve(dir), index: 'index.html' });
  const gzip = compress();
  const ignore = async () => undefined;
  return async (c, next) => {
    const path = c.req.path;
    const isApi = path === '/v1' || path.startsWith('/v1/');
    const hasDotSegment = path.split('/').some((segment) => segment.startsWith('.'));
    if (isApi || hasDotSegment) return next();
    const found = await serve(c, ignore);
    if (!found) return next();
    found.headers.set('Cache-Control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    const shared: Record<string, string> = SHAREABLE.test(path) ? { 'Access-Control-Allow-Origin': '*' } : {};
    for (const [name, value] of Object.entries(shared)) found.headers.set(name, value);
    const lastModified = found.headers.get('Last-Modified');
    const since = c.req.header('If-Modified-Since');
    if (found.status === 200 && lastModified && since && Date.parse(since) >= Date.parse(lastModified)) {
      await found.body?.cancel();
      return new Response(null, {
        status: 304,
        headers: { 'Last-Modified': lastModified, 'Cache-Control': 'no-cache', ...shared },
      });
    }
    await gzip(c, async () => {
      c.res = found;
    });
    return c.res;
  };
}
