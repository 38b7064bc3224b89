import * as z from 'zod/mini';
import { isBlank } from './limits.ts';

/** Opaque identifier: a short slug or UUID chosen by the server. */
export const Id = z.string().check(z.minLength(1), z.maxLength(100));

/** Refuses U+0000, which PostgreSQL text cannot hold: a 400 naming the field instead of a database error. */
export const noNul = () =>
  z.refine<string>((text) => !text.includes('\u0000'), 'Must not contain the character U+0000');

/**
 * Refuses text with nothing to see once trimmed — only zero-width, format or filler characters (see
 * `BLANK_TEXT_PATTERN`). Empty text passes, so a field's own `minLength(1)` message is the only one it gets.
 */
export const visibleText = () =>
  z.refine<string>((text) => text === '' || !isBlank(text), 'Must contain visible text, not only invisible characters');

/** An ISO 8601 timestamp with offset, e.g. `2026-11-23T08:00:00.000Z`. */
export const Timestamp = z.iso.datetime({ offset: true });

/** The machine-readable error codes every Plaza API returns. */
export const ErrorCode = z.enum([
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'idempotency_conflict',
  'csrf_failed',
  'invalid_option',
  'too_many_choices',
  'poll_closed',
  // Groups: the action does not fit the group's join policy (it may have changed since the page loaded).
  'group_not_open',
  'group_not_by_request',
  // Groups: the only admin cannot leave; a join request was already decided or withdrawn.
  'last_admin',
  'no_pending_request',
  'already_member',
  'unsupported_media_type',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * The one JSON error shape of every failing response.
 * `fields` maps a request field path (`options.0.label`) to its messages.
 */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.array(z.string()))),
    requestId: z.optional(z.string()),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** `{ items }` wrapper for batch reads such as `GET /v1/polls?ids=a,b`. */
export const itemsOf = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item) });
