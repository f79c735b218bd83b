/**
 * Bad input, end to end through the file source (`openEventStream` with `source: file`): generated files built
 * from the real records of __fixtures__/datasets, damaged in every way a disk, a copy or an exporter can damage
 * them. The run never crashes; every record written is yielded or counted (skipped with a reason, or outside the
 * window); a file from which nothing at all could be read fails with a message that names it.
 *
 * Test titles carry `[fuzz runs: N]`: scripts/reliability.ts sums them into docs/RELIABILITY.md.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { StageError } from '../../src/errors.js';
import { openEventStream, type EventStream } from '../../src/sources/index.js';
import { normalizeRecord } from '../../src/sources/normalize.js';
import type { TrailEvent } from '../../src/types.js';
import { allRecords, deps, testConfig } from '../sources/helpers.js';

type Rec = Record<string, unknown>;

const SEED = 0x7a11_5e7;
// Bounded so the suite stays well under a minute on a shared 2-core machine.
const RUNS = { perRecord: 80, damage: 200, unreadable: 80 } as const;

// Window of the test config: [2000, 2100). Records dated 1999 are outside it.
const OUTSIDE_TIME = '1999-12-31T23:59:59Z';
const MARK = 'ZZNONUTF8ZZ';

/** Real records a trail would deliver (usable, distinct shapes). */
const POOL: Rec[] = allRecords().filter((r) => normalizeRecord(r).event !== undefined);

let dir: string;
let fileNo = 0;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ts-fuzz-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Format = 'json-records' | 'json-array' | 'jsonl';
const FORMATS: Format[] = ['json-records', 'json-array', 'jsonl'];

function extOf(format: Format, gz: boolean): string {
  return `${format === 'jsonl' ? '.jsonl' : '.json'}${gz ? '.gz' : ''}`;
}

/** Serialises records (already as bytes) into one file of the given format. */
function encode(records: readonly Buffer[], format: Format, gz: boolean): Buffer {
  const sep = Buffer.from(format === 'jsonl' ? '\n' : ',');
  const parts: Buffer[] = [];
  records.forEach((r, i) => {
    if (i > 0) parts.push(sep);
    parts.push(r);
  });
  const body = Buffer.concat(parts);
  const doc =
    format === 'jsonl'
      ? body
      : format === 'json-array'
        ? Buffer.concat([Buffer.from('['), body, Buffer.from(']')])
        : Buffer.concat([Buffer.from('{"Records":['), body, Buffer.from(']}')]);
  return gz ? gzipSync(doc) : doc;
}

function writeTmp(bytes: Buffer, ext: string): string {
  const f = path.join(dir, `f${++fileNo}${ext}`);
  writeFileSync(f, bytes);
  return f;
}

interface Outcome {
  events: TrailEvent[];
  error?: unknown;
  stream: EventStream;
  warnings: string[];
}

async function readFiles(files: string[]): Promise<Outcome> {
  const d = deps();
  const stream = openEventStream(testConfig({ source: { kind: 'file', eventsFiles: files } }), d);
  const events: TrailEvent[] = [];
  try {
    for await (const e of stream.events) events.push(e);
    return { events, stream, warnings: d.logger.warnings() };
  } catch (error) {
    return { events, error, stream, warnings: d.logger.warnings() };
  }
}

/** A yielded event is a usable, in-window TrailEvent whatever the bytes were. */
function expectUsable(e: TrailEvent): void {
  expect(typeof e.name).toBe('string');
  expect(e.name.length).toBeGreaterThan(0);
  expect(typeof e.id).toBe('string');
  expect(Number.isFinite(e.timeMs)).toBe(true);
  expect(e.timeMs).toBeGreaterThanOrEqual(Date.parse('2000-01-01T00:00:00Z'));
  expect(e.timeMs).toBeLessThan(Date.parse('2100-01-01T00:00:00Z'));
  expect(e.raw).toEqual(expect.any(Object));
}

// ---------------------------------------------------------------------------------------------------------------
// Per-record damage: the file's structure is intact, each record may be broken. The accounting is exact.

const WRONG_VALUES: unknown[] = [
  0,
  -1.5,
  1e308,
  true,
  null,
  [],
  [1, 'a'],
  {},
  { nested: { x: 1 } },
  '',
  'str',
];
const FIELDS = [
  'eventTime',
  'eventName',
  'eventSource',
  'userIdentity',
  'requestParameters',
  'responseElements',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'resources',
  'errorCode',
  'readOnly',
  'recipientAccountId',
  'eventID',
  'tlsDetails',
];

