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
