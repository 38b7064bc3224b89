import type { Db } from '../db.ts';

/**
 * Where uploaded bytes live. The metadata row (type, size, dimensions, owner) is always in the `files`
 * table; an implementation decides where the bytes go. Each call gets the request's database handle, so the
 * database implementation writes in the request's transaction; others (an object store) may ignore it,
 * accepting that a rolled-back upload can leave orphaned bytes behind.
 */
export interface FileStorage {
  put(db: Db, id: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when there are none for this id. */
  get(db: Db, id: string): Promise<Uint8Array | null>;
  delete(db: Db, id: string): Promise<void>;
}

/**
 * Keeps the bytes in `files.data`. Both drivers exchange them as base64 text, because the `Db` interface
 * passes strings, not buffers. Fine for images of a few megabytes; large deployments plug in an object store.
 */
export const databaseFileStorage: FileStorage = {
  async put(db, id, bytes) {
    const { rows } = await db.query(`UPDATE files SET data = decode($2, 'base64') WHERE id = $1 RETURNING id`, [
      id,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    ]);
    if (rows.length === 0) throw new Error(`No files row for ${id}: insert the metadata first`);
  },
  async get(db, id) {
    const { rows } = await db.query<{ data: string | null }>(
      `SELECT encode(data, 'base64') AS data FROM files WHERE id = $1`,
      [id],
    );
    const data = rows[0]?.data;
    return data == null ? null : new Uint8Array(Buffer.from(data, 'base64'));
  },
  async delete(db, id) {
    await db.query('UPDATE files SET data = NULL WHERE id = $1', [id]);
  },
};

/**
 * The files attached to these posts (with their comments) and comments (with their replies): what deleting them
 * may leave unused. Read it before the delete, whose cascade takes the attachments. (An edit learns what it took
 * out from `replaceImages`.)
 */
export async function attachedFiles(
  db: Db,
  { posts = [], comments = [] }: { posts?: readonly string[]; comments?: readonly string[] },
): Promise<string[]> {
  const { rows } = await db.query<{ file_id: string }>(
    `SELECT pi.file_id FROM post_images pi WHERE pi.post_id = ANY($1::text[])
     UNION
     SELECT ci.file_id FROM comment_images ci JOIN comments c ON c.id = ci.comment_id
      WHERE c.post_id = ANY($1::text[]) OR c.id = ANY($2::text[]) OR c.parent_id = ANY($2::text[])`,
    [posts, comments],
  );
  return rows.map((row) => row.file_id);
}

/**
 * Deletes those of `fileIds` that no post or comment shows any more, bytes and all: a deleted post's photo
 * goes with it, and an image taken out of a post in an edit is gone, rather than staying readable by its URL.
 * Only files that were attached are passed here, so an upload waiting in someone's draft is never touched.
 */
export async function deleteUnusedFiles(db: Db, storage: FileStorage, fileIds: readonly string[]): Promise<void> {
  if (fileIds.length === 0) return;
  const { rows } = await db.query<{ id: string }>(
    `SELECT f.id FROM files f
      WHERE f.id = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM post_images pi WHERE pi.file_id = f.id)
        AND NOT EXISTS (SELECT 1 FROM comment_images ci WHERE ci.file_id = f.id)
        FOR UPDATE`,
    [fileIds],
  );
  for (const { id } of rows) await storage.delete(db, id);
  if (rows.length > 0) await db.query('DELETE FROM files WHERE id = ANY($1::text[])', [rows.map((row) => row.id)]);
}
