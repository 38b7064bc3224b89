import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { buildOpenApi, type ErrorCode } from '@plaza/contract';
import { csrfGuard } from './auth/csrf.ts';
import { assertDevAuthAllowed, DEV_SESSION_PATH, devRoutes, devViewer, SESSION_COOKIE } from './auth/dev.ts';
import { checkJwtOptions, jwtViewer, type JwtOptions } from './auth/jwt.ts';
import { corsAllowList } from './http/cors.ts';
import { healthRoutes } from './http/health.ts';
import { errorField, jsonLogger, requestLog, type Logger } from './http/log.ts';
import { checkRateLimits, rateLimit, type RateLimitOptions } from './http/rate-limit.ts';
import { EventHub } from './realtime/hub.ts';
import { eventRoutes } from './realtime/routes.ts';
import type { Db } from './db.ts';
import type { AppEnv, AppSettings } from './http/env.ts';
import { ApiError, errorJson } from './http/errors.ts';
import { CACHE_SCOPES, ReadCache, type CacheScope } from './http/read-cache.ts';
import { requestId } from './http/request-id.ts';
import { staticFiles } from './http/static.ts';
import { transactionalWrites } from './http/writes.ts';
import { pollRoutes } from './polls/routes.ts';
import { answerRoutes, questionRoutes } from './questions/routes.ts';
import { expertRoutes } from './experts/routes.ts';
import { fileRoutes, fileUploadBody, isFileUpload } from './files/routes.ts';
import { databaseFileStorage, type FileStorage } from './files/storage.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { feedRoutes } from './feed/routes.ts';
import { moderationPostRoutes, moderationRoutes } from './moderation/routes.ts';
import { commentRoutes, postRoutes } from './posts/routes.ts';
import { meRoutes } from './users/routes.ts';
import { userRoutes } from './users/routes.ts';
import { groupRoutes } from './groups/routes.ts';
import { catalogRoutes } from './catalog/routes.ts';

/**
 * How requests are authenticated: `dev`, a cookie holding a user id (demo and tests; refused with
 * NODE_ENV=production), or `jwt`, bearer tokens from an OpenID Connect provider (see `jwt`).
 */
export type AuthMode = 'dev' | 'jwt';

export interface AppOptions {
  db: Db;
  authMode: AuthMode;
  /** The clock for closing times, ballots and idempotency expiry (tests move it). */
  now?: () => Date;
  /** Anonymous polls hide their breakdown below this many voters. Default 5. */
  minGroupSize?: number;
  /** Unanswered questions older than this many hours are flagged for escalation. Default 24. */
  questionResponseTargetHours?: number;
  /** Where uploaded images' bytes live. Default: the `files` table. */
  fileStorage?: FileStorage;
  /** When given, every GET outside `/v1` is served from this folder. */
  staticDir?: string;
  /** Issuer, audience and JWKS of the bearer tokens; required with `authMode: 'jwt'`. */
  jwt?: JwtOptions;
  /** Page origins (`https://intranet.example.com`) allowed to call the API from a browser. Default none. */
  corsOrigins?: readonly string[];
  /** Per-client request budgets, counted in the database; `false` turns them off. Default 60 writes and 600 reads a minute. */
  rateLimits?: RateLimitOptions | false;
  /**
   * Keep what many requests read alike (sessions' users, feed pages, posts) in memory until the next write
   * (see http/read-cache.ts). Default true; false reads everything from the database every time.
   */
  readCache?: boolean;
  /** Rate-limit signed-out clients by the last `X-Forwarded-For` entry (behind a proxy you run). Default false. */
  trustProxy?: boolean;
  /** Where request lines and errors go. Default one JSON line each on stdout (errors on stderr). */
  log?: Logger;
  /** Event stream tuning (tests shorten these). */
  realtime?: { heartbeatMs?: number; audienceTtlMs?: number };
}

/** The Hono app plus what it owns: the realtime hub. */
export type PlazaApp = Hono<AppEnv> & {
  /** Fan-out of the event outbox to `/v1/events` streams. */
  readonly hub: EventHub;
  /**
   * Shutdown, first step: `/readyz` answers 503 from now on, every event stream ends (clients reconnect to
   * another node) and the listener stops. The database stays open; its owner closes it.
   */
  close(): Promise<void>;
};

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * What a write under each path may change of what the read cache holds; other paths: everything. Votes,
 * polls, questions, answers, read notifications and sign-ins touch none of its tables; posts, comments,
 * reactions, moderation and files only content; groups also memberships. So a busy poll leaves the feed
 * cached, and a new reaction leaves sessions and memberships cached. Checked by a test that runs writes of
 * each path and looks at every statement.
 */
export const CACHE_SCOPES_BY_PATH: readonly (readonly [prefix: string, scopes: readonly CacheScope[]])[] = [
  ['/v1/polls', []],
  ['/v1/questions', []],
  ['/v1/answers', []],
  ['/v1/notifications', []],
  ['/v1/dev/', []],
  ['/v1/posts', ['content']],
  ['/v1/comments', ['content']],
  ['/v1/moderation', ['content']],
  ['/v1/files', ['content']],
  ['/v1/groups', ['content', 'memberships']],
];

