import * as z from 'zod/mini';
import { Id } from './common.ts';
import { USER_SEARCH_LIMITS } from './limits.ts';

/** Company-wide role: managers moderate, pin announcements and may close anyone's poll. */
export const Role = z.enum(['member', 'manager']);
export type Role = z.infer<typeof Role>;

/** A person as other people see them. */
export const UserRef = z.object({
  id: Id,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  avatarUrl: z.nullable(z.string()),
  title: z.nullable(z.string()),
});
export type UserRef = z.infer<typeof UserRef>;

/** The signed-in user (`GET /v1/me`). */
export const User = z.object({
  id: Id,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  avatarUrl: z.nullable(z.string()),
  title: z.nullable(z.string()),
  role: Role,
  locale: z.nullable(z.string()),
});
export type User = z.infer<typeof User>;

/**
 * `GET /v1/users?query=` (mention autocomplete): up to 8 people whose name contains the query, ignoring
 * case; names that start with it (or have a word that does) come first.
 */
export const UserSearchResult = z.object({
  /** The people found, best match first. */
  items: z.array(UserRef).check(z.maxLength(USER_SEARCH_LIMITS.results)),
});
export type UserSearchResult = z.infer<typeof UserSearchResult>;