type Mutation =
  | { kind: 'valid' }
  | { kind: 'outside-window' }
  | { kind: 'wrong-type'; field: string; value: unknown }
  | { kind: 'missing'; field: string }
  | { kind: 'not-an-object'; value: unknown }
  | { kind: 'non-utf8'; bytes: readonly number[] }
  | { kind: 'giant'; size: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Mutation>({ kind: 'valid' }) },
  { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'outside-window' }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('wrong-type' as const),
      field: fc.constantFrom(...FIELDS),
      value: fc.constantFrom(...WRONG_VALUES),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('missing' as const), field: fc.constantFrom(...FIELDS) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('not-an-object' as const),
      value: fc.constantFrom<unknown>(42, 'a string', null, false, [], [{ eventName: 'X' }], [1, 2]),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('non-utf8' as const),
      // Lone continuation bytes, invalid lead bytes, truncated multi-byte sequences, overlong encodings.
      bytes: fc.constantFrom<readonly number[]>(
        [0xff],
        [0xfe, 0xff],
        [0x80],
        [0xe9],
        [0xc0, 0xaf],
        [0xed, 0xa0, 0x80],
        [0xf0, 0x9f],
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('giant' as const),
      size: fc.integer({ min: 1 << 20, max: 3 << 20 }),
    }),
  },
);

/** Applies one mutation to a copy of a real record; returns its bytes. */
function mutate(base: Rec, m: Mutation, seq: number): Buffer {
  // A unique field keeps every generated record distinct, so de-duplication never hides one.
  const r: Rec = { ...base, 'x-fuzz-seq': seq };
  switch (m.kind) {
    case 'valid':
      break;
    case 'outside-window':
      r.eventTime = OUTSIDE_TIME;
      break;
    case 'wrong-type':
      r[m.field] = m.value;
      break;
    case 'missing':
      delete r[m.field];
      break;
    case 'not-an-object':
      return Buffer.from(JSON.stringify(m.value));
    case 'non-utf8': {
      r.userAgent = `agent-${MARK}-end`;
      const json = Buffer.from(JSON.stringify(r));
      const at = json.indexOf(MARK);
      return Buffer.concat([json.subarray(0, at), Buffer.from(m.bytes), json.subarray(at + MARK.length)]);
    }
    case 'giant':
      r.userAgent = `giant-${'A'.repeat(m.size)}`;
      break;
  }
  return Buffer.from(JSON.stringify(r));
}

/** What the file source must make of one record: the reason it is skipped, outside the window, or an event. */
function expectedOf(bytes: Buffer): 'event' | 'outside' | string {
  const r = normalizeRecord(JSON.parse(bytes.toString('utf8')) as unknown);
  if (!r.event) return r.reason;
  const t = r.event.timeMs;
  return t < Date.parse('2000-01-01T00:00:00Z') || t >= Date.parse('2100-01-01T00:00:00Z')
    ? 'outside'
    : 'event';
}

const fileArb = fc.record({
  format: fc.constantFrom(...FORMATS),
  gz: fc.boolean(),
  records: fc.array(fc.record({ pick: fc.nat(), m: mutationArb }), { minLength: 1, maxLength: 40 }),
});

