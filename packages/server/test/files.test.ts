import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import * as z from 'zod/mini';
import { FileInfo } from '@plaza/contract';
import { readImageHeader } from '../src/files/image.ts';
import { backend, readError, seededApi } from './helpers.ts';

// Real, decodable images, encoded here so every byte is accounted for.

const be32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};
const le16 = (value: number) => Buffer.from([value & 0xff, value >> 8]);
const le32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
};

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  return Buffer.concat([be32(data.length), typeAndData, be32(crc32(typeAndData))]);
}

/** A truecolour PNG, one colour or random noise (which does not compress: a large file). */
function png(width: number, height: number, { noise = false } = {}): Buffer {
  const rowBytes = 1 + width * 3;
  const raw = Buffer.alloc(rowBytes * height, 0x80);
  for (let y = 0; y < height; y += 1) {
    raw[y * rowBytes] = 0; // filter: none
    if (noise) randomBytes(width * 3).copy(raw, y * rowBytes + 1);
  }
  const header = Buffer.concat([be32(width), be32(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Only a PNG's signature and IHDR, claiming any size: what a decompression bomb looks like up front. */
const pngClaiming = (width: number, height: number) =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', Buffer.concat([be32(width), be32(height), Buffer.from([8, 2, 0, 0, 0])])),
    pngChunk('IDAT', deflateSync(Buffer.alloc(16))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);

/** Writes values least-significant bit first, as GIF's LZW and WebP's VP8L streams want. */
class BitWriter {
  private readonly bytes: number[] = [];
  private bit = 0;
  write(value: number, count: number) {
    for (let index = 0; index < count; index += 1) {
      if (this.bit === 0) this.bytes.push(0);
      this.bytes[this.bytes.length - 1]! |= ((value >> index) & 1) << this.bit;
      this.bit = (this.bit + 1) % 8;
    }
  }
  toBuffer() {
    return Buffer.from(this.bytes);
  }
}

/** A two-colour GIF89a, every pixel colour 1. The LZW stream clears before each pixel, so codes stay 3 bits. */
function gif(width: number, height: number): Buffer {
  const codes = new BitWriter();
  for (let pixel = 0; pixel < width * height; pixel += 1) {
    codes.write(4, 3); // clear
    codes.write(1, 3); // colour index 1
  }
  codes.write(5, 3); // end of information
  const data = codes.toBuffer();
  const blocks: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += 255) {
    const block = data.subarray(offset, offset + 255);
    blocks.push(Buffer.from([block.length]), block);
  }
  return Buffer.concat([
    Buffer.from('GIF89a', 'ascii'),
    le16(width),
    le16(height),
    Buffer.from([0x80, 0, 0]), // global colour table of 2 entries
    Buffer.from([0xff, 0xff, 0xff, 0xe0, 0x60, 0x10]),
    Buffer.from([0x2c]),
    le16(0),
    le16(0),
    le16(width),
    le16(height),
    Buffer.from([0]),
    Buffer.from([2]), // LZW minimum code size
    ...blocks,
    Buffer.from([0, 0x3b]),
  ]);
}

const jpegSegment = (marker: number, payload: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker]), be16(payload.length + 2), payload]);
function be16(value: number) {
  return Buffer.from([value >> 8, value & 0xff]);
}

/**
 * A baseline greyscale JPEG, mid-grey: every 8×8 block is "DC difference 0, end of block", and both Huffman
 * tables hold that one symbol as the 1-bit code `0`, so each block is two zero bits.
 */
function jpeg(width: number, height: number): Buffer {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const scan = new BitWriter();
  for (let block = 0; block < blocks; block += 1) scan.write(0, 2);
  // JPEG reads bits most significant first; the data bits are all zero, so only the padding's place matters:
  // the scan is filled up to a whole byte with one-bits, in the low bits of the last byte.
  const padding = (8 - ((blocks * 2) % 8)) % 8;
  const data = scan.toBuffer();
  if (padding > 0) data[data.length - 1]! |= (1 << padding) - 1;
  const oneSymbolTable = (tableClass: number) =>
    Buffer.concat([Buffer.from([tableClass << 4]), Buffer.from([1, ...Array<number>(15).fill(0)]), Buffer.from([0])]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe0, Buffer.concat([Buffer.from('JFIF\0', 'ascii'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])])),
    jpegSegment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    jpegSegment(0xc0, Buffer.concat([Buffer.from([8]), be16(height), be16(width), Buffer.from([1, 1, 0x11, 0])])),
    jpegSegment(0xc4, oneSymbolTable(0)),
    jpegSegment(0xc4, oneSymbolTable(1)),
    jpegSegment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    data,
    Buffer.from([0xff, 0xd9]),
  ]);
}

