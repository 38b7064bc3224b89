import * as z from 'zod/mini';
import { cursorId, cursorTime, decodeCursor as decodeQueryCursor } from '../http/query.ts';
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

const CursorShape = z.tuple([cursorTime(), cursorId()]);

/** The cursor in a query parameter (`name` for the error), null when absent; 400 when malformed. */
export function decodeCursor(raw: string | undefined, name: string): Cursor | null {
  if (raw === undefined || raw === '') return null;
  const [createdAt, id] = decodeQueryCursor(raw, CursorShape, name);
  return { createdAt: new Date(createdAt), id };
}
