/**
 * Crossing benchmark (not a test): what it would cost to hand normalised events from a reading thread to the
 * thread that runs the rules, per event, through a real MessagePort, in three encodings:
 *
 * - `clone`: the events themselves (without their records) by structured clone, which is what a worker that
 *   posts its events pays: writing and reading an object graph.
 * - `rows`: each event as one row of integers in an Int32Array (its strings replaced by their numbers in a
 *   dictionary both sides keep; the sender sends each string once, the first time it is used), its time in a
 *   Float64Array, and the strings that rarely repeat (event id, time) in one string per batch; the receiver builds
 *   the event objects back.
 * - `rows+text`: rows, and each record's JSON text in one string per batch (what rules that read the record
 *   would need: the receiver keeps the text of each record and would parse it only when a rule asks).
 *
 *   npm run bench:crossing -- [--events N] [--rounds N]
 *
 * Sender and receiver run on the same thread here, one after the other, so each side's CPU time is its own. The
 * events come from the trail mix of bench:e2e (real record shapes, synthetic volume). Events decoded from rows are
 * compared with the originals, field by field, and the run fails if one differs.
 */
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { isDeepStrictEqual } from 'node:util';
import { normalizeEvent } from '../src/sources/normalize.js';
import type { Principal, TrailEvent, TrailResource } from '../src/types.js';
import { SyntheticVolume } from './synthetic.js';
import { wholeArg as arg } from './usage.js';

const BATCH = 256;
const EVENT_FIELDS = [
  'source',
  'service',
  'name',
  'region',
  'account',
  'sourceIp',
  'userAgent',
  'errorCode',
  'errorMessage',
  'eventType',
] as const;
const PRINCIPAL_FIELDS = [
  'type',
  'arn',
  'principalId',
  'accountId',
  'userName',
  'accessKeyId',
  'sessionIssuerArn',
  'sessionIssuerName',
  'sessionIssuerType',
  'invokedBy',
  'key',
] as const;
const RESOURCE_FIELDS = ['arn', 'type', 'accountId', 'name'] as const;
/** Per row: the string fields, readOnly and mfaAuthenticated (-1 absent, 0, 1), and the number of resources. */
const ROW = EVENT_FIELDS.length + PRINCIPAL_FIELDS.length + 3;

interface Rows {
  rows: Int32Array;
  /** The resources' string numbers, RESOURCE_FIELDS.length per resource, in row order. */
  resources: Int32Array;
  times: Float64Array;
  /** Each event's id then its time, end to end; idEnds[k] is where event k's id ends, timeEnds[k] its time. */
  ids: string;
  idEnds: Int32Array;
  timeEnds: Int32Array;
  /** Strings the receiver has not been sent yet, in the order of their numbers. */
  fresh: string[];
  texts?: string;
  textEnds?: Int32Array;
}

class Encoder {
  private readonly dict = new Map<string, number>();
  private fresh: string[] = [];

  get size(): number {
    return this.dict.size;
  }

  private num(s: string | undefined): number {
    if (s === undefined) return -1;
    let i = this.dict.get(s);
    if (i === undefined) {
      i = this.dict.size;
      this.dict.set(s, i);
      this.fresh.push(s);
    }
    return i;
  }

