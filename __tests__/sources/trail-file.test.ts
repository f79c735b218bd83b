/**
 * The fast path for trail files as CloudTrail writes them, and the content digests de-duplication keys on:
 * small batches, every record once, the same digest whatever path read the record.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DIGEST_WORDS, digestOf, digestsOf } from '../../src/sources/content-hash.js';
import { readRecords } from '../../src/sources/json-records.js';
import { parseEventTime } from '../../src/sources/normalize.js';

const hex = (d: Uint32Array): string => [...d].map((w) => w.toString(16).padStart(8, '0')).join('');

/** A compact record with `eventVersion` first, as CloudTrail writes them. */
function record(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::123456789012:user/u${i % 7}` },
    eventTime: '2024-03-01T00:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'GetUser',
    eventID: `id-${i}`,
    ...extra,
  };
}

async function readAll(
  bytes: Buffer,
  chunk = 64 * 1024,
  opts: { maxRecordBytes?: number; breakAt?: number } = {},
): Promise<{ records: unknown[]; digests: string[]; batches: number[]; skipped: string[]; error?: Error }> {
  const chunks = async function* (): AsyncGenerator<Buffer> {
    for (let i = 0; i < bytes.length; i += chunk) {
      // A stream that breaks off (as gunzip does on a truncated file) after `breakAt` bytes.
      if (opts.breakAt !== undefined && i >= opts.breakAt) throw new Error('unexpected end of file');
      yield bytes.subarray(i, i + chunk);
    }
  };
  const records: unknown[] = [];
  const digests: string[] = [];
  const batches: number[] = [];
  const skipped: string[] = [];
  const read = readRecords(chunks(), 'json', (r) => skipped.push(r), {
    ...(opts.maxRecordBytes !== undefined ? { maxRecordBytes: opts.maxRecordBytes } : {}),
  });
  try {
    for await (const batch of read) collect(batch);
  } catch (err) {
    return { records, digests, batches, skipped, error: err as Error };
  }
  return { records, digests, batches, skipped };

  function collect(batch: unknown[]): void {
    const table = digestsOf(batch);
    expect(table?.length).toBe(batch.length * DIGEST_WORDS);
    batch.forEach((_r, i) =>
      digests.push(hex((table as Uint32Array).subarray(i * DIGEST_WORDS, (i + 1) * DIGEST_WORDS))),
    );
    records.push(...batch);
    batches.push(batch.length);
  }
}

const digestOfCompact = (r: unknown): string => hex(digestOf(Buffer.from(JSON.stringify(r))));

describe('content digest', () => {
  // Expected values computed with murmurhash3js-revisited 3.0.0 (x86.hash128, seed 0), of which we keep 96 bits.
  it.each([
    ['a', 'a794933c5556b01b5556b01b'],
    ['The quick brown fox jumps over the lazy dog', '2f1583c3ecee2c675d7bf66c'],
    ['{"eventVersion":"1.08","eventID":"x"}', 'a929c4a5e7b52802ca832a3d'],
  ])('%j hashes as MurmurHash3 x86_128 does', (text, expected) => {
    expect(hex(digestOf(Buffer.from(text)))).toBe(expected);
  });

  it('covers every tail length and tells one changed byte apart', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 64; n++) {
      const b = Buffer.from('x'.repeat(n) + 'y');
      seen.add(hex(digestOf(b)));
      const flipped = Buffer.from(b);
      flipped[n] = 0x7a;
      seen.add(hex(digestOf(flipped)));
    }
    expect(seen.size).toBe(128);
  });
});

describe('trail files on the fast path', () => {
  it('reads every record once, in order, in small batches, keyed as its compact form is', async () => {
    const recs = Array.from({ length: 700 }, (_, i) => record(i));
    const { records, digests, batches, skipped } = await readAll(
      Buffer.from(JSON.stringify({ Records: recs })),
    );
    expect(records).toEqual(recs);
    expect(skipped).toEqual([]);
    expect(Math.max(...batches)).toBeLessThanOrEqual(256);
    // A record read from a file and the same record from an API (keyed by its compact serialisation) agree.
    expect(digests).toEqual(recs.map((r) => hex(digestOf(Buffer.from(JSON.stringify(r))))));
  });

  it('stays on the fast path whatever the chunk size, a separator cut by a chunk boundary included', async () => {
    const recs = Array.from({ length: 600 }, (_, i) => record(i, { pad: 'p'.repeat(i % 37) }));
    const bytes = Buffer.from(JSON.stringify({ Records: recs }));
    const original = Buffer.from(bytes);
    const want = recs.map(digestOfCompact);
    // Chunks from 1 byte (every separator cut) to longer than several records; the fast path yields full batches
    // of 256 where the general scanner would yield what each chunk completed.
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3_000 }), async (chunk) => {
        const { records, digests, batches, skipped, error } = await readAll(bytes, chunk);
        expect(error).toBeUndefined();
        expect(skipped).toEqual([]);
        expect(records).toEqual(recs);
        expect(digests).toEqual(want);
        expect(batches).toEqual([256, 256, 88]);
        // A group's two separator bytes stand in as its brackets while it is decoded, and are put back.
        expect(bytes.equals(original)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('a record that nests the separator midway sends the rest to the general path without losing or repeating one', async () => {
    const recs = Array.from({ length: 700 }, (_, i) =>
      record(
        i,
        i === 300
          ? { requestParameters: { items: [{ a: 1 }, { eventVersion: 'nested', b: '},{"eventVersion":' }] } }
          : {},
      ),
    );
    const text = JSON.stringify({ Records: recs });
    expect(text.split('},{"eventVersion":').length - 1).toBe(700);
    const { records, digests, skipped } = await readAll(Buffer.from(text), 1 << 20);
    expect(records).toEqual(recs);
    expect(skipped).toEqual([]);
    expect(digests).toEqual(recs.map((r) => hex(digestOf(Buffer.from(JSON.stringify(r))))));
  });

  it('a nested separator and a record not starting with eventVersion in one group: each record keyed by its own bytes', async () => {
    // The cut inside record 300 and record 301 (no separator before it) leave as many pieces as records: only the
    // record-by-record check tells the pieces are not the records.
    const recs: Record<string, unknown>[] = Array.from({ length: 400 }, (_, i) =>
      record(i, i === 300 ? { requestParameters: { items: [{ a: 1 }, { eventVersion: 'nested' }] } } : {}),
    );
    const { eventVersion, ...rest } = recs[301] as Record<string, unknown>;
    recs[301] = { ...rest, eventVersion };
    const text = JSON.stringify({ Records: recs });
    expect(text.split('},{"eventVersion":').length - 1).toBe(399);
    const { records, digests, skipped } = await readAll(Buffer.from(text), 1 << 20);
    expect(skipped).toEqual([]);
    expect(records).toEqual(recs);
    expect(digests).toEqual(recs.map(digestOfCompact));
  });

  it('bytes that are not UTF-8 are counted once for the file, also when the general path takes over', async () => {
    const recs = Array.from({ length: 300 }, (_, i) =>
      record(i, i === 280 ? { requestParameters: { l: [{ a: 1 }, { eventVersion: 'x' }] } } : {}),
    );
    const text = Buffer.from(JSON.stringify({ Records: recs }));
    const at = text.indexOf('u3"');
    text[at] = 0xff;
    const { records, skipped } = await readAll(text, 1 << 20);
    expect(records).toHaveLength(300);
    expect(skipped).toEqual(['invalid-utf8-replaced']);
  });
  it('a record with bytes that are not UTF-8 is kept and counted once, and the records after it stay on the fast path', async () => {
    // Records are parsed in groups; a group holding bad bytes is parsed record by record (to count them per record)
    // and the next group goes back to parsing many at once.
    const recs = Array.from({ length: 700 }, (_, i) => record(i, { userAgent: `agent-${i}` }));
    const bytes = Buffer.from(JSON.stringify({ Records: recs }));
    bytes[bytes.indexOf('agent-100"') + 2] = 0xff;
    const { records, digests, batches, skipped } = await readAll(bytes, 1 << 20);
    expect(skipped).toEqual(['invalid-utf8-replaced']);
    expect(batches).toEqual([256, 256, 188]);
    expect(records).toHaveLength(700);
    expect((records[100] as { userAgent: string }).userAgent).toBe('ag\uFFFDnt-100');
    const want = recs.map(digestOfCompact);
    digests.forEach((d, i) => {
      if (i !== 100) expect(d).toBe(want[i]);
      else expect(d).not.toBe(want[i]);
    });
    expect(records.filter((_r, i) => i !== 100)).toEqual(recs.filter((_r, i) => i !== 100));
  });
});

describe('trail files larger than the whole-parse size, streamed', () => {
  // 6 MB: above the 4 MB up to which other documents are parsed whole, in 16 KB chunks as gunzip hands them out.
  const big = Array.from({ length: 24_000 }, (_, i) =>
    record(i, { requestParameters: { pad: 'x'.repeat(i % 300) } }),
  );
  const bigText = Buffer.from(JSON.stringify({ Records: big }));

  it('reads every record once with the digest of its own bytes, across chunk boundaries', async () => {
    expect(bigText.length).toBeGreaterThan(4 * 1024 * 1024);
    const { records, digests, batches, skipped, error } = await readAll(bigText, 16 * 1024);
    expect(error).toBeUndefined();
    expect(skipped).toEqual([]);
    expect(records).toEqual(big);
    expect(digests).toEqual(big.map(digestOfCompact));
    expect(Math.max(...batches)).toBeLessThanOrEqual(256);
  });

  it('a stream that breaks off midway yields each complete record before the break once, then the error', async () => {
    const { records, error } = await readAll(bigText, 16 * 1024, { breakAt: 3 * 1024 * 1024 });
    expect(error?.message).toBe('unexpected end of file');
    expect(records.length).toBeGreaterThan(5_000);
    expect(records).toEqual(big.slice(0, records.length));
  });

  it('a damaged record midway: every record before it once, the general path salvages the rest', async () => {
    const damaged = Buffer.from(bigText);
    const at = damaged.indexOf('"id-12000"');
    damaged[at - 1] = 0x3b; // `"eventID":` becomes `"eventID";`: that record is no longer JSON
    const { records, skipped, error } = await readAll(damaged, 16 * 1024);
    expect(error).toBeUndefined();
    const ids = records.map((r) => (r as { eventID: string }).eventID);
    expect(ids).toEqual(big.map((r) => r.eventID).filter((id) => id !== 'id-12000'));
    expect(skipped).toEqual(['invalid-json']);
  });

  it('a record over the size limit is skipped and counted, the rest read', async () => {
    const recs = Array.from({ length: 2_000 }, (_, i) =>
      record(i, i === 700 ? { requestParameters: { blob: 'y'.repeat(200_000) } } : {}),
    );
    const { records, skipped, error } = await readAll(
      Buffer.from(JSON.stringify({ Records: recs })),
      16 * 1024,
      {
        maxRecordBytes: 100_000,
      },
    );
    expect(error).toBeUndefined();
    expect(skipped).toEqual(['record-too-large']);
    expect(records).toEqual(recs.filter((_r, i) => i !== 700));
  });

  it('a document cut short ends with TruncatedInputError after its complete records', async () => {
    const cut = bigText.subarray(0, bigText.length - 40);
    const { records, error } = await readAll(cut, 16 * 1024);
    expect(error?.name).toBe('TruncatedInputError');
    expect(records).toEqual(big.slice(0, big.length - 1));
  });
});

describe('parseEventTime', () => {
  it('reads CloudTrail times as Date.parse does, and rejects what it rejects', () => {
    const d2 = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        d2,
        d2,
        d2,
        d2,
        d2,
        fc.option(fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'))),
        (y, mo, d, h, mi, s, ms) => {
          const t = `${y}-${mo}-${d}T${h}:${mi}:${s}${ms === null ? '' : `.${ms}`}Z`;
          const expected = Date.parse(t);
          const got = parseEventTime(t);
          if (Number.isNaN(expected)) expect(got).toBeNaN();
          else expect(got).toBe(expected);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