const riff = (chunkType: string, payload: Buffer) => {
  const padded = payload.length % 2 === 1 ? Buffer.concat([payload, Buffer.from([0])]) : payload;
  const body = Buffer.concat([
    Buffer.from('WEBP', 'ascii'),
    Buffer.from(chunkType, 'ascii'),
    le32(payload.length),
    padded,
  ]);
  return Buffer.concat([Buffer.from('RIFF', 'ascii'), le32(body.length), body]);
};

/** A lossless (VP8L) WebP of one colour: five one-symbol prefix codes, so the pixels take no bits at all. */
function webp(width: number, height: number): Buffer {
  const bits = new BitWriter();
  bits.write(0x2f, 8);
  bits.write(width - 1, 14);
  bits.write(height - 1, 14);
  bits.write(1, 1); // alpha is used
  bits.write(0, 3); // version
  bits.write(0, 1); // no transform
  bits.write(0, 1); // no colour cache
  bits.write(0, 1); // no meta prefix codes
  for (const symbol of [0x88, 0x22, 0x00, 0xff, 0x00]) {
    // green, red, blue, alpha, distance: a "simple" code with one symbol
    bits.write(1, 1);
    bits.write(0, 1);
    if (symbol > 1) {
      bits.write(1, 1);
      bits.write(symbol, 8);
    } else {
      bits.write(0, 1);
      bits.write(symbol, 1);
    }
  }
  return riff('VP8L', bits.toBuffer());
}

const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
);

describe('image headers', () => {
  it('reads type and size of real PNG, GIF, JPEG and WebP files', () => {
    assert.deepEqual(readImageHeader(png(17, 9)), { contentType: 'image/png', width: 17, height: 9 });
    assert.deepEqual(readImageHeader(gif(5, 3)), { contentType: 'image/gif', width: 5, height: 3 });
    assert.deepEqual(readImageHeader(jpeg(20, 12)), { contentType: 'image/jpeg', width: 20, height: 12 });
    assert.deepEqual(readImageHeader(webp(7, 4)), { contentType: 'image/webp', width: 7, height: 4 });
    assert.deepEqual(readImageHeader(webp(16384, 1)), { contentType: 'image/webp', width: 16384, height: 1 });
  });

  it('reads lossy (VP8) and extended (VP8X) WebP headers, and JPEG frames after fill bytes and other segments', () => {
    const vp8 = Buffer.concat([
      Buffer.from([0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a]),
      le16(640),
      le16(480),
      Buffer.alloc(8),
    ]);
    assert.deepEqual(readImageHeader(riff('VP8 ', vp8)), { contentType: 'image/webp', width: 640, height: 480 });
    const canvas = Buffer.from([0x10, 0, 0, 0, 0xff, 0x0f, 0x00, 0x37, 0x04, 0x00]); // 4096 × 1080
    assert.deepEqual(readImageHeader(riff('VP8X', canvas)), { contentType: 'image/webp', width: 4096, height: 1080 });
    const real = jpeg(33, 65);
    const withFill = Buffer.concat([real.subarray(0, 2), Buffer.from([0xff, 0xff]), real.subarray(2)]);
    assert.deepEqual(readImageHeader(withFill), { contentType: 'image/jpeg', width: 33, height: 65 });
  });

  it('recognises nothing else: HTML, SVG, text, truncated headers, empty input', () => {
    for (const bytes of [
      HTML,
      SVG,
      Buffer.from('GIF8'),
      Buffer.from('%PDF-1.7'),
      png(2, 2).subarray(0, 20),
      jpeg(8, 8).subarray(0, 20),
      Buffer.from('RIFF\0\0\0\0WEBPVP8 '),
      Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2]),
      Buffer.alloc(0),
    ]) {
      assert.equal(readImageHeader(bytes), null, bytes.subarray(0, 12).toString('latin1'));
    }
  });
});