/** The cache scopes a write to `path` may change. */
export function cacheScopesOf(path: string): readonly CacheScope[] {
  return CACHE_SCOPES_BY_PATH.find(([prefix]) => path.startsWith(prefix))?.[1] ?? CACHE_SCOPES;
}

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
export function createApp(options: AppOptions): PlazaApp {
  if (options.authMode === 'dev') assertDevAuthAllowed();
  if (options.authMode === 'jwt' && !options.jwt) throw new Error("authMode 'jwt' needs the jwt options");
  const jwt = options.authMode === 'jwt' && options.jwt ? checkJwtOptions(options.jwt) : null;
  const rateLimits = options.rateLimits === false ? null : checkRateLimits(options.rateLimits ?? {});
  const log = options.log ?? jsonLogger;
  const minGroupSize = options.minGroupSize ?? 5;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1) throw new Error('minGroupSize must be a positive integer');
  const cache = new ReadCache(options.db, { log, enabled: options.readCache ?? true });
  const fileStorage = options.fileStorage ?? databaseFileStorage;
  const settings: AppSettings = { now: options.now ?? (() => new Date()), minGroupSize, cache, fileStorage };
  const openApi = buildOpenApi();
  const hub = new EventHub({ db: options.db, log, audienceTtlMs: options.realtime?.audienceTtlMs });
  let draining = false;
  const responseTargetHours = options.questionResponseTargetHours ?? 24;
  if (!(responseTargetHours > 0)) throw new Error('questionResponseTargetHours must be positive');

  const app = new Hono<AppEnv>();
  app.use(requestId());
  // A path with U+0000 names nothing that can exist (PostgreSQL text cannot hold it): 404, not a database error.
  app.use('/v1/*', async (c, next) => {
    if (c.req.path.includes('\0') || /%00/i.test(new URL(c.req.url).pathname)) {
      return errorJson(c, 404, 'not_found', 'Nothing has this address');
    }
    await next();
  });
  app.use(requestLog(log));
  app.route('/', healthRoutes({ db: options.db, draining: () => draining }));
  if (options.corsOrigins?.length) app.use('/v1/*', corsAllowList(options.corsOrigins));
  // Uploads are read (up to 5 MB) before the 64 KB limit, which skips them.
  app.use(fileUploadBody());
  const smallBodies = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => errorJson(c, 413, 'payload_too_large', 'The request body is larger than 64 KB'),
  });
  app.use(
    '/v1/*',
    // GET and HEAD have no body; asking for one would also build a full Request object for every read.
    (c, next) => (isFileUpload(c) || c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : smallBodies(c, next)),
    async (c, next) => {
      c.set('db', options.db);
      await next();
    },
    ...(jwt
      ? // Bearer tokens are never sent by the browser on its own, so they need no CSRF header.
        [jwtViewer(jwt, cache)]
      : [devViewer(cache), csrfGuard(SESSION_COOKIE, [DEV_SESSION_PATH])]),
    // Counted outside the write transaction, so a failed write still counts.
    ...(rateLimits
      ? [
          rateLimit({
            limits: rateLimits,
            now: settings.now,
            trustProxy: options.trustProxy ?? false,
            exempt: ['/v1/openapi.json'],
          }),
        ]
      : []),
    // Replaying a sign-in would not set its cookie again, so dev routes ignore Idempotency-Key.
    transactionalWrites({ now: settings.now, idempotencyExempt: ['/v1/dev/'], cache, cacheScopes: cacheScopesOf }),
  );

  app.get('/v1/openapi.json', (c) => c.json(openApi));
  app.route('/v1/me', meRoutes());
  app.route('/v1/polls', pollRoutes(settings));
  app.route('/v1/users', userRoutes());
  app.route('/v1/groups', groupRoutes(settings));
  app.route('/v1/questions', questionRoutes({ ...settings, responseTargetMs: responseTargetHours * 60 * 60 * 1000 }));
  app.route('/v1/answers', answerRoutes({ ...settings, responseTargetMs: responseTargetHours * 60 * 60 * 1000 }));
  app.route('/v1/experts', expertRoutes(settings));
  app.route('/v1/notifications', notificationRoutes(settings));
  app.route('/v1/files', fileRoutes(fileStorage, settings));
  app.route('/v1/events', eventRoutes({ hub, settings, log, heartbeatMs: options.realtime?.heartbeatMs }));
  app.route('/v1/feed', feedRoutes(settings));
  app.route('/v1/posts', postRoutes(settings));
  app.route('/v1/posts', moderationPostRoutes(settings));
  app.route('/v1/comments', commentRoutes(settings));
  app.route('/v1/moderation', moderationRoutes());
  app.route('/v1/catalog', catalogRoutes(settings));
  if (options.authMode === 'dev') app.route('/v1/dev', devRoutes());
  if (options.staticDir) app.use(staticFiles(options.staticDir));

  app.notFound((c) => errorJson(c, 404, 'not_found', `Nothing at ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorJson(c, error.status, error.code, error.message, error.fields);
    if (error instanceof HTTPException && error.status < 500) {
      return errorJson(c, error.status, CODE_BY_STATUS[error.status] ?? 'validation_failed', error.message);
    }
    // The details go to the log, never to the client.
    log({
      time: new Date().toISOString(),
      level: 'error',
      msg: 'request failed',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: errorField(error),
    });
    return errorJson(c, 500, 'internal', 'Something went wrong on our side; try again later');
  });
  return Object.assign(app, {
    hub,
    close: async () => {
      draining = true;
      await Promise.all([hub.close(), cache.close()]);
    },
  });
}
