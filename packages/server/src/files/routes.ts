import { randomUUID } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { FILE_LIMITS, type FileInfo, type ImageContentType } from '@plaza/contract';
import { requireViewer } from '../auth/viewer.ts';
import type { AppEnv, AppSettings } from '../http/env.ts';
import { ApiError, errorJson, notFound, validationFailed } from '../http/errors.ts';
import { readImageHeader } from './image.ts';
import type { FileStorage } from './storage.ts';

export const FILES_PATH = '/v1/files';

/** Room for the multipart boundary and headers around a file of the largest size. */
const MULTIPART_OVERHEAD = 16 * 1024;

const tooLarge = (c: Context<AppEnv>) =>
  errorJson(c, 413, 'payload_too_large', `Images may be at most ${FILE_LIMITS.maxBytes / 1024 / 1024} MB`);

/** `POST /v1/files`: the one request allowed a body larger than the app-wide 64 KB. */
export const isFileUpload = (c: Context<AppEnv>): boolean => c.req.method === 'POST' && c.req.path === FILES_PATH;

/**
 * Reads an upload's body, refusing it (413) past 5 MB while it streams in, before any other middleware
 * reads it. It is kept as bytes: read as text first (as the write middleware does for every write), binary
 * data would be mangled by UTF-8 decoding. Mount it before the `/v1/*` middleware.
 */
export function fileUploadBody(): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({ maxSize: FILE_LIMITS.maxBytes + MULTIPART_OVERHEAD, onError: tooLarge });
  return async (c, next) => {
    if (!isFileUpload(c)) return next();
    return limit(c, async () => {
      await c.req.arrayBuffer();
      await next();
    });
  };
}

/** `/v1/files`: upload an image, read it back, delete it (its owner). */
export function fileRoutes(storage: FileStorage, settings: AppSettings): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const viewer = requireViewer(c);
      const bytes = await uploadedBytes(c);
      if (bytes.byteLength === 0) throw validationFailed('The upload is empty', { file: ['Send an image'] });
      if (bytes.byteLength > FILE_LIMITS.maxBytes) return tooLarge(c);
      const image = readImageHeader(bytes);
      if (!image) {
        throw new ApiError(
          415,
          'unsupported_media_type',
          'Only PNG, JPEG, WebP and GIF images are accepted (judged by the content, not the name or declared type)',
        );
      }
      const { width, height, contentType } = image;
      if (width === 0 || height === 0) {
        throw validationFailed('The image has no pixels', {
          file: ['The image header says it is 0 pixels wide or high'],
        });
      }
      if (width > FILE_LIMITS.maxSide || height > FILE_LIMITS.maxSide || width * height > FILE_LIMITS.maxPixels) {
        throw validationFailed('The image is too large', {
          file: [
            `At most ${FILE_LIMITS.maxSide} pixels a side and ${FILE_LIMITS.maxPixels / 1_000_000} megapixels; this one is ${width}×${height}`,
          ],
        });
      }
      const db = c.get('db');
      const id = `file-${randomUUID()}`;
      await db.query(
        `INSERT INTO files (id, owner_id, content_type, byte_size, width, height, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, viewer.id, contentType, bytes.byteLength, width, height, settings.now()],
      );
      await storage.put(db, id, bytes);
      const info: FileInfo = { id, url: `${FILES_PATH}/${id}`, contentType, width, height, byteSize: bytes.byteLength };
      c.header('Location', info.url);
      return c.json(info, 201);
    })

    .get('/:id', async (c) => {
      const id = fileId(c);
      const db = c.get('db');
      const { rows } = await db.query<{ content_type: ImageContentType }>(
        'SELECT content_type FROM files WHERE id = $1',
        [id],
      );
      const bytes = rows[0] ? await storage.get(db, id) : null;
      if (!rows[0] || !bytes) throw notFound('No file has this id');
      return new Response(new Uint8Array(bytes), {
        headers: {
          'Content-Type': rows[0].content_type,
          'Content-Length': String(bytes.byteLength),
          'X-Content-Type-Options': 'nosniff',
          'Content-Disposition': 'inline',
          // Ids are never reused, so the bytes behind one never change.
          'Cache-Control': 'private, max-age=31536000, immutable',
          // Even if a browser rendered it as a document, nothing in it could run or load.
          'Content-Security-Policy': "default-src 'none'; sandbox",
        },
      });
    })

    .delete('/:id', async (c) => {
      const viewer = requireViewer(c);
      const id = fileId(c);
      const db = c.get('db');
      const { rows } = await db.query<{ owner_id: string }>('SELECT owner_id FROM files WHERE id = $1 FOR UPDATE', [
        id,
      ]);
      if (!rows[0]) throw notFound('No file has this id');
      if (rows[0].owner_id !== viewer.id) throw new ApiError(403, 'forbidden', 'Only the uploader can delete a file');
      await storage.delete(db, id);
      await db.query('DELETE FROM files WHERE id = $1', [id]);
      return c.body(null, 204);
    });
}

/** The `:id` of the path; anything that cannot be a file id is a 404 without a query. */
function fileId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!/^[\w-]{1,100}$/.test(id)) throw notFound('No file has this id');
  return id;
}

/** The raw body, or the `file` field of a multipart/form-data body. */
async function uploadedBytes(c: Context<AppEnv>): Promise<Uint8Array> {
  const body = await c.req.arrayBuffer();
  const contentType = c.req.header('Content-Type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) return new Uint8Array(body);
  const form = await new Response(body, { headers: { 'Content-Type': contentType } }).formData().catch(() => null);
  const file = form?.get('file');
  if (!(file instanceof Blob)) {
    throw validationFailed('Send the image as the `file` field of the form', { file: ['Missing file'] });
  }
  return new Uint8Array(await file.arrayBuffer());
}
