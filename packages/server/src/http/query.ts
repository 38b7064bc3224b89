import * as z from 'zod/mini';
import { noNul } from '@plaza/contract';
import { validationFailed } from './errors.ts';

/** The most ids one batch read (`?ids=a,b,c`) may ask for, as every batch route documents. */
export const MAX_IDS_PER_REQUEST = 100;

/**
 * `?ids=a,b,c` → the distinct ids, in the order asked; 400 naming `ids` when there are none or more than
 * `max`. An id that cannot name anything (over 100 characters, or with a NUL, which PostgreSQL text refuses)
 * is left out, so the answer lacks it as it lacks an unknown id: the SDK batches the ids of every widget on a
 * page into one read, and one mistyped `poll-id` must not fail its neighbours. `noun` names them in the
 * message ("poll", "group").
 */
export function parseIds(raw: string | undefined, noun: string, max = MAX_IDS_PER_REQUEST): string[] {
  const ids = [
    ...new Set(
      (raw ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length === 0) throw validationFailed(`Give the ${noun} ids`, { ids: [`Give at least one ${noun} id`] });
  if (ids.length > max) throw validationFailed(`Too many ${noun} ids`, { ids: [`At most ${max} ids per request`] });
  return ids.filter((id) => id.length <= 100 && !id.includes('\0'));
}

/** A keyset cursor, opaque to clients: base64url of a JSON array of the values that order the list. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * A cursor's time: an ISO date-time PostgreSQL can compare, so years 1 to 9999 (`0000-…` passes the ISO
 * format, and `+100000-…` passes `Date`, but `timestamptz` refuses both: a tampered cursor gets a 400, not a 500).
 */
export const cursorTime = () =>
  z.iso.datetime({ offset: true }).check(
    z.refine((value) => {
      const year = new Date(value).getUTCFullYear();
      return year >= 1 && year <= 9999;
    }),
  );

/** A cursor's id: as any id, at most 100 characters and no NUL. */
export const cursorId = () => z.string().check(z.minLength(1), z.maxLength(100), noNul());

/** Decodes a cursor made by {@link encodeCursor} and checks it against `shape`; 400 naming `name` otherwise. */
export function decodeCursor<T>(raw: string, shape: z.ZodMiniType<T>, name = 'cursor'): T {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    json = null;
  }
  const result = z.safeParse(shape, json);
  if (!result.success) throw validationFailed('Invalid cursor', { [name]: ['Pass back a cursor this API returned'] });
  return result.data;
}

/** `limit` query parameter: a whole number in 1..max, `fallback` when absent; 400 otherwise. */
export function parseLimit(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < 1 || limit > max) {
    throw validationFailed('Invalid limit', { limit: [`A whole number from 1 to ${max}`] });
  }
  return limit;
}
