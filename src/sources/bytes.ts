import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** Passes bytes through, gunzipping them when they start with the gzip magic (extensions and headers can lie). */
export async function* maybeGunzip(src: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<Buffer> {
  const it = src[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && toBuf(first.value).length === 0) first = await it.next();
  if (first.done) return;
  const head = toBuf(first.value);
  const gzip = isGzip(head);
  const rest: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => {
      let sentHead = false;
      return {
        next: async () => {
          if (!sentHead) {
            sentHead = true;
            return { done: false, value: head };
          }
          const n = await it.next();
          return n.done ? { done: true, value: undefined } : { done: false, value: toBuf(n.value) };
        },
        return: async () => {
          await it.return?.(undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
  if (!gzip) {
    yield* rest;
    return;
  }
  const input = Readable.from(rest, { objectMode: false });
  const gz = createGunzip({ chunkSize: 128 * 1024 });
  input.on('error', (err) => gz.destroy(err));
  input.pipe(gz);
  try {
    for await (const chunk of gz) yield chunk as Buffer;
  } finally {
    input.destroy();
    gz.destroy();
  }
}

function toBuf(v: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(v)) return v;
  return typeof v === 'string' ? Buffer.from(v) : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/**
 * True when `buf` starts with the gzip magic. A single byte 0x1f could still be the start of a gzip header split
 * across chunks: gunzip handles that too (and calls a whole input of that one byte a damaged gzip).
 */
export function isGzip(buf: Uint8Array): boolean {
  return buf[0] === 0x1f && (buf.length < 2 || buf[1] === 0x8b);
}

/**
 * Inflates a whole gzip buffer in one call on libuv's thread pool, into one buffer sized from the gzip trailer.
 * Undefined when it would inflate past `limit` bytes or is damaged: the caller then streams it instead, which
 * keeps the records before the damage and says what broke.
 */
export async function gunzipWhole(buf: Buffer, limit: number): Promise<Buffer | undefined> {
  // The last 4 bytes hold the (last member's) inflated size mod 2^32: a size hint, never trusted as a bound.
  const hint = buf.length >= 18 ? buf.readUInt32LE(buf.length - 4) : 0;
  if (hint > limit) return undefined;
  try {
    // One byte over the hint lets zlib see the end of the stream without a second output buffer.
    return await gunzipAsync(buf, { chunkSize: Math.max(64 * 1024, hint + 1), maxOutputLength: limit });
  } catch {
    return undefined;
  }
}

/**
 * The bytes of a whole input, ready to parse: inflated in one call (gunzipWhole) when they are gzip and inflate to
 * at most `limit` bytes, as they are when not gzip, and otherwise streamed through maybeGunzip (too large, a trailer
 * that lies, or damage: the records before the damage are kept and the reason is the stream's).
 */
export async function* wholeBytes(raw: Buffer, limit: number): AsyncGenerator<Buffer> {
  const out = isGzip(raw) ? await gunzipWhole(raw, limit) : raw;
  if (out === undefined) yield* maybeGunzip(once(raw));
  else if (out.length > 0) yield out;
}

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}