describe('file source: per-record damage is counted record by record', () => {
  it(`every record written is yielded or counted, whatever its types [fuzz runs: ${RUNS.perRecord}]`, async () => {
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fileArb, { minLength: 1, maxLength: 3 }), async (specs) => {
        // At most one giant record per run keeps the suite fast; the rest become ordinary valid records.
        let giants = 0;
        const files: string[] = [];
        const want = new Map<string, number>();
        let written = 0;
        let nonUtf8 = false;
        for (const spec of specs) {
          const recs = spec.records.map(({ pick, m }) => {
            const mm: Mutation = m.kind === 'giant' && giants++ > 0 ? { kind: 'valid' } : m;
            if (mm.kind === 'non-utf8') nonUtf8 = true;
            return mutate(POOL[pick % POOL.length] as Rec, mm, ++seq);
          });
          for (const b of recs) {
            const k = expectedOf(b);
            want.set(k, (want.get(k) ?? 0) + 1);
          }
          written += recs.length;
          files.push(writeTmp(encode(recs, spec.format, spec.gz), extOf(spec.format, spec.gz)));
        }
        const out = await readFiles(files);
        const events = want.get('event') ?? 0;
        if (events + (want.get('outside') ?? 0) === 0) {
          // Not one usable record in any file: the run fails and names them.
          expect(out.error).toBeInstanceOf(StageError);
          for (const f of files) expect((out.error as Error).message).toContain(path.basename(f));
        } else expect(out.error).toBeUndefined();
        const c = out.stream.counts();
        expect(out.events).toHaveLength(events);
        out.events.forEach(expectUsable);
        expect(c).toMatchObject({ read: events, kept: events, duplicates: 0, filtered: 0 });
        expect(c.outsideWindow).toBe(want.get('outside') ?? 0);
        // The invariant the report rests on: nothing is lost without a count.
        expect(c.read + c.skipped + c.outsideWindow).toBe(written);
        const skippedByReason: Record<string, number> = {};
        for (const r of out.stream.reports()) {
          // A file is read to its end; only one without a single CloudTrail record is reported as not read.
          const usable = r.eventsRead + (r.skipped['outside-window'] ?? 0);
          expect(r.complete).toBe(usable > 0);
          if (!r.complete) expect(r.errors.join(' ')).toContain(path.basename(r.scope));
          for (const [k, n] of Object.entries(r.skipped))
            if (k !== 'outside-window') skippedByReason[k] = (skippedByReason[k] ?? 0) + n;
        }
        const wantSkipped = Object.fromEntries([...want].filter(([k]) => k !== 'event' && k !== 'outside'));
        expect(skippedByReason).toEqual(wantSkipped);
        if (nonUtf8) expect(out.warnings.join('\n')).toMatch(/not UTF-8/);
      }),
      { seed: SEED, numRuns: RUNS.perRecord, endOnFailure: true },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Byte-level damage: truncation, flipped bytes, inserted garbage. Structure can break anywhere, so a broken span
// may hold several records; the property is that no loss goes uncounted and nothing crashes.

type Damage =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; flips: { at: number; xor: number }[] }
  | { kind: 'insert'; at: number; junk: number[] }
  | { kind: 'gzip-tail'; cut: number };

const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    flips: fc.array(
      fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), xor: fc.integer({ min: 1, max: 255 }) }),
      { minLength: 1, maxLength: 6 },
    ),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    junk: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }),
  }),
  fc.record({ kind: fc.constant('gzip-tail' as const), cut: fc.integer({ min: 1, max: 12 }) }),
);

function damage(bytes: Buffer, d: Damage): Buffer {
  const pos = (x: number): number => Math.min(bytes.length - 1, Math.floor(x * bytes.length));
  switch (d.kind) {
    case 'truncate':
      // At least one byte: an empty file is an empty window to any reader.
      return bytes.subarray(0, Math.max(1, pos(d.at)));
    case 'flip': {
      const b = Buffer.from(bytes);
      for (const f of d.flips) b[pos(f.at)] = (b[pos(f.at)] as number) ^ f.xor;
      return b;
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, pos(d.at)), Buffer.from(d.junk), bytes.subarray(pos(d.at))]);
    case 'gzip-tail':
      // Cuts into the gzip trailer (CRC and length) or the last deflate block.
      return bytes.subarray(0, Math.max(0, bytes.length - d.cut));
  }
}

