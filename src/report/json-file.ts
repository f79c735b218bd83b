import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Pieces of `JSON.stringify(value, null, 2)`, the same text byte for byte, cut at the elements of objects and
 * arrays down to `depth` levels: a report with thousands of findings is written without ever being one string
 * (which, with its intermediate pieces, costs several times the file's size in memory).
 */
export function* jsonPieces(value: unknown, depth = 2, indent = ''): Generator<string> {
  const whole = (v: unknown): string => {
    const s = JSON.stringify(v, null, 2);
    return indent === '' ? s : s.replace(/\n/g, `\n${indent}`);
  };
  if (depth <= 0 || value === null || typeof value !== 'object' || 'toJSON' in value) {
    yield whole(value);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      yield `${i === 0 ? '' : ','}\n${inner}`;
      // As JSON.stringify does: what has no JSON form is null inside an array.
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
      else yield* jsonPieces(v, depth - 1, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  const entries = Object.entries(value).filter(
    ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
  );
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  let first = true;
  for (const [k, v] of entries) {
    yield `${first ? '' : ','}\n${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* jsonPieces(v, depth - 1, inner);
  }
  yield `\n${indent}}`;
}

/** Writes `JSON.stringify(value, null, 2)` and a newline to `path`, piece by piece, minding back-pressure. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([err]) => {
    throw err as Error;
  });
  failed.catch(() => undefined);
  let buf = '';
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await Promise.race([once(out, 'drain'), failed]);
  };
  for (const piece of jsonPieces(value)) {
    buf += piece;
    if (buf.length >= 64 * 1024) {
      await write(buf);
      buf = '';
    }
  }
  await write(`${buf}\n`);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}
