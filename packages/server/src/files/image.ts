import type { ImageContentType } from '@plaza/contract';

/** What the header of an image says. */
export interface ImageHeader {
  contentType: ImageContentType;
  width: number;
  height: number;
}

/**
 * The type and size of an image, read from its first bytes: the magic number decides the type (never the
 * declared Content-Type or a file name), the header the dimensions. `null` when the bytes are not a PNG,
 * JPEG, GIF or WebP we can read. Nothing is decoded: that is the point of reading dimensions first.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  return readPng(bytes) ?? readGif(bytes) ?? readJpeg(bytes) ?? readWebp(bytes);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((byte, index) => bytes[at + index] === byte);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** PNG: the signature, then the IHDR chunk (always first) with big-endian width and height. */
function readPng(bytes: Uint8Array): ImageHeader | null {
  if (!startsWith(bytes, PNG_SIGNATURE) || !startsWith(bytes, ascii('IHDR'), 12) || bytes.length < 24) return null;
  const data = view(bytes);
  return { contentType: 'image/png', width: data.getUint32(16), height: data.getUint32(20) };
}

/** GIF: `GIF87a`/`GIF89a`, then the logical screen's little-endian width and height. */
function readGif(bytes: Uint8Array): ImageHeader | null {
  if (!(startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) || bytes.length < 10) return null;
  const data = view(bytes);
  return { contentType: 'image/gif', width: data.getUint16(6, true), height: data.getUint16(8, true) };
}

/**
 * JPEG: SOI, then segments until a start-of-frame (SOF0–SOF15 except DHT, JPG and DAC), whose header holds
 * the height and width. Stops at the start of scan: a frame header after it would be malformed.
 */
function readJpeg(bytes: Uint8Array): ImageHeader | null {
  if (!startsWith(bytes, [0xff, 0xd8, 0xff])) return null;
  const data = view(bytes);
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    // Fill bytes: a marker may be preceded by any number of 0xFF.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    // Markers without a length: TEM, RST0–7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = data.getUint16(offset + 2);
    if (length < 2) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (offset + 9 > bytes.length) return null;
      return { contentType: 'image/jpeg', height: data.getUint16(offset + 5), width: data.getUint16(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}

/** WebP: a RIFF container whose first chunk is `VP8 ` (lossy), `VP8L` (lossless) or `VP8X` (extended). */
function readWebp(bytes: Uint8Array): ImageHeader | null {
  if (!startsWith(bytes, ascii('RIFF')) || !startsWith(bytes, ascii('WEBP'), 8)) return null;
  const data = view(bytes);
  if (startsWith(bytes, ascii('VP8 '), 12) && bytes.length >= 30) {
    // Frame tag (3 bytes), then the key frame start code, then 14-bit width and height.
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return null;
    return {
      contentType: 'image/webp',
      width: data.getUint16(26, true) & 0x3fff,
      height: data.getUint16(28, true) & 0x3fff,
    };
  }
  if (startsWith(bytes, ascii('VP8L'), 12) && bytes.length >= 25) {
    // Signature byte 0x2f, then width − 1 and height − 1 in 14 bits each, little-endian bit order.
    if (bytes[20] !== 0x2f) return null;
    const bits = data.getUint32(21, true);
    return { contentType: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (startsWith(bytes, ascii('VP8X'), 12) && bytes.length >= 30) {
    // Flags (1 byte), reserved (3), then canvas width − 1 and height − 1 in 24 bits each.
    const uint24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
    return { contentType: 'image/webp', width: uint24(24) + 1, height: uint24(27) + 1 };
  }
  return null;
}