describe(`file uploads (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const upload = (body: BodyInit, { as = 'u-alex', type = 'application/octet-stream', key = '' } = {}) => {
    const headers: Record<string, string> = { Cookie: `plaza_session=${as}`, 'X-Plaza-CSRF': '1' };
    if (type) headers['Content-Type'] = type;
    if (key) headers['Idempotency-Key'] = key;
    return Promise.resolve(api.app.request('/v1/files', { method: 'POST', headers, body }));
  };
  const uploaded = async (response: Response) => {
    assert.equal(response.status, 201, await response.clone().text());
    return z.parse(FileInfo, await response.json());
  };

  it('stores PNG, JPEG, GIF and WebP, judged by their content, and serves them back byte for byte', async () => {
    const fixtures = [
      [png(4, 3), 'image/png', 4, 3],
      [jpeg(24, 10), 'image/jpeg', 24, 10],
      [gif(6, 2), 'image/gif', 6, 2],
      [webp(9, 5), 'image/webp', 9, 5],
    ] as const;
    for (const [bytes, contentType, width, height] of fixtures) {
      // The declared type is a lie on purpose: only the content counts.
      const info = await uploaded(await upload(new Uint8Array(bytes), { type: 'image/gif' }));
      assert.deepEqual(
        { contentType: info.contentType, width: info.width, height: info.height, byteSize: info.byteSize },
        { contentType, width, height, byteSize: bytes.length },
      );
      assert.equal(info.url, `/v1/files/${info.id}`);
      const served = await api.get(info.url);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('Content-Type'), contentType);
      assert.equal(served.headers.get('X-Content-Type-Options'), 'nosniff');
      assert.equal(served.headers.get('Content-Disposition'), 'inline');
      assert.match(served.headers.get('Cache-Control') ?? '', /max-age=31536000/);
      assert.match(served.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/);
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), bytes);
    }
  });

  it('takes the `file` field of a multipart form', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(png(2, 5))], { type: 'image/png' }), 'photo.png');
    const info = await uploaded(await upload(form, { type: '' }));
    assert.equal(info.contentType, 'image/png');
    assert.equal(info.height, 5);
    const empty = new FormData();
    empty.set('title', 'no file here');
    const missing = await upload(empty, { type: '' });
    assert.equal(missing.status, 400);
    assert.ok((await readError(missing)).fields?.file);
  });

  it('refuses HTML or SVG dressed up as a PNG with 415 unsupported_media_type', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(HTML)], { type: 'image/png' }), 'cat.png');
    const html = await upload(form, { type: '' });
    assert.equal(html.status, 415);
    assert.equal((await readError(html)).code, 'unsupported_media_type');
    const svg = await upload(new Uint8Array(SVG), { type: 'image/png' });
    assert.equal(svg.status, 415);
    assert.equal((await readError(svg)).code, 'unsupported_media_type');
    const pdf = await upload(new Uint8Array(Buffer.from('%PDF-1.7\n%âãÏÓ')), { type: 'image/jpeg' });
    assert.equal(pdf.status, 415);
    const { rows } = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM files WHERE byte_size = $1', [
      HTML.length,
    ]);
    assert.equal(rows[0]?.n, 0);
  });

  it('takes images far above the 64 KB API limit, up to 5 MB, and refuses more with 413', async () => {
    const large = png(900, 700, { noise: true });
    assert.ok(large.length > 1_000_000 && large.length < 5 * 1024 * 1024, String(large.length));
    const info = await uploaded(await upload(new Uint8Array(large)));
    assert.equal(info.byteSize, large.length);
    assert.deepEqual(Buffer.from(await (await api.get(info.url)).arrayBuffer()), large);

    const tooLarge = Buffer.concat([png(1, 1), Buffer.alloc(5 * 1024 * 1024)]);
    const refused = await upload(new Uint8Array(tooLarge));
    assert.equal(refused.status, 413);
    assert.equal((await readError(refused)).code, 'payload_too_large');
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(tooLarge)], { type: 'image/png' }), 'big.png');
    assert.equal((await upload(form, { type: '' })).status, 413);
    // Every other route keeps the 64 KB limit.
    const post = await api.request('POST', '/v1/questions', {
      as: 'u-alex',
      body: { title: 'Big', body: 'x'.repeat(70_000), topic: 'it-help' },
    });
    assert.equal(post.status, 413);
  });

  it('refuses images without pixels and images too large to decode safely (400, file)', async () => {
    for (const [width, height] of [
      [0, 0],
      [0, 10],
      [9000, 10],
      [10, 8001],
      [7000, 7000],
      [2 ** 31, 2 ** 31],
    ]) {
      const response = await upload(new Uint8Array(pngClaiming(width!, height!)));
      assert.equal(response.status, 400, `${width}×${height}`);
      const error = await readError(response);
      assert.equal(error.code, 'validation_failed');
      assert.ok(error.fields?.file);
    }
    assert.equal((await upload(new Uint8Array(0))).status, 400);
  });

  it('needs a signed-in user and the CSRF header', async () => {
    const signedOut = await api.app.request('/v1/files', { method: 'POST', body: new Uint8Array(png(1, 1)) });
    assert.equal(signedOut.status, 401);
    const noCsrf = await api.app.request('/v1/files', {
      method: 'POST',
      headers: { Cookie: 'plaza_session=u-sam' },
      body: new Uint8Array(png(1, 1)),
    });
    assert.equal(noCsrf.status, 403);
    assert.equal((await readError(noCsrf)).code, 'csrf_failed');
  });

  it('replays an upload retried with the same Idempotency-Key instead of storing it twice', async () => {
    const bytes = new Uint8Array(gif(3, 3));
    const first = await uploaded(await upload(bytes, { key: 'upload-1' }));
    const retry = await upload(bytes, { key: 'upload-1' });
    assert.equal(retry.status, 201);
    assert.equal(z.parse(FileInfo, await retry.json()).id, first.id);
  });

  it('refuses another image under an Idempotency-Key already used (422), however alike their text decoding', async () => {
    // Two PNGs that differ in one byte, the last of the width (128 or 129): as UTF-8 both are U+FFFD.
    const first = png(128, 1);
    const second = Buffer.from(first);
    second[19] = 129;
    assert.equal(second.toString('utf8'), first.toString('utf8'));
    await uploaded(await upload(new Uint8Array(first), { key: 'upload-2' }));
    const other = await upload(new Uint8Array(second), { key: 'upload-2' });
    assert.equal(other.status, 422);
    assert.equal((await readError(other)).code, 'idempotency_conflict');
  });

  it('lets only the uploader delete a file; then it is gone', async () => {
    const info = await uploaded(await upload(new Uint8Array(png(1, 1)), { as: 'u-priya' }));
    const byOther = await api.request('DELETE', info.url, { as: 'u-sam' });
    assert.equal(byOther.status, 403);
    assert.equal((await api.request('DELETE', info.url, { as: 'u-priya' })).status, 204);
    assert.equal((await api.get(info.url)).status, 404);
    assert.equal((await api.request('DELETE', info.url, { as: 'u-priya' })).status, 404);
  });

  it('deletes an image with the post or comment that showed it, or when an edit takes it out; never a draft', async () => {
    const image = async () => (await uploaded(await upload(new Uint8Array(png(2, 2)), { as: 'u-lena' }))).id;
    const [kept, removed, gone, inComment, shared, draft] = [
      await image(),
      await image(),
      await image(),
      await image(),
      await image(),
      await image(),
    ];
    const status = async (id: string) => (await api.get(`/v1/files/${id}`, { as: 'u-lena' })).status;
    const post = async (images: string[]) => {
      const response = await api.request('POST', '/v1/posts', {
        as: 'u-lena',
        body: { body: 'Photos', images: images.map((fileId) => ({ fileId, alt: 'A photo' })) },
      });
      assert.equal(response.status, 201, await response.clone().text());
      return ((await response.json()) as { id: string }).id;
    };
    const edited = await post([kept, removed]);
    const edit = await api.request('PATCH', `/v1/posts/${edited}`, {
      as: 'u-lena',
      body: { images: [{ fileId: kept, alt: 'A photo' }] },
    });
    assert.equal(edit.status, 200);
    assert.equal(await status(kept), 200);
    assert.equal(await status(removed), 404);
    const inDeletedComment = await image();
    const own = await api.request('POST', `/v1/posts/${edited}/comments`, {
      as: 'u-lena',
      body: { body: 'Close-up', images: [{ fileId: inDeletedComment, alt: 'A close-up' }] },
    });
    const ownId = ((await own.json()) as { id: string }).id;
    assert.equal((await api.request('DELETE', `/v1/comments/${ownId}`, { as: 'u-lena' })).status, 200);
    assert.equal(await status(inDeletedComment), 404);

    const deleted = await post([gone, shared]);
    await post([shared]);
    const comment = await api.request('POST', `/v1/posts/${deleted}/comments`, {
      as: 'u-lena',
      body: { body: 'And one more', images: [{ fileId: inComment, alt: 'Another photo' }] },
    });
    assert.equal(comment.status, 201);
    assert.equal((await api.request('DELETE', `/v1/posts/${deleted}`, { as: 'u-lena' })).status, 200);
    assert.equal(await status(gone), 404);
    assert.equal(await status(inComment), 404, "the post's comments' images go too");
    assert.equal(await status(shared), 200, 'still attached to another post');
    assert.equal(await status(draft), 200, 'an upload not attached yet is a draft');
  });

  it('answers 404 for unknown or malformed ids', async () => {
    for (const path of ['/v1/files/file-nope', '/v1/files/%00', '/v1/files/a%20b', `/v1/files/${'x'.repeat(101)}`]) {
      const response = await api.get(path);
      assert.equal(response.status, 404, path);
      assert.equal((await readError(response)).code, 'not_found');
    }
  });
});
