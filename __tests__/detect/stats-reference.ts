/**
 * The statistics collector as it was before the exact-counting rewrite (commit 3666555, src/detect/stats.ts), kept
 * verbatim as a reference: stats.test.ts and bench/stats.ts feed it and the current StatsCollector the same events
 * and compare result(). Only test and bench code import this file.
 */
import type { ActivityStats, CountEntry, PrincipalActivity, TrailEvent } from '../../src/types.js';

/**
 * Counters with the smallest one at hand: a binary min-heap ordered by (count, insertion order), plus an index from
 * key to heap slot. Increments and evictions cost O(log k) instead of a scan of every counter, and the evicted key is
 * the same one a scan in insertion order would pick (the oldest of the smallest), so results do not change. The heap
 * is only put in order when the smallest is first asked for: tables that never fill (regions, accounts, most event
 * names) never pay for it.
 */
export class CounterHeap {
  private readonly heap: HeapEntry[] = [];
  // Entries carry their own heap slot, so a sift moves objects without touching the Map.
  private readonly byKey = new Map<string, HeapEntry>();
  private nextSeq = 0;
  private ordered = false;

  get size(): number {
    return this.heap.length;
  }

  /** The count of `key`, or undefined when it is not tracked. */
  get(key: string): number | undefined {
    return this.byKey.get(key)?.count;
  }

  /** Add `n` to a tracked key; false when the key is not tracked. */
  increment(key: string, n: number): boolean {
    const en = this.byKey.get(key);
    if (en === undefined) return false;
    this.bump(en, n);
    return true;
  }

  /** Add `n` to a counter already at hand (as returned by insert or replaceMin). */
  bump(en: HeapEntry, n: number): void {
    en.count += n;
    if (this.ordered) this.down(en.pos);
  }

  /** Track a new key (the caller checks it is not tracked yet). */
  insert(key: string, count: number): HeapEntry {
    const en: HeapEntry = { key, count, seq: this.nextSeq++, pos: this.heap.length };
    this.heap.push(en);
    this.byKey.set(key, en);
    if (this.ordered) this.up(en.pos);
    return en;
  }

  /** The smallest counter (oldest first among equals), or undefined when empty. */
  peekMin(): { key: string; count: number } | undefined {
    this.order();
    return this.heap[0];
  }

  /** Replace the smallest counter by a new key: one sift instead of a removal and an insertion. */
  replaceMin(key: string, count: number): HeapEntry | undefined {
    this.order();
    const en = this.heap[0];
    if (en === undefined) return undefined;
    this.byKey.delete(en.key);
    en.key = key;
    en.count = count;
    en.seq = this.nextSeq++;
    this.byKey.set(key, en);
    this.down(0);
    return en;
  }

  // Bottom-up heap construction, once; from then on every change keeps the order.
  private order(): void {
    if (this.ordered) return;
    this.ordered = true;
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** Every (key, count), in no particular order. */
  entries(): [string, number][] {
    return this.heap.map((en) => [en.key, en.count]);
  }

  private static less(a: HeapEntry, b: HeapEntry): boolean {
    return a.count < b.count || (a.count === b.count && a.seq < b.seq);
  }

  private place(en: HeapEntry, i: number): void {
    this.heap[i] = en;
    en.pos = i;
  }

  private up(i: number): void {
    const en = this.heap[i] as HeapEntry;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = this.heap[parent] as HeapEntry;
      if (!CounterHeap.less(en, p)) break;
      this.place(p, i);
      i = parent;
    }
    this.place(en, i);
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const en = heap[i] as HeapEntry;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = heap[l] as HeapEntry;
      let mi = l;
      if (r < n && CounterHeap.less(heap[r] as HeapEntry, m)) {
        m = heap[r] as HeapEntry;
        mi = r;
      }
      if (!CounterHeap.less(m, en)) break;
      this.place(m, i);
      i = mi;
    }
    this.place(en, i);
  }
}

export interface HeapEntry {
  key: string;
  count: number;
  /** Insertion order, to break ties the way a scan in insertion order does. */
  seq: number;
  pos: number;
}

/**
 * Space-Saving (Metwally et al.): at most `k` counters; a new key evicts the smallest counter and inherits its count,
 * so every key whose true count exceeds total/k is kept and counts are overestimated by at most the evicted minimum.
 * Exact while fewer than `k` distinct keys have been seen.
 */
