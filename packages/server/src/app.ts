import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { buildOpenApi, type ErrorCode } from '@plaza/contract';
import { csrfGuard } from './auth/csrf.ts';
import { assertDevAuthAllowed, DEV_SESSION_PATH, devRoutes, devViewer, SESSION_COOKIE } from './auth/dev.ts';
import type { Db } from './db.ts';
import type { AppEnv, AppSettings } from './http/env.ts';
import { ApiError, errorJson } from './http/errors.ts';
import { requestId } from './http/request-id.ts';
import { staticFiles } from './http/static.ts';
import { transactionalWrites } from './http/writes.ts';
import { pollRoutes } from './polls/routes.ts';
import { feedRoutes } from './feed/routes.ts';
import { moderationPostRoutes, moderationRoutes } from './moderation/routes.ts';
import { commentRoutes, postRoutes } from './posts/routes.ts';
import { meRoutes } from './users/routes.ts';

/** How requests are authenticated. Only `dev` (a cookie holding a user id) exists so far. */
export type AuthMode = 'dev';

export interface AppOptions {
  db: Db;
  authMode: AuthMode;
  /** The clock for closing times, ballots and idempotency expiry (tests move it). */
  now?: () => Date;
  /** Anonymous polls hide their breakdown below this many voters. Default 5. */
  minGroupSize?: number;
  /** When given, every GET outside `/v1` is served from this folder. */
  staticDir?: string;
}

export const MAX_BODY_BYTES = 64 * 1024;

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
};

/**
 * The reference API as a Hono app: the routes of `API_ROUTES`, plus `/v1/openapi.json` and the dev-auth
 * routes. Throws when dev auth is asked for with `NODE_ENV=production`.
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  if (options.authMode === 'dev') assertDevAuthAllowed();
  const minGroupSize = options.minGroupSize ?? 5;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1) throw new Error('minGroupSize must be a positive integer');
  const settings: AppSettings = { now: options.now ?? (() => new Date()), minGroupSize };
  const openApi = buildOpenApi();

  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => errorJson(c, 413, 'payload_too_large', 'The request body is larger than 64 KB'),
    }),
    async (c, next) => {
      c.set('db', options.db);
      await next();
    },
    devViewer(),
    csrfGuard(SESSION_COOKIE, [DEV_SESSION_PATH]),
    // Replaying a sign-in would not set its cookie again, so dev routes ignore Idempotency-Key.
    transactionalWrites({ now: settings.now, idempotencyExempt: ['/v1/dev/'] }),
  );

  app.get('/v1/openapi.json', (c) => c.json(openApi));
  app.route('/v1/me', meRoutes());
  app.route('/v1/polls', pollRoutes(settings));
  app.route('/v1/feed', feedRoutes(settings));
  app.route('/v1/posts', postRoutes(settings));
  app.route('/v1/posts', moderationPostRoutes(settings));
  app.route('/v1/comments', commentRoutes(settings));
  app.route('/v1/moderation', moderationRoutes());
  app.route('/v1/dev', devRoutes());
  if (options.staticDir) app.use(staticFiles(options.staticDir));

  app.notFound((c) => errorJson(c, 404, 'not_found', `Nothing at ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorJson(c, error.status, error.code, error.message, error.fields);
    if (error instanceof HTTPException && error.status < 500) {
      return errorJson(c, error.status, CODE_BY_STATUS[error.status] ?? 'validation_failed', error.message);
    }
    // The details go to the log, never to the client.
    console.error(`[${c.get('requestId')}] ${c.req.method} ${c.req.path} failed:`, error);
    return errorJson(c, 500, 'internal', 'Something went wrong on our side; try again later');
  });
  return app;
}
