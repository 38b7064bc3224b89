import { validationFailed } from '../http/errors.ts';
export { parseLimit } from '../http/query.ts';

/** A keyset position: (createdAt, id) of the last item shown; newer-first lists continue below it. */
export interface Cursor {
  createdAt: Date;
  id: string;
}

/** Opaque to clients: base64url of `[iso time, id]`. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** The cursor in a query parameter (`name` for the error), null when absent; 400 when malformed. */
export function decodeCursor(raw: string | undefined, name: string): Cursor | null {
  if (raw === undefined || raw === '') return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      const createdAt = new Date(value[0]);
      if (!Number.isNaN(createdAt.getTime()) && value[1].length > 0 && value[1].length <= 100) {
        return { createdAt, id: value[1] };
      }
    }
  } catch {
    // Falls through to the 400 below.
  }
  throw validationFailed('Invalid cursor', { [name]: ['Pass back a cursor this API returned'] });
}