export class ReferenceTopK {
  private readonly counts = new CounterHeap();
  truncated = false;
  constructor(private readonly k: number) {}

  /** Count one occurrence of `key`. */
  add(key: string, n = 1): void {
    if (this.counts.increment(key, n)) return;
    if (this.counts.size < this.k) {
      this.counts.insert(key, n);
      return;
    }
    this.truncated = true;
    const min = this.counts.peekMin();
    if (!min) return; // k = 0: nothing is ever kept
    this.counts.replaceMin(key, min.count + n);
  }

  /** The `n` largest counters, largest first (ties by key, so output is deterministic). */
  top(n: number): CountEntry[] {
    return this.counts
      .entries()
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, n)
      .map(([key, count]) => ({ key, count }));
  }

  get size(): number {
    return this.counts.size;
  }
}

interface PrincipalAcc {
  type: string;
  /** This principal's counter in `principalEvents`. */
  counter: HeapEntry;
  events: number;
  errors: number;
  accessDenied: number;
  writes: number;
  services: Set<string>;
  regions: Set<string>;
  ips: Set<string>;
}

/** Tunables; the defaults keep memory to a few MB whatever the volume. */
export interface StatsOptions {
  /** Counters per top-k table. */
  k: number;
  /** Entries reported per table. */
  top: number;
  /** Principals tracked in detail (busiest kept when more appear). */
  maxPrincipals: number;
  /** Distinct services / IPs remembered per principal. */
  maxPerPrincipal: number;
}

const DEFAULTS: StatsOptions = { k: 1000, top: 20, maxPrincipals: 2000, maxPerPrincipal: 200 };

const ACCESS_DENIED = /AccessDenied|UnauthorizedOperation|UnauthorizedAccess|Forbidden|NotAuthorized/i;

/** True when an error code means the caller lacked permission. */
export function isAccessDeniedCode(code: string | undefined): boolean {
  return code !== undefined && ACCESS_DENIED.test(code);
}

/** The streaming statistics accumulator. */
export class ReferenceStatsCollector {
  private readonly o: StatsOptions;
  private total = 0;
  private readonly names: ReferenceTopK;
  private readonly principals: ReferenceTopK;
  private readonly services: ReferenceTopK;
  private readonly resources: ReferenceTopK;
  private readonly ips: ReferenceTopK;
  private readonly agents: ReferenceTopK;
  private readonly regions: ReferenceTopK;
  private readonly accounts: ReferenceTopK;
  private readonly perPrincipal = new Map<string, PrincipalAcc>();
  private perPrincipalTruncated = false;
  // Events per tracked principal, smallest at hand: evicting the quietest must not scan thousands of principals.
  private readonly principalEvents = new CounterHeap();
  private readonly logins = { success: 0, failure: 0, withMfa: 0, withoutMfa: 0, root: 0 };
  private readonly rw = { read: 0, write: 0, unknown: 0 };
  private readonly errs = { total: 0, accessDenied: 0 };
  // One bucket per hour: a window of a year is under 9,000 entries, so this stays small.
  private readonly hours = new Map<number, { count: number; errors: number }>();
  private hour = NaN;
  private bucket: { count: number; errors: number } | undefined;

  constructor(options: Partial<StatsOptions> = {}) {
    this.o = { ...DEFAULTS, ...options };
    const k = this.o.k;
    this.names = new ReferenceTopK(k);
    this.principals = new ReferenceTopK(k);
    this.services = new ReferenceTopK(k);
    this.resources = new ReferenceTopK(k);
    this.ips = new ReferenceTopK(k);
    this.agents = new ReferenceTopK(k);
    this.regions = new ReferenceTopK(k);
    this.accounts = new ReferenceTopK(k);
  }

  /** Count one event. */
  observe(e: TrailEvent): void {
    this.total++;
    this.names.add(e.name);
    this.principals.add(e.principal.key);
    this.services.add(e.service);
    for (const r of e.resources) {
      const key = r.arn ?? r.name;
      if (key) this.resources.add(key);
    }
    if (e.sourceIp) this.ips.add(e.sourceIp);
    if (e.userAgent)
      this.agents.add(e.userAgent.length > 200 ? `${e.userAgent.slice(0, 200)}…` : e.userAgent);
    if (e.region) this.regions.add(e.region);
    if (e.account) this.accounts.add(e.account);

    const denied = isAccessDeniedCode(e.errorCode);
    if (e.errorCode) {
      this.errs.total++;
      if (denied) this.errs.accessDenied++;
    }
    if (e.readOnly === true) this.rw.read++;
    else if (e.readOnly === false) this.rw.write++;
    else this.rw.unknown++;

    const hour = Math.floor(e.timeMs / 3_600_000);
    // Neighbouring events mostly share an hour: the bucket at hand saves a lookup.
    let h = this.hour === hour ? this.bucket : this.hours.get(hour);
    if (!h) {
      h = { count: 0, errors: 0 };
      this.hours.set(hour, h);
    }
    this.hour = hour;
    this.bucket = h;
    h.count++;
    if (e.errorCode) h.errors++;

    if (e.name === 'ConsoleLogin') this.observeLogin(e);
    this.observePrincipal(e, denied);
  }