describe('file source: byte-level damage never crashes and never loses records silently', () => {
  it(`truncated, flipped and spliced .json, .jsonl and .json.gz files [fuzz runs: ${RUNS.damage}]`, async () => {
    let seq = 100_000;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FORMATS),
        fc.boolean(),
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        damageArb,
        fc.boolean(),
        async (format, gz, picks, dmg, withGoodFile) => {
          const recs = picks.map((p) => mutate(POOL[p % POOL.length] as Rec, { kind: 'valid' }, ++seq));
          const whole = encode(recs, format, gz);
          const damaged = damage(whole, dmg);
          const bad = writeTmp(damaged, extOf(format, gz));
          // Plain JSON Lines cut exactly between records is a shorter valid file: no reader can tell.
          const undetectable =
            format === 'jsonl' &&
            !gz &&
            dmg.kind !== 'flip' &&
            dmg.kind !== 'insert' &&
            (damaged.length === 0 || whole[damaged.length] === 0x0a);
          const files = [bad];
          const goodRecs = withGoodFile ? [mutate(POOL[0] as Rec, { kind: 'valid' }, ++seq)] : [];
          if (withGoodFile) files.push(writeTmp(encode(goodRecs, 'jsonl', false), '.jsonl'));
          const out = await readFiles(files);
          const c = out.stream.counts();
          const reports = out.stream.reports();
          const badReport = reports.find((r) => r.scope === bad);
          if (out.error !== undefined) {
            // Only a source that read nothing at all may fail the run, and it says which file.
            expect(out.error).toBeInstanceOf(StageError);
            expect(c.read).toBe(0);
            expect((out.error as Error).message).toContain(path.basename(bad));
            expect(withGoodFile).toBe(false);
          }
          out.events.forEach(expectUsable);
          const written = recs.length + goodRecs.length;
          expect(c.read).toBeLessThanOrEqual(written);
          expect(c.read).toBeGreaterThanOrEqual(goodRecs.length);
          const fromBad = (badReport?.eventsRead ?? 0) + (badReport?.skipped['outside-window'] ?? 0);
          if (fromBad < recs.length && !undetectable) {
            // Records of the damaged file are missing: the report must say so (a skip reason or an incomplete scope).
            const skippedThere = Object.entries(badReport?.skipped ?? {})
              .filter(([k]) => k !== 'outside-window')
              .reduce((n, [, v]) => n + v, 0);
            expect(skippedThere > 0 || badReport?.complete === false).toBe(true);
          }
          if (badReport && !badReport.complete)
            expect(badReport.errors.join(' ')).toContain(path.basename(bad));
        },
      ),
      { seed: SEED, numRuns: RUNS.damage, endOnFailure: true },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Files from which no record at all can be read: the run fails when that is all there is, naming the file; beside
// a readable file the run goes on and reports the unreadable one as not read.

const unreadableArb = fc.oneof(
  fc
    .uint8Array({ minLength: 1, maxLength: 4096 })
    .map((a) => ({ what: 'random bytes', bytes: Buffer.from(a) })),
  fc
    .constantFrom<unknown>(
      42,
      'text',
      null,
      true,
      { Records: 5 },
      { Records: null },
      { Records: 'x' },
      [1, 2, 3],
    )
    .map((v) => ({ what: `JSON ${JSON.stringify(v)}`, bytes: Buffer.from(JSON.stringify(v)) })),
  fc
    .string({ minLength: 1, maxLength: 200 })
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return s.trim().length > 0;
      }
    })
    .map((s) => ({ what: 'invalid JSON text', bytes: Buffer.from(s) })),
  fc.uint8Array({ minLength: 1, maxLength: 512 }).map((a) => ({
    what: 'gzip header then junk',
    bytes: Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.from(a)]),
  })),
);

describe('file source: a file with nothing readable', () => {
  it(`fails the run naming the file, or is reported as not read beside a good file [fuzz runs: ${RUNS.unreadable}]`, async () => {
    await fc.assert(
      fc.asyncProperty(
        unreadableArb,
        fc.constantFrom('.json', '.jsonl', '.json.gz'),
        fc.boolean(),
        async (u, ext, withGood) => {
          const bad = writeTmp(u.bytes, ext);
          const files = [bad];
          if (withGood) files.push(writeTmp(Buffer.from(JSON.stringify(POOL[1])), '.jsonl'));
          const out = await readFiles(files);
          const badReport = out.stream.reports().find((r) => r.scope === bad);
          expect(badReport?.eventsRead).toBe(0);
          if (withGood) {
            expect(out.error).toBeUndefined();
            expect(out.events).toHaveLength(1);
          } else {
            expect(out.error).toBeInstanceOf(StageError);
            expect((out.error as Error).message).toContain(path.basename(bad));
          }
          expect(badReport?.complete).toBe(false);
          expect(badReport?.errors.join(' ')).toContain(path.basename(bad));
          expect(out.stream.truncated()).toBe(true);
        },
      ),
      { seed: SEED, numRuns: RUNS.unreadable, endOnFailure: true },
    );
  });

  it('a document of several MB without a single record (streamed, not parsed whole) is not read', async () => {
    const bad = writeTmp(Buffer.from(JSON.stringify({ notRecords: 'A'.repeat(6 << 20) })), '.json');
    const out = await readFiles([bad]);
    expect(out.error).toBeInstanceOf(StageError);
    expect((out.error as Error).message).toContain(path.basename(bad));
    expect(out.stream.reports()[0]?.skipped).toEqual({ 'no-records': 1 });
  });

  it('an empty file or an empty Records array is an empty window, not a failure', async () => {
    const files = [
      writeTmp(Buffer.alloc(0), '.json'),
      writeTmp(Buffer.from('{"Records":[]}'), '.json'),
      writeTmp(gzipSync('[]'), '.json.gz'),
      writeTmp(Buffer.from('\n\n'), '.jsonl'),
    ];
    const out = await readFiles(files);
    expect(out.error).toBeUndefined();
    expect(out.events).toHaveLength(0);
    expect(out.stream.reports().every((r) => r.complete)).toBe(true);
  });
});
