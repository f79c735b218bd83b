import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync, mkdirSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { StageError } from '../../src/errors.js';
import { gunzipWhole } from '../../src/sources/bytes.js';
import { openEventStream } from '../../src/sources/index.js';
import { normalizeRecord } from '../../src/sources/normalize.js';
import { datasetLines, deps, drain, testConfig } from './helpers.js';

let dir: string;
const lines = datasetLines().get('stratus_red_team_detonations') ?? [];
const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
const usable = records.filter((r) => normalizeRecord(r).event).length;

/** `text` as two gzip members, the last holding 2 bytes: a reader sees only its trailer, which says 2. */
function understated(text: string): Buffer {
  return Buffer.concat([gzipSync(text.slice(0, -2)), gzipSync(text.slice(-2))]);
}

function run(files: string[], over: Parameters<typeof testConfig>[0] = {}) {
  const d = deps();
  const stream = openEventStream(
    testConfig({ ...over, source: { kind: 'file', eventsFiles: files, ...(over.source ?? {}) } }),
    d,
  );
  return { stream, d };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ts-sources-file-'));
  const doc = JSON.stringify({ Records: records });
  writeFileSync(path.join(dir, 'records.json'), doc);
  writeFileSync(path.join(dir, 'array.json'), JSON.stringify(records));
  writeFileSync(path.join(dir, 'records.json.gz'), gzipSync(doc));
  writeFileSync(path.join(dir, 'lines.jsonl'), lines.join('\n') + '\n');
  writeFileSync(path.join(dir, 'lines.jsonl.gz'), gzipSync(lines.join('\r\n')));
  writeFileSync(path.join(dir, 'lines-in-disguise.json'), lines.join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file source formats', () => {
  it.each([
    'records.json',
    'array.json',
    'records.json.gz',
    'lines.jsonl',
    'lines.jsonl.gz',
    'lines-in-disguise.json',
  ])('%s: every usable record of the real dataset is read', async (name) => {
    const { stream } = run([path.join(dir, name)]);
    const events = await drain(stream);
    expect(stream.counts().read).toBe(usable);
    // Fixture records without a time are counted as skipped, not silently lost.
    expect(stream.counts().skipped).toBe(records.length - usable);
    expect(events.length + stream.counts().duplicates).toBe(usable);
    const [report] = stream.reports();
    expect(report).toMatchObject({ source: 'file', complete: true, objects: 1, eventsRead: usable });
    expect(report?.bytes).toBeGreaterThan(0);
  });

  it('expands directories and globs, and reads each file once', async () => {
    const sub = path.join(dir, 'glob', '2024', '01');
    mkdirSync(sub, { recursive: true });
    copyFileSync(path.join(dir, 'records.json.gz'), path.join(sub, 'a.json.gz'));
    writeFileSync(path.join(sub, 'notes.txt'), 'not events');
    const { stream } = run([path.join(dir, 'glob', '**', '*.json.gz'), path.join(dir, 'glob')]);
    await drain(stream);
    expect(stream.reports().map((r) => path.basename(r.scope))).toEqual(['a.json.gz']);
  });

  it('an entry that matches no file is a scope not read, beside the files that were read', async () => {
    const typo = path.join(dir, 'recrods.json');
    const { stream, d } = run([path.join(dir, 'records.json'), typo]);
    expect((await drain(stream)).length).toBeGreaterThan(0);
    const byScope = Object.fromEntries(stream.reports().map((r) => [r.scope, r]));
    expect(byScope[path.join(dir, 'records.json')]).toMatchObject({ complete: true, coverage: 'read' });
    expect(byScope[typo]).toMatchObject({ complete: false, coverage: 'not-read', location: typo });
    expect(byScope[typo]?.errors.join()).toMatch(/recrods\.json: not read: matched no file/);
    expect(stream.truncated()).toBe(true);
    expect(d.logger.warnings().join()).toMatch(/nothing matched/);
  });

  it('fails the run with a setting to check when nothing matches', async () => {
    const { stream } = run([path.join(dir, 'nope', '*.json')]);
    await expect(drain(stream)).rejects.toThrow(StageError);
    await expect(drain(run([path.join(dir, 'missing.json')]).stream)).rejects.toThrow(
      /events-file matched no files/,
    );
  });
});

