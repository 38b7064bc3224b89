import type { MiddlewareHandler } from 'hono';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Role, User } from '@plaza/contract';
import type { Db } from '../db.ts';
import type { AppEnv } from '../http/env.ts';
import type { ReadCache } from '../http/read-cache.ts';
import { errorJson } from '../http/errors.ts';
import { findUser, USER_COLUMNS, toUser, type UserRow } from '../users/store.ts';

/** Bearer tokens from an OpenID Connect provider (Entra ID, Keycloak, Okta …), checked against its JWKS. */
export interface JwtOptions {
  /** The `iss` every token must carry, e.g. `https://login.example.com/realms/intranet`. */
  issuer: string;
  /** The `aud` (one of them) every token must carry: the id the provider gave this API. */
  audience: string | string[];
  /** Where the provider publishes its signing keys (`jwks_uri` of its discovery document). */
  jwksUrl: string;
  /**
   * The claim holding the user's roles: a string or an array of strings. Default `roles` (Entra ID app
   * roles); Keycloak users often map one to `plaza_role`.
   */
  roleClaim?: string;
  /** The value in `roleClaim` that makes a company manager. Default `manager`. */
  managerRole?: string;
  /** Put before `sub` to form the Plaza user id (e.g. `kc:`), so ids from two providers never meet. Default none. */
  userIdPrefix?: string;
  /** Seconds of clock difference to the provider that are tolerated for `exp` and `nbf`. Default 30. */
  clockToleranceSeconds?: number;
}

/** Throws unless the options can work; returns them with defaults. */
export function checkJwtOptions(options: JwtOptions): Required<JwtOptions> {
  for (const [name, value] of [
    ['issuer', options.issuer],
    ['jwksUrl', options.jwksUrl],
  ] as const) {
    if (!value) throw new Error(`JWT auth needs ${name}`);
  }
  const audiences = Array.isArray(options.audience) ? options.audience : [options.audience];
  if (audiences.length === 0 || audiences.some((audience) => !audience)) throw new Error('JWT auth needs audience');
  if (!URL.canParse(options.jwksUrl)) throw new Error(`JWKS URL ${options.jwksUrl} is not a URL`);
  return {
    roleClaim: 'roles',
    managerRole: 'manager',
    userIdPrefix: '',
    clockToleranceSeconds: 30,
    ...options,
  };
}

const MAX_ID_LENGTH = 100;
const MAX_NAME_LENGTH = 200;

/** Failures that mean "this token is no good" (401); anything else (JWKS unreachable) is our problem (500). */
const INVALID_TOKEN_CODES = new Set([
  errors.JWTExpired.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWTInvalid.code,
  errors.JWSInvalid.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
]);

/** The profile a token describes; `undefined` fields were not in the token and stay as stored. */
export interface TokenProfile {
  id: string;
  name: string;
  role: Role;
  title: string | null | undefined;
  locale: string | null | undefined;
  avatarUrl: string | null | undefined;
}

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;

/** Maps verified claims to a Plaza user; `null` when the token names nobody Plaza can store. */
export function profileFromClaims(claims: JWTPayload, options: Required<JwtOptions>): TokenProfile | null {
  if (typeof claims.sub !== 'string' || claims.sub === '') return null;
  const id = options.userIdPrefix + claims.sub;
  if (id.length > MAX_ID_LENGTH) return null;
  const roles = claims[options.roleClaim];
  const isManager = Array.isArray(roles) ? roles.includes(options.managerRole) : roles === options.managerRole;
  const picture = text(claims.picture, 2000);
  return {
    id,
    name:
      text(claims.name, MAX_NAME_LENGTH) ??
      text(claims.preferred_username, MAX_NAME_LENGTH) ??
      text(claims.email, MAX_NAME_LENGTH) ??
      claims.sub.slice(0, MAX_NAME_LENGTH),
    role: isManager ? 'manager' : 'member',
    title: text(claims.title, MAX_NAME_LENGTH) ?? text(claims.job_title, MAX_NAME_LENGTH),
    locale: text(claims.locale, 35),
    avatarUrl: picture && /^https?:\/\//i.test(picture) ? picture : undefined,
  };
}

/**
 * The user behind a token: created the first time it is seen, updated when the token says something
 * else than the stored row (name, role, and title/locale/picture when present), untouched otherwise.
 */
export async function provisionUser(db: Db, profile: TokenProfile, cache?: ReadCache): Promise<User> {
  const stored = await findUser(db, profile.id);
  const wanted: User = {
    id: profile.id,
    name: profile.name,
    role: profile.role,
    title: profile.title === undefined ? (stored?.title ?? null) : profile.title,
    locale: profile.locale === undefined ? (stored?.locale ?? null) : profile.locale,
    avatarUrl: profile.avatarUrl === undefined ? (stored?.avatarUrl ?? null) : profile.avatarUrl,
  };
  if (stored && (Object.keys(wanted) as (keyof User)[]).every((key) => stored[key] === wanted[key])) return stored;
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (id, name, title, avatar_url, role, locale) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, title = EXCLUDED.title,
       avatar_url = EXCLUDED.avatar_url, role = EXCLUDED.role, locale = EXCLUDED.locale
     RETURNING ${USER_COLUMNS}`,
    [wanted.id, wanted.name, wanted.title, wanted.avatarUrl, wanted.role, wanted.locale],
  );
  // Names show on cached posts, and company-wide acknowledgement counts count everyone.
  await cache?.notifyChange(db);
  cache?.invalidate();
  return toUser(rows[0]!);
}

/**
 * Sets `viewer` from `Authorization: Bearer <JWT>`, verified against the issuer's JWKS (fetched once and
 * cached by jose, refetched for an unknown key id). No header: signed out. A header that is not a valid
 * token: 401 with `WWW-Authenticate`, even for reads, so the page's `getToken()` gets a fresh token.
 */
export function jwtViewer(input: JwtOptions, cache?: ReadCache): MiddlewareHandler<AppEnv> {
  const options = checkJwtOptions(input);
  const keys = createRemoteJWKSet(new URL(options.jwksUrl));
  const refuse = (c: Parameters<MiddlewareHandler<AppEnv>>[0], message: string) => {
    c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
    return errorJson(c, 401, 'unauthenticated', message);
  };
  return async (c, next) => {
    const header = c.req.header('Authorization');
    if (header === undefined) {
      c.set('viewer', null);
      return next();
    }
    const token = /^Bearer +(\S+)$/i.exec(header)?.[1];
    if (!token) return refuse(c, 'The Authorization header must be "Bearer <token>"');
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError && INVALID_TOKEN_CODES.has(error.code)) {
        return refuse(
          c,
          error instanceof errors.JWTExpired ? 'The bearer token has expired' : 'The bearer token is not valid',
        );
      }
      throw error;
    }
    const profile = profileFromClaims(claims, options);
    if (!profile) return refuse(c, `The bearer token's subject is missing or longer than ${MAX_ID_LENGTH} characters`);
    c.set('viewer', await provisionUser(c.get('db'), profile, cache));
    await next();
  };
}
