import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Passes bytes through, gunzipping them when they start with the gzip magic (extensions and headers can lie). */
export async function* maybeGunzip(src: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<Buffer> {
  const it = src[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && toBuf(first.value).length === 0) first = await it.next();
  if (first.done) return;
  const head = toBuf(first.value);
  // A single byte 0x1f could still be the start of a gzip header split across chunks: gunzip handles that too.
  const gzip = head[0] === 0x1f && (head.length < 2 || head[1] === 0x8b);
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