  encode(batch: readonly TrailEvent[], texts?: readonly string[]): Rows {
    const rows = new Int32Array(batch.length * ROW);
    const times = new Float64Array(batch.length);
    const idEnds = new Int32Array(batch.length);
    const timeEnds = new Int32Array(batch.length);
    const res: number[] = [];
    let ids = '';
    for (let k = 0; k < batch.length; k++) {
      const e = batch[k] as TrailEvent;
      let o = k * ROW;
      for (const f of EVENT_FIELDS) rows[o++] = this.num(e[f]);
      for (const f of PRINCIPAL_FIELDS) rows[o++] = this.num(e.principal[f]);
      rows[o++] = flag(e.readOnly);
      rows[o++] = flag(e.principal.mfaAuthenticated);
      rows[o] = e.resources.length;
      for (const r of e.resources) for (const f of RESOURCE_FIELDS) res.push(this.num(r[f]));
      times[k] = e.timeMs;
      ids += e.id;
      idEnds[k] = ids.length;
      ids += e.time;
      timeEnds[k] = ids.length;
    }
    const fresh = this.fresh;
    this.fresh = [];
    const out: Rows = { rows, resources: Int32Array.from(res), times, ids, idEnds, timeEnds, fresh };
    if (texts) {
      const ends = new Int32Array(texts.length);
      let len = 0;
      texts.forEach((t, i) => (ends[i] = len += t.length));
      out.texts = texts.join('');
      out.textEnds = ends;
    }
    return out;
  }
}

const flag = (b: boolean | undefined): number => (b === undefined ? -1 : b ? 1 : 0);
const unflag = (n: number): boolean | undefined => (n < 0 ? undefined : n === 1);

class Decoder {
  private readonly strs: string[] = [];

  decode(m: Rows): { events: TrailEvent[]; texts: string[] } {
    for (const s of m.fresh) this.strs.push(s);
    const S = this.strs;
    const at = (i: number): string | undefined => (i < 0 ? undefined : S[i]);
    const rows = m.rows;
    const events: TrailEvent[] = new Array<TrailEvent>(m.times.length);
    let idFrom = 0;
    let r = 0;
    for (let k = 0; k < events.length; k++) {
      let o = k * ROW;
      const ev = {
        id: m.ids.slice(idFrom, m.idEnds[k]),
        time: m.ids.slice(m.idEnds[k], m.timeEnds[k]),
        timeMs: m.times[k] as number,
        source: at(rows[o++] as number) as string,
        service: at(rows[o++] as number) as string,
        name: at(rows[o++] as number) as string,
        region: at(rows[o++] as number) as string,
        account: at(rows[o++] as number) as string,
        principal: undefined as unknown as Principal,
        sourceIp: at(rows[o++] as number),
        userAgent: at(rows[o++] as number),
        errorCode: at(rows[o++] as number),
        errorMessage: at(rows[o++] as number),
        readOnly: undefined as boolean | undefined,
        eventType: at(rows[o++] as number),
        resources: [] as TrailResource[],
        raw: {} as Record<string, unknown>,
      };
      idFrom = m.timeEnds[k] as number;
      ev.principal = {
        type: at(rows[o++] as number) as string,
        arn: at(rows[o++] as number),
        principalId: at(rows[o++] as number),
        accountId: at(rows[o++] as number),
        userName: at(rows[o++] as number),
        accessKeyId: at(rows[o++] as number),
        sessionIssuerArn: at(rows[o++] as number),
        sessionIssuerName: at(rows[o++] as number),
        sessionIssuerType: at(rows[o++] as number),
        invokedBy: at(rows[o++] as number),
        key: at(rows[o++] as number) as string,
        mfaAuthenticated: undefined,
      };
      ev.readOnly = unflag(rows[o++] as number);
      ev.principal.mfaAuthenticated = unflag(rows[o++] as number);
      const nres = rows[o] as number;
      for (let j = 0; j < nres; j++) {
        const x: TrailResource = {};
        for (const f of RESOURCE_FIELDS) {
          const v = at(m.resources[r++] as number);
          if (v !== undefined) x[f] = v;
        }
        ev.resources.push(x);
      }
      events[k] = ev as TrailEvent;
    }
    const texts: string[] = [];
    if (m.texts !== undefined && m.textEnds) {
      let from = 0;
      for (const end of m.textEnds) {
        texts.push(m.texts.slice(from, end));
        from = end;
      }
    }
    return { events, texts };
  }
}

