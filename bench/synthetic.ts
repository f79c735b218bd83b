/**
 * Synthetic CloudTrail volume for the benchmarks: the record SHAPES are the real records of __fixtures__/datasets,
 * the VOLUME is made up (fresh event ids, times spread over a window, principals and source IPs from a pool).
 * Records are produced in chunks so a benchmark never holds the whole volume in memory.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules } from '../src/detect/index.js';
import { Engine } from '../src/detect/engine.js';
import { normalizeRecord } from '../src/sources/normalize.js';

type Rec = Record<string, unknown>;

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATASETS = path.join(ROOT, '__fixtures__', 'datasets');

/** Real records usable as shapes: those a trail would deliver (a name and a real time; "..." placeholders left out). */
export function loadShapes(dir = DATASETS): Rec[] {
  const out: Rec[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const line of readFileSync(path.join(dir, d.name, 'events.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as Rec;
      if (typeof r.eventName === 'string' && typeof r.eventTime === 'string' && /^\d{4}-/.test(r.eventTime))
        out.push(r);
    }
  }
  return out;
}

/** A small deterministic PRNG (mulberry32), so two runs generate the same volume. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length >= 3 ? v : undefined);

/**
 * Variant `j` of a real identity: its user / role names get a `-j` suffix everywhere they appear (ARNs, issuer),
 * so each variant is a distinct principal with the original's type and structure. Identities without a name
 * (Root, AWSService) stay as they are: a trail has few of those.
 */
function identityVariant(u: Rec, j: number): Rec {
  const ctx = u.sessionContext as Rec | undefined;
  const issuer = ctx?.sessionIssuer as Rec | undefined;
  const names = [str(u.userName), str(issuer?.userName)].filter((x): x is string => x !== undefined);
  if (names.length === 0) return u;
  let json = JSON.stringify(u);
  for (const n of new Set(names)) json = json.split(n).join(`${n}-${j}`);
  const v = JSON.parse(json) as Rec;
  if (typeof v.accessKeyId === 'string') v.accessKeyId = `ASIA${String(j).padStart(16, '0')}`;
  return v;
}

export interface SyntheticOptions {
  /** Total events. */
  events: number;
  /** Distinct principals in the pool (a few thousand by default). */
  principals?: number;
  /** Distinct source IPs in the pool. */
  sourceIps?: number;
  /** Start of the window the times are spread over (ms). */
  startMs?: number;
  /** Window length (ms); 24 h by default. */
  windowMs?: number;
  seed?: number;
  /**
   * The share of records drawn from shapes the built-in rules flag on their own (the rest from the shapes they do
   * not flag): 0.01 is a trail with an attack in it; undefined draws every shape alike (most of the datasets are
   * attack recordings, so about a third of such records are flagged: the detector's worst case).
   */
  attackShare?: number;
}

/**
 * Splits shapes into those the built-in rule pack flags when it sees the record alone, in a window of its own, and
 * the quiet rest: the background a real trail is mostly made of.
 */
export function splitShapes(shapes: readonly Rec[]): { flagged: Rec[]; quiet: Rec[] } {
  const rules = builtinRules();
  const flagged: Rec[] = [];
  const quiet: Rec[] = [];
  for (const shape of shapes) {
    const r = normalizeRecord(shape);
    if (!r.event) continue;
    const engine = new Engine(rules, {
      params: { allowedRegions: [] },
      allowlist: [],
      suppressions: [],
      window: { startMs: r.event.timeMs - 3_600_000, endMs: r.event.timeMs + 3_600_000 },
    });
    (engine.observe(r.event).length > 0 ? flagged : quiet).push(shape);
  }
  return { flagged, quiet };
}

/** What kind of caller an identity is: its type, the type of role behind a session, the service acting for it. */
function identityKind(u: unknown): string {
  if (typeof u !== 'object' || u === null) return '';
  const id = u as Rec;
  const issuer = (id.sessionContext as Rec | undefined)?.sessionIssuer as Rec | undefined;
  return `${String(id.type)}|${String(issuer?.type ?? '')}|${String(id.invokedBy ?? '')}`;
}

function pick<T>(pool: readonly T[], r: number): T {
  return pool[Math.floor(r * pool.length)] as T;
}

/** Principals (and source IPs) an attack in a mix comes from. */
const ATTACKERS = 5;

/** The defaults' window: 24 h from this start. */
export const DEFAULT_START_MS = Date.parse('2024-03-01T00:00:00Z');
export const DEFAULT_WINDOW_MS = 24 * 3_600_000;

/** Generates synthetic records of real shapes, chunk by chunk (each chunk is a fresh array the caller may drop). */
export class SyntheticVolume {
  readonly shapes: Rec[];
  readonly identities: Rec[];
  readonly ips: string[];
  readonly events: number;
  readonly startMs: number;
  readonly windowMs: number;
  private readonly seed: number;
  private readonly mix:
    { share: number; flagged: Rec[]; quiet: Rec[]; background: Map<string, Rec[]> } | undefined;

  constructor(opts: SyntheticOptions) {
    this.events = opts.events;
    this.startMs = opts.startMs ?? DEFAULT_START_MS;
    this.windowMs = opts.windowMs ?? DEFAULT_WINDOW_MS;
    this.seed = opts.seed ?? 1;
    this.shapes = loadShapes();
    const base = this.shapes
      .map((r) => r.userIdentity)
      .filter((u): u is Rec => typeof u === 'object' && u !== null && !Array.isArray(u));
    const nPrincipals = opts.principals ?? 3000;
    this.identities = Array.from({ length: nPrincipals }, (_, j) =>
      identityVariant(base[j % base.length] as Rec, Math.floor(j / base.length)),
    );
    if (opts.attackShare !== undefined) {
      // The background's callers are the pool's identities of the same kind as the one that made the recorded
      // call (a deletion an AWS service made in a recording is an alarm when a person makes it), never the root
      // user (it signs in for an attack, not for the day's routine) and never the attackers.
      const background = new Map<string, Rec[]>();
      for (const u of this.identities.slice(0, -ATTACKERS)) {
        if (u.type === 'Root') continue;
        const k = identityKind(u);
        const pool = background.get(k);
        if (pool) pool.push(u);
        else background.set(k, [u]);
      }
      const { flagged, quiet } = splitShapes(this.shapes);
      this.mix = {
        share: opts.attackShare,
        flagged,
        quiet: quiet.filter((s) => background.has(identityKind(s.userIdentity))),
        background,
      };
    }
    const nIps = opts.sourceIps ?? 2000;
    // Documentation and private ranges: realistic addresses that belong to nobody.
    this.ips = Array.from({ length: nIps }, (_, i) =>
      i % 4 === 3
        ? `2001:db8::${(i + 1).toString(16)}`
        : `${['198.51', '203.0', '10.20'][i % 3] as string}.${(i >> 8) & 255}.${i & 255 || 1}`,
    );
  }

  /** Records `from` .. `from + count - 1` of the volume (deterministic for a given seed). */
  chunk(from: number, count: number): Rec[] {
    const rand = prng(this.seed * 1_000_003 + from);
    const out: Rec[] = new Array<Rec>(count);
    for (let k = 0; k < count; k++) {
      const i = from + k;
      const attack = this.mix !== undefined && rand() < this.mix.share;
      const pool = !this.mix ? this.shapes : attack ? this.mix.flagged : this.mix.quiet;
      const shape = pool[Math.floor(rand() * pool.length)] as Rec;
      // Skewed pools, as in real trails: a few principals and addresses do most of the calling. In a mix, the
      // attack is a handful of actors (the pools' last, otherwise quiet, entries), as a real intrusion is.
      const who = (
        attack
          ? this.identities[this.identities.length - 1 - Math.floor(rand() * ATTACKERS)]
          : this.mix
            ? pick(this.mix.background.get(identityKind(shape.userIdentity)) as Rec[], rand() ** 2)
            : this.identities[Math.floor(rand() ** 2 * this.identities.length)]
      ) as Rec;
      const ip = (
        attack
          ? this.ips[this.ips.length - 1 - Math.floor(rand() * ATTACKERS)]
          : this.ips[Math.floor(rand() ** 2 * this.ips.length)]
      ) as string;
      const ms = this.startMs + Math.floor((i / this.events) * this.windowMs);
      const rec: Rec = {
        ...shape,
        eventID: `bench0000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
        eventTime: `${new Date(ms).toISOString().slice(0, 19)}Z`,
        userIdentity: who,
      };
      // Calls made by AWS services carry the service name as their "IP": keep those.
      const origIp = shape.sourceIPAddress;
      if (typeof origIp !== 'string' || !origIp.endsWith('.amazonaws.com')) rec.sourceIPAddress = ip;
      out[k] = rec;
    }
    return out;
  }

  /** All records in chunks of `size`. */
  *chunks(size = 10_000): Generator<Rec[]> {
    for (let from = 0; from < this.events; from += size)
      yield this.chunk(from, Math.min(size, this.events - from));
  }
}