describe('bad input is counted and warned, never fatal', () => {
  it('a truncated gzip: the records before the cut are read, the file is reported incomplete', async () => {
    const gz = gzipSync(JSON.stringify({ Records: records }));
    const cut = path.join(dir, 'cut.json.gz');
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const { stream, d } = run([cut, path.join(dir, 'lines.jsonl')]);
    await drain(stream);
    const [bad, good] = stream.reports();
    expect(bad?.complete).toBe(false);
    expect(bad?.errors.join(' ')).toMatch(/cut\.json\.gz/);
    expect(Object.keys(bad?.skipped ?? {})).toEqual(expect.arrayContaining(['corrupt-gzip']));
    expect(bad?.eventsRead).toBeGreaterThan(0);
    expect(bad?.eventsRead).toBeLessThan(usable);
    expect(good).toMatchObject({ complete: true, eventsRead: usable });
    expect(d.logger.warnings().some((w) => w.includes('cut.json.gz'))).toBe(true);
    expect(stream.truncated()).toBe(true);
  });

  it('a truncated plain JSON document: complete records before the cut are salvaged', async () => {
    const doc = JSON.stringify({ Records: records.slice(0, 10) });
    const f = path.join(dir, 'cut.json');
    writeFileSync(f, doc.slice(0, doc.length - 200));
    const { stream } = run([f]);
    const events = await drain(stream);
    expect(events.length).toBeGreaterThanOrEqual(8);
    expect(stream.reports()[0]).toMatchObject({ complete: false, skipped: { truncated: 1 } });
  });

  it('invalid JSON lines and records of the wrong type are skipped with their reason', async () => {
    const f = path.join(dir, 'mixed.jsonl');
    writeFileSync(
      f,
      [
        lines[0],
        '{"eventTime": "2024-01-01T00:00:00Z", "eventName": ',
        'not json',
        '42',
        '"a string"',
        '[]',
        lines[1],
        '',
        '   ',
      ].join('\n'),
    );
    const { stream } = run([f]);
    const events = await drain(stream);
    expect(events).toHaveLength(2);
    expect(stream.reports()[0]?.skipped).toEqual({ 'invalid-json': 2, 'not-an-object': 3 });
    expect(stream.reports()[0]?.complete).toBe(true);
    const g = path.join(dir, 'wrong.json');
    writeFileSync(g, JSON.stringify({ Records: 'nope' }));
    const s2 = run([g, f]).stream;
    await drain(s2);
    expect(s2.reports().find((r) => r.scope === g)?.skipped).toEqual({ 'records-not-an-array': 1 });
  });

  it('bytes that are not UTF-8: the record is kept with U+FFFD, and the run warns', async () => {
    const rec = Buffer.from(lines[0] as string, 'utf8');
    const ua = rec.indexOf('"userAgent": "') + '"userAgent": "'.length;
    const bad = Buffer.concat([rec.subarray(0, ua), Buffer.from([0xff, 0xfe, 0xe9]), rec.subarray(ua)]);
    const f = path.join(dir, 'latin.jsonl');
    writeFileSync(f, Buffer.concat([bad, Buffer.from('\n'), Buffer.from(lines[1] as string)]));
    const { stream, d } = run([f]);
    const events = await drain(stream);
    expect(events).toHaveLength(2);
    expect(events[0]?.userAgent?.startsWith('\uFFFD')).toBe(true);
    expect(d.logger.warnings().join('\n')).toMatch(/not UTF-8/);
  });

  it('a 40 MB single-line document is streamed record by record', async () => {
    const f = path.join(dir, 'big.json');
    const out = createWriteStream(f);
    out.write('{"Records":[');
    let n = 0;
    let bytes = 0;
    for (let i = 0; bytes < 40 * 1024 * 1024; i++) {
      const r = {
        ...records[i % records.length],
        eventID: `big-${i}`,
        eventTime: '2024-03-01T12:00:00Z',
        eventName: 'GetObject',
      };
      const s = (i ? ',' : '') + JSON.stringify(r);
      bytes += s.length;
      n++;
      out.write(s);
    }
    out.write(']}');
    await new Promise((res) => out.end(res));
    const { stream } = run([f]);
    let count = 0;
    for await (const e of stream.events) if (e.id.startsWith('big-')) count++;
    expect(count).toBe(n);
    expect(stream.reports()[0]).toMatchObject({ complete: true, eventsRead: n });
  });

  it.each([
    ['small', 1],
    ['over the one-call limit', 20 * 1024 * 1024],
  ])(
    'a gzip whose trailer understates its size (two members), %s: every record once, every byte counted',
    async (_label, minBytes) => {
      const recs: unknown[] = [];
      let bytes = 0;
      for (let i = 0; recs.length < records.length || bytes < minBytes; i++) {
        const r = { ...records[i % records.length], eventID: `m-${i}`, eventTime: '2024-03-01T12:00:00Z' };
        bytes += JSON.stringify(r).length + 1;
        recs.push(r);
      }
      const doc = JSON.stringify({ Records: recs });
      const gz = understated(doc);
      const f = path.join(dir, `members-${minBytes}.json.gz`);
      writeFileSync(f, gz);
      // Small enough on disk to be read in one call (4 MB), so the inflated size decides how it is read.
      expect(gz.length).toBeLessThan(4 * 1024 * 1024);
      expect(gz.readUInt32LE(gz.length - 4)).toBe(2);
      const { stream } = run([f]);
      const events = await drain(stream);
      expect(new Set(events.map((e) => e.id)).size).toBe(recs.length);
      expect(events).toHaveLength(recs.length);
      expect(stream.reports()[0]).toMatchObject({
        complete: true,
        eventsRead: recs.length,
        bytes: gz.length,
      });
    },
  );

  it('inflates in one call only within its limit, whatever the trailer says, and never a damaged gzip', async () => {
    const text = JSON.stringify({ Records: records });
    const doc = Buffer.from(text);
    const one = gzipSync(doc);
    const two = understated(text);
    // Compared with `equals`: Jest's deep equality walks a buffer byte by byte.
    expect((await gunzipWhole(one, doc.length))?.equals(doc)).toBe(true);
    expect((await gunzipWhole(two, doc.length))?.equals(doc)).toBe(true);
    // Over the limit: refused from the trailer (one member) or once the output passes it (the trailer says 2).
    expect(await gunzipWhole(one, doc.length - 1)).toBeUndefined();
    expect(await gunzipWhole(two, doc.length - 1)).toBeUndefined();
    expect(await gunzipWhole(one.subarray(0, one.length >> 1), doc.length)).toBeUndefined();
  });

  it('a 40 MB single JSON Lines record is read as one event', async () => {
    const f = path.join(dir, 'one-big.jsonl');
    const r = { ...records[0], eventID: 'huge', requestParameters: { blob: 'x'.repeat(40 * 1024 * 1024) } };
    writeFileSync(f, JSON.stringify(r));
    const events = await drain(run([f]).stream);
    expect(events.map((e) => e.id)).toEqual(['huge']);
  });
});