/** The fields a row carries, for the check (the record itself does not cross as rows). */
function comparable(e: TrailEvent): unknown {
  const { raw: _raw, ...rest } = e;
  return rest;
}

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const n = arg('events', 100_000);
const rounds = arg('rounds', 3);
const vol = new SyntheticVolume({ events: n, attackShare: 0.01 });
const events: TrailEvent[] = [];
const texts: string[] = [];
for (const records of vol.chunks(10_000))
  for (const rec of records) {
    const text = JSON.stringify(rec);
    const e = normalizeEvent(JSON.parse(text));
    if (typeof e === 'string') continue;
    events.push(e);
    texts.push(text);
  }

console.log(
  `Crossing ${events.length.toLocaleString('en')} trail-mix events between threads, per event (best of ${rounds}):`,
);
const best = { cloneSend: Infinity, cloneRecv: Infinity, enc: Infinity, port: Infinity, dec: Infinity };
const bestText = { enc: Infinity, port: Infinity, dec: Infinity };
let dict = 0;
for (let round = 0; round < rounds; round++) {
  // clone
  {
    const { port1, port2 } = new MessageChannel();
    let send = 0;
    let recv = 0;
    for (let i = 0; i < events.length; i += BATCH) {
      const b = events.slice(i, i + BATCH).map((e) => ({ ...e, raw: undefined }));
      let t = cpu();
      port1.postMessage(b);
      send += cpu() - t;
      t = cpu();
      receiveMessageOnPort(port2);
      recv += cpu() - t;
    }
    port1.close();
    best.cloneSend = Math.min(best.cloneSend, send);
    best.cloneRecv = Math.min(best.cloneRecv, recv);
  }
  // rows, then rows+text
  for (const withText of [false, true]) {
    const { port1, port2 } = new MessageChannel();
    const enc = new Encoder();
    const dec = new Decoder();
    let tEnc = 0;
    let tPort = 0;
    let tDec = 0;
    for (let i = 0; i < events.length; i += BATCH) {
      const b = events.slice(i, i + BATCH);
      let t = cpu();
      const m = enc.encode(b, withText ? texts.slice(i, i + BATCH) : undefined);
      tEnc += cpu() - t;
      t = cpu();
      const transfer = [m.rows, m.resources, m.times, m.idEnds, m.timeEnds, m.textEnds]
        .filter((a) => a !== undefined)
        .map((a) => a.buffer as ArrayBuffer);
      port1.postMessage(m, transfer);
      const got = receiveMessageOnPort(port2)?.message as Rows;
      tPort += cpu() - t;
      t = cpu();
      const out = dec.decode(got);
      tDec += cpu() - t;
      if (round === 0)
        out.events.forEach((e, k) => {
          const want = b[k] as TrailEvent;
          if (!isDeepStrictEqual(comparable(e), comparable(want)))
            throw new Error(`event ${want.id} came back different from rows`);
          if (withText && out.texts[k] !== texts[i + k]) throw new Error(`record text of ${want.id} differs`);
        });
    }
    port1.close();
    dict = enc.size;
    const into = withText ? bestText : best;
    into.enc = Math.min(into.enc, tEnc);
    into.port = Math.min(into.port, tPort);
    into.dec = Math.min(into.dec, tDec);
  }
}
const us = (ms: number): string => `${((ms * 1000) / events.length).toFixed(2)} µs`;
console.log(`  clone      send ${us(best.cloneSend)}  receive ${us(best.cloneRecv)}`);
console.log(
  `  rows       encode ${us(best.enc)}  port ${us(best.port)}  decode ${us(best.dec)}  (dictionary: ${dict.toLocaleString('en')} strings)`,
);
console.log(`  rows+text  encode ${us(bestText.enc)}  port ${us(bestText.port)}  decode ${us(bestText.dec)}`);
console.log(
  `  receiving side, rows against clone: ${((best.port + best.dec) / best.cloneRecv).toFixed(2)}x; every decoded event matched its original`,
);