  private observeLogin(e: TrailEvent): void {
    const resp = (e.raw.responseElements as { ConsoleLogin?: unknown } | null | undefined)?.ConsoleLogin;
    const ok = resp === 'Success' && !e.errorCode;
    if (ok) this.logins.success++;
    else this.logins.failure++;
    if (e.principal.type === 'Root') this.logins.root++;
    if (ok) {
      const mfa = (e.raw.additionalEventData as { MFAUsed?: unknown } | null | undefined)?.MFAUsed;
      if (mfa === 'Yes') this.logins.withMfa++;
      else if (mfa === 'No') this.logins.withoutMfa++;
    }
  }

  private observePrincipal(e: TrailEvent, denied: boolean): void {
    const key = e.principal.key;
    let p = this.perPrincipal.get(key);
    if (p) this.principalEvents.bump(p.counter, 1);
    else {
      let counter: HeapEntry | undefined;
      if (this.perPrincipal.size >= this.o.maxPrincipals) {
        // Keep the busiest: drop the quietest principal seen so far (rare; only with thousands of principals).
        this.perPrincipalTruncated = true;
        const min = this.principalEvents.peekMin();
        if (min !== undefined) {
          this.perPrincipal.delete(min.key);
          counter = this.principalEvents.replaceMin(key, 1);
        }
      }
      p = {
        type: e.principal.type,
        counter: counter ?? this.principalEvents.insert(key, 1),
        events: 0,
        errors: 0,
        accessDenied: 0,
        writes: 0,
        services: new Set(),
        regions: new Set(),
        ips: new Set(),
      };
      this.perPrincipal.set(key, p);
    }
    p.events++;
    if (e.errorCode) p.errors++;
    if (denied) p.accessDenied++;
    if (e.readOnly === false) p.writes++;
    const cap = this.o.maxPerPrincipal;
    if (p.services.size < cap) p.services.add(e.service);
    if (e.region && p.regions.size < cap) p.regions.add(e.region);
    if (e.sourceIp && p.ips.size < cap) p.ips.add(e.sourceIp);
  }

  /** The statistics so far. */
  result(): ActivityStats {
    const n = this.o.top;
    const tables = [
      this.names,
      this.principals,
      this.services,
      this.resources,
      this.ips,
      this.agents,
      this.regions,
      this.accounts,
    ];
    const principals: PrincipalActivity[] = [...this.perPrincipal]
      .sort((a, b) => b[1].events - a[1].events || (a[0] < b[0] ? -1 : 1))
      .slice(0, n)
      .map(([principal, p]) => ({
        principal,
        type: p.type,
        events: p.events,
        errors: p.errors,
        accessDenied: p.accessDenied,
        writes: p.writes,
        services: p.services.size,
        regions: [...p.regions].sort(),
        sourceIps: p.ips.size,
      }));
    return {
      totalEvents: this.total,
      topEventNames: this.names.top(n),
      topPrincipals: this.principals.top(n),
      topServices: this.services.top(n),
      topResources: this.resources.top(n),
      topSourceIps: this.ips.top(n),
      topUserAgents: this.agents.top(n),
      regions: this.regions.top(n),
      accounts: this.accounts.top(n),
      principals,
      consoleLogins: { ...this.logins },
      readOnly: { ...this.rw },
      errors: { ...this.errs },
      hourly: [...this.hours]
        .sort((a, b) => a[0] - b[0])
        .map(([h, v]) => ({
          hour: new Date(h * 3_600_000).toISOString().replace('.000Z', 'Z'),
          count: v.count,
          errors: v.errors,
        })),
      approximate: this.perPrincipalTruncated || tables.some((t) => t.truncated),
    };
  }
}
