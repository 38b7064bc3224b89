import * as z from 'zod/mini';
import { Id } from './common.ts';
import { IMAGE_CONTENT_TYPES } from './limits.ts';

/** The image types accepted, recognised by their content (magic bytes), never by the declared type. */
export const ImageContentType = z.enum(IMAGE_CONTENT_TYPES);
export type ImageContentType = z.infer<typeof ImageContentType>;

/** An uploaded image (`POST /v1/files`). */
export const FileInfo = z.object({
  id: Id,
  /** Where to fetch the bytes (`GET /v1/files/:id`), relative to the API base. */
  url: z.string(),
  /** The type found in the content. */
  contentType: ImageContentType,
  /** Pixels, read from the image header. */
  width: z.int().check(z.minimum(1)),
  /** Pixels, read from the image header. */
  height: z.int().check(z.minimum(1)),
  /** Size of the stored file in bytes. */
  byteSize: z.int().check(z.minimum(1)),
});
export type FileInfo = z.infer<typeof FileInfo>;