describe('window, de-duplication and max-events', () => {
  it('keeps only events inside [start, end) and counts the rest', async () => {
    const f = path.join(dir, 'window.jsonl');
    const mk = (t: string, id: string) => JSON.stringify({ ...records[0], eventTime: t, eventID: id });
    writeFileSync(
      f,
      [
        mk('2024-01-31T23:59:59Z', 'before'),
        mk('2024-02-01T00:00:00Z', 'start'),
        mk('2024-02-01T23:59:59Z', 'in'),
        mk('2024-02-02T00:00:00Z', 'end'),
      ].join('\n'),
    );
    const { stream } = run([f], {
      window: { start: new Date('2024-02-01T00:00:00Z'), end: new Date('2024-02-02T00:00:00Z') },
    });
    const events = await drain(stream);
    expect(events.map((e) => e.id)).toEqual(['start', 'in']);
    expect(stream.counts().outsideWindow).toBe(2);
    expect(stream.reports()[0]?.skipped).toEqual({ 'outside-window': 2 });
  });

  it('the same events in two files are yielded once; distinct records sharing a placeholder id are all kept', async () => {
    const panther = (datasetLines().get('panther_cloudtrail_tests') ?? []).map(
      (l) => JSON.parse(l) as Record<string, unknown>,
    );
    const ones = panther.filter((r) => r.eventID === '1' && normalizeRecord(r).event);
    const distinct = new Set(ones.map((r) => JSON.stringify(r))).size;
    expect(ones.length).toBeGreaterThan(50);
    const a = path.join(dir, 'dup-a.jsonl');
    const b = path.join(dir, 'dup-b.json.gz');
    writeFileSync(a, ones.map((r) => JSON.stringify(r)).join('\n'));
    writeFileSync(b, gzipSync(JSON.stringify({ Records: ones })));
    const { stream } = run([a, b]);
    const events = await drain(stream);
    expect(events).toHaveLength(distinct);
    expect(stream.counts().duplicates).toBe(2 * ones.length - distinct);
    expect(new Set(events.map((e) => e.id))).toEqual(new Set(['1']));
  });

  it('max-events stops reading and reports what was not read', async () => {
    const { stream, d } = run([path.join(dir, 'lines.jsonl'), path.join(dir, 'records.json')], {
      source: { maxEvents: 25 } as never,
    });
    await drain(stream);
    expect(stream.counts().read).toBe(25);
    expect(stream.truncated()).toBe(true);
    expect(
      stream.reports().some((r) => !r.complete && r.errors.some((e) => /max-events \(25\)/.test(e))),
    ).toBe(true);
    expect(d.logger.warnings().join('\n')).toMatch(/max-events/);
  });
});
