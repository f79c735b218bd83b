/** Activity statistics of the window in one streaming pass, in bounded memory (Space-Saving top-k sketches). */
import { shownAgent, USER_AGENT_CHARS } from '../actors.js';
import type { ActivityStats, CountEntry, GroupedEvents, PrincipalActivity, TrailEvent } from '../types.js';

/**
 * Counters for at most `capacity` keys, kept in typed arrays indexed by a slot number (a key's slot never moves
 * while it is tracked), with a Map from key to slot: counting a tracked key is one Map lookup and one number added,
 * with no object per key or per event. Slots are handed out in insertion order, so while nothing was ever evicted a
 * slot IS its key's insertion order.
 *
 * The smallest counter (oldest first among equals, ordered by (count, seq) where seq is when the key took its slot)
 * is kept at hand by a binary min-heap of slot numbers that is only built when first asked for: tables that never
 * fill (regions, accounts, most event names) never pay for it, and once built each later change keeps it in order
 * at O(log capacity). Memory: per slot a Map entry, a reference to the key and 24 bytes of numbers; at most
 * `capacity` slots, whatever the volume.
 */
export class CounterHeap {
  private readonly slots = new Map<string, number>();
  private keys: string[] = [];
  private counts: Float64Array;
  private seqs: Float64Array;
  /** heap[i] is the slot at heap position i; posOf[slot] is its position. Undefined until the min is first asked. */
  private heap: Int32Array | undefined;
  private posOf: Int32Array | undefined;
  private nextSeq = 0;

  constructor(private readonly capacity: number) {
    // Grown by doubling up to capacity: most tables hold a few dozen keys, and k is only an upper bound.
    const initial = Math.max(0, Math.min(capacity, 64));
    this.counts = new Float64Array(initial);
    this.seqs = new Float64Array(initial);
  }

  get size(): number {
    return this.keys.length;
  }

  /** The slot of `key`, or undefined when it is not tracked. */
  slotOf(key: string): number | undefined {
    return this.slots.get(key);
  }

  /** The key in `slot`. */
  keyAt(slot: number): string {
    return this.keys[slot] as string;
  }

  /** The count in `slot`. */
  countAt(slot: number): number {
    return this.counts[slot] as number;
  }

  /** Adds `n` to the count in `slot`. */
  bump(slot: number, n: number): void {
    this.counts[slot] = (this.counts[slot] as number) + n;
    if (this.heap !== undefined) this.down((this.posOf as Int32Array)[slot] as number);
  }

  /** Tracks a new key with `count` (the caller checks it is not tracked and that size < capacity); its slot. */
  insert(key: string, count: number): number {
    const slot = this.keys.length;
    if (slot === this.counts.length) this.grow();
    this.keys.push(key);
    this.slots.set(key, slot);
    this.counts[slot] = count;
    this.seqs[slot] = this.nextSeq++;
    if (this.heap !== undefined) {
      const posOf = this.posOf as Int32Array;
      this.heap[slot] = slot;
      posOf[slot] = slot;
      this.up(slot);
    }
    return slot;
  }

  /** The slot of the smallest counter (oldest first among equals), or undefined when empty. */
  minSlot(): number | undefined {
    if (this.keys.length === 0) return undefined;
    return this.order()[0];
  }

  /** Gives the smallest counter's slot to a new key with `count`: one sift, no removal and insertion. */
  replaceMin(key: string, count: number): number | undefined {
    if (this.keys.length === 0) return undefined;
    const slot = this.order()[0] as number;
    this.slots.delete(this.keys[slot] as string);
    this.keys[slot] = key;
    this.slots.set(key, slot);
    this.counts[slot] = count;
    this.seqs[slot] = this.nextSeq++;
    this.down(0);
    return slot;
  }

  /** Every (key, count), in no particular order. */
  entries(): [string, number][] {
    return this.keys.map((key, slot) => [key, this.counts[slot] as number]);
  }

  private grow(): void {
    const size = Math.min(this.capacity, Math.max(1, this.counts.length * 2));
    const counts = new Float64Array(size);
    counts.set(this.counts);
    this.counts = counts;
    const seqs = new Float64Array(size);
    seqs.set(this.seqs);
    this.seqs = seqs;
  }

  // Bottom-up heap construction, once, over every slot the table may ever hold; from then on every change keeps
  // the order.
  private order(): Int32Array {
    if (this.heap !== undefined) return this.heap;
    const cap = this.capacity;
    if (this.counts.length < cap) {
      const counts = new Float64Array(cap);
      counts.set(this.counts);
      this.counts = counts;
      const seqs = new Float64Array(cap);
      seqs.set(this.seqs);
      this.seqs = seqs;
    }
    const heap = new Int32Array(cap);
    const posOf = new Int32Array(cap);
    for (let i = 0; i < cap; i++) {
      heap[i] = i;
      posOf[i] = i;
    }
    this.heap = heap;
    this.posOf = posOf;
    for (let i = (this.keys.length >> 1) - 1; i >= 0; i--) this.down(i);
    return heap;
  }

  private less(a: number, b: number): boolean {
    const ca = this.counts[a] as number;
    const cb = this.counts[b] as number;
    return ca < cb || (ca === cb && (this.seqs[a] as number) < (this.seqs[b] as number));
  }

  private up(i: number): void {
    const heap = this.heap as Int32Array;
    const posOf = this.posOf as Int32Array;
    const slot = heap[i] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as number;
      if (!this.less(slot, p)) break;
      heap[i] = p;
      posOf[p] = i;
      i = parent;
    }
    heap[i] = slot;
    posOf[slot] = i;
  }

  private down(i: number): void {
    const heap = this.heap as Int32Array;
    const posOf = this.posOf as Int32Array;
    const n = this.keys.length;
    const slot = heap[i] as number;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = heap[l] as number;
      let mi = l;
      if (r < n && this.less(heap[r] as number, m)) {
        m = heap[r] as number;
        mi = r;
      }
      if (!this.less(m, slot)) break;
      heap[i] = m;
      posOf[m] = i;
      i = mi;
    }
    heap[i] = slot;
    posOf[slot] = i;
  }
}

/**
 * Space-Saving (Metwally et al.): at most `k` counters; a new key evicts the smallest counter (the oldest of the
 * smallest) and inherits its count, so every key whose true count exceeds total/k is kept and a count is
 * overestimated by at most the minimum it inherited. Exact while at most `k` distinct keys have been seen: until
 * then counting is one Map lookup and one number added (the heap that finds the smallest is only built at the
 * first eviction). Memory: at most `k` counters (see CounterHeap), whatever the volume.
 */
export class TopK {
  private readonly counts: CounterHeap;
  truncated = false;
  /** Called once, just before the first eviction: slots stop naming one key each from then on. */
  beforeFirstEviction: (() => void) | undefined;

  constructor(private readonly k: number) {
    this.counts = new CounterHeap(k);
  }

  /** Counts `n` occurrences of `key` (an aggregate count, e.g. from a GROUP BY, is one call). */
  add(key: string, n = 1): void {
    this.addSlot(key, n);
  }

  /**
   * add(), answering the key's slot while the table has never evicted (each slot then stands for one key for
   * good, so callers may remember keys by slot number), and -1 once it has.
   */
  addSlot(key: string, n = 1): number {
    const slot = this.counts.slotOf(key);
    if (slot !== undefined) {
      this.counts.bump(slot, n);
      return this.truncated ? -1 : slot;
    }
    if (this.counts.size < this.k) {
      const fresh = this.counts.insert(key, n);
      return this.truncated ? -1 : fresh;
    }
    this.evictFor(key, n);
    return -1;
  }

  /** The key a slot stands for (see addSlot). */
  keyAt(slot: number): string {
    return this.counts.keyAt(slot);
  }

  private evictFor(key: string, n: number): void {
    if (!this.truncated) {
      this.beforeFirstEviction?.();
      this.truncated = true;
    }
    const min = this.counts.minSlot();
    if (min === undefined) return; // k = 0: nothing is ever kept
    this.counts.replaceMin(key, this.counts.countAt(min) + n);
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

const NO_BITS = new Uint32Array(0);

/**
 * The distinct keys of one top-k table that one principal used, at most `cap` of them. While the table has never
 * evicted, its slot numbers name keys one to one, so a key is one bit (no hashing, no Set entry per key); at the
 * table's first eviction every principal's bits become a Set of the keys they stood for.
 */
class SeenKeys {
  size = 0;
  private bits = NO_BITS;
  private keys: Set<string> | undefined;

  /** Notes the key in `slot` (the table has not evicted), unless `cap` keys are noted already. */
  addSlot(slot: number, cap: number): void {
    const word = slot >>> 5;
    const bit = 1 << (slot & 31);
    let bits = this.bits;
    if (word >= bits.length) {
      if (this.size >= cap) return;
      bits = new Uint32Array(Math.max(word + 1, bits.length * 2));
      bits.set(this.bits);
      this.bits = bits;
    }
    const w = bits[word] as number;
    if ((w & bit) !== 0 || this.size >= cap) return;
    bits[word] = w | bit;
    this.size++;
  }

  /** Notes `key` (the table has evicted), unless `cap` keys are noted already. */
  addKey(key: string, cap: number): void {
    const keys = (this.keys ??= new Set());
    if (keys.size < cap) {
      keys.add(key);
      this.size = keys.size;
    }
  }

  /** The keys noted, by their slots in `table` or as kept. */
  values(table: TopK): string[] {
    if (this.keys !== undefined) return [...this.keys];
    const out: string[] = [];
    for (let word = 0; word < this.bits.length; word++) {
      const w = this.bits[word] as number;
      for (let b = 0; b < 32; b++) if ((w & (1 << b)) !== 0) out.push(table.keyAt(word * 32 + b));
    }
    return out;
  }

  /** From slot bits to keys, before `table`'s slots stop naming one key each. */
  toKeys(table: TopK): void {
    if (this.keys === undefined) this.keys = new Set(this.values(table));
    this.bits = NO_BITS;
  }

  clear(): void {
    this.size = 0;
    this.bits.fill(0);
    this.keys?.clear();
  }
}

/** What is known of one tracked principal; the object is reused when its slot passes to another principal. */
interface PrincipalAcc {
  type: string;
  errors: number;
  accessDenied: number;
  writes: number;
  services: SeenKeys;
  regions: SeenKeys;
  ips: SeenKeys;
}

/** Tunables; they bound the memory whatever the volume (see StatsCollector for the bound). */
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

/**
 * `k`: a table is exact while it has seen at most `k` distinct keys. Past that, every event with an untracked key
 * evicts one (a Map delete and insert and a heap sift) and each principal's keys of that table move from bits to a
 * Set, so a table that overflows costs far more per event than one that does not. A day of a busy trail has a
 * couple of thousand source addresses: at 1,000 the address table overflowed on bench:e2e's trail mix (2,009
 * addresses in 1,000,000 events) and the run took 21.2-23.6 s and 227-234 MB; at 4,000, 20.1-21.0 s and
 * 220-223 MB, with exact counts.
 */
const DEFAULTS: StatsOptions = { k: 4000, top: 20, maxPrincipals: 2000, maxPerPrincipal: 200 };

const ACCESS_DENIED = /AccessDenied|UnauthorizedOperation|UnauthorizedAccess|Forbidden|NotAuthorized/i;

/** True when an error code means the caller lacked permission. */
export function isAccessDeniedCode(code: string | undefined): boolean {
  return code !== undefined && ACCESS_DENIED.test(code);
}

/**
 * The streaming statistics accumulator. Memory is bounded whatever the volume: 8 top-k tables of at most `k`
 * counters each; at most `maxPrincipals` principals, each with its services, regions and IPs as at most `k` bits
 * per table (while that table has never evicted) or at most `maxPerPrincipal` keys (after); one bucket per hour
 * of the window; a one-entry memo each for the last long user agent and error code. With the defaults: 32,000
 * counters (about 2 MB besides the key strings: user agents are cut at 200 characters), and per principal 3 x 500
 * bytes of bits (3 MB for 2,000 principals) or at worst 3 x 200 remembered keys (about 25 MB of Set entries if all
 * 2,000 principals reach that, besides the key strings, which the counters share).
 */
export class StatsCollector {
  private readonly o: StatsOptions;
  private total = 0;
  private readonly names: TopK;
  private readonly principals: TopK;
  private readonly services: TopK;
  private readonly resources: TopK;
  private readonly ips: TopK;
  private readonly agents: TopK;
  private readonly regions: TopK;
  private readonly accounts: TopK;
  // Events per tracked principal, smallest at hand (evicting the quietest must not scan thousands of principals);
  // accs[slot] is what is known of the principal in that slot.
  private readonly principalEvents: CounterHeap;
  private readonly accs: PrincipalAcc[] = [];
  private perPrincipalTruncated = false;
  private readonly logins = { success: 0, failure: 0, withMfa: 0, withoutMfa: 0, root: 0 };
  private readonly rw = { read: 0, write: 0, unknown: 0 };
  private readonly errs = { total: 0, accessDenied: 0 };
  // One bucket per hour: a window of a year is under 9,000 entries, so this stays small.
  private readonly hours = new Map<number, { count: number; errors: number }>();
  private hour = NaN;
  private bucket: { count: number; errors: number } | undefined;
  // Consecutive events mostly repeat these: the last answer saves a slice and a regex per event.
  private longAgent = '';
  private longAgentKey = '';
  private errorCode = '';
  private errorDenied = false;

  constructor(options: Partial<StatsOptions> = {}) {
    this.o = { ...DEFAULTS, ...options };
    const k = this.o.k;
    this.names = new TopK(k);
    this.principals = new TopK(k);
    this.services = new TopK(k);
    this.resources = new TopK(k);
    this.ips = new TopK(k);
    this.agents = new TopK(k);
    this.regions = new TopK(k);
    this.accounts = new TopK(k);
    this.principalEvents = new CounterHeap(this.o.maxPrincipals);
    this.services.beforeFirstEviction = () => {
      for (const p of this.accs) p.services.toKeys(this.services);
    };
    this.regions.beforeFirstEviction = () => {
      for (const p of this.accs) p.regions.toKeys(this.regions);
    };
    this.ips.beforeFirstEviction = () => {
      for (const p of this.accs) p.ips.toKeys(this.ips);
    };
  }

  /** Count one event. */
  observe(e: TrailEvent): void {
    this.total++;
    this.names.add(e.name);
    const principal = this.principals.addSlot(e.principal.key);
    const service = this.services.addSlot(e.service);
    const resources = e.resources;
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i] as (typeof resources)[number];
      const key = r.arn ?? r.name;
      if (key) this.resources.add(key);
    }
    const ip = e.sourceIp ? this.ips.addSlot(e.sourceIp) : -2;
    const agent = e.userAgent;
    if (agent) this.agents.add(this.agentKey(agent));
    const region = e.region ? this.regions.addSlot(e.region) : -2;
    if (e.account) this.accounts.add(e.account);

    const code = e.errorCode;
    let denied = false;
    if (code) {
      if (code !== this.errorCode) {
        this.errorCode = code;
        this.errorDenied = ACCESS_DENIED.test(code);
      }
      denied = this.errorDenied;
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
    if (code) h.errors++;

    if (e.name === 'ConsoleLogin') this.observeLogin(e);
    this.observePrincipal(e, denied, principal, service, region, ip);
  }

  /** The key an agent is counted by (shownAgent), remembered for the last long one. */
  private agentKey(agent: string): string {
    if (agent.length <= USER_AGENT_CHARS) return agent;
    if (agent !== this.longAgent) {
      this.longAgent = agent;
      this.longAgentKey = shownAgent(agent);
    }
    return this.longAgentKey;
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

  /** `principal`, `service`, `region`, `ip`: the slots addSlot answered (-1: the table evicted; -2: none). */
  private observePrincipal(
    e: TrailEvent,
    denied: boolean,
    principal: number,
    service: number,
    region: number,
    ip: number,
  ): void {
    const key = e.principal.key;
    const counts = this.principalEvents;
    // Until either evicts, the principals table and this one take new principals in the same order, so a
    // principal's slot is the same in both: no second lookup.
    const slot =
      principal >= 0 && !this.perPrincipalTruncated
        ? principal < counts.size
          ? principal
          : undefined
        : counts.slotOf(key);
    const p = this.principalAcc(key, e.principal.type, 1, slot);
    if (!p) return;
    if (e.errorCode) p.errors++;
    if (denied) p.accessDenied++;
    if (e.readOnly === false) p.writes++;
    const cap = this.o.maxPerPrincipal;
    if (service >= 0) p.services.addSlot(service, cap);
    else p.services.addKey(e.service, cap);
    if (region >= 0) p.regions.addSlot(region, cap);
    else if (region === -1) p.regions.addKey(e.region, cap);
    if (ip >= 0) p.ips.addSlot(ip, cap);
    else if (ip === -1) p.ips.addKey(e.sourceIp as string, cap);
  }

  /**
   * Counts a GROUP BY row computed elsewhere (`source: athena`): the tables its part covers, as if its `n` events had
   * been observed. The parts are disjoint, so the rows of every part together count each event once per table.
   */
  observeGrouped(g: GroupedEvents): void {
    const { event: e, n } = g;
    switch (g.part) {
      case 'calls': {
        this.total += n;
        this.names.add(e.name, n);
        this.services.add(e.service, n);
        if (e.region) this.regions.add(e.region, n);
        if (e.account) this.accounts.add(e.account, n);
        if (e.errorCode) {
          this.errs.total += n;
          if (isAccessDeniedCode(e.errorCode)) this.errs.accessDenied += n;
        }
        if (e.readOnly === true) this.rw.read += n;
        else if (e.readOnly === false) this.rw.write += n;
        else this.rw.unknown += n;
        return;
      }
      case 'principals': {
        const key = e.principal.key;
        this.principals.add(key, n);
        const p = this.principalAcc(key, e.principal.type, n, this.principalEvents.slotOf(key));
        const d = g.principal;
        if (!p || !d) return;
        p.errors += d.errors;
        p.accessDenied += d.accessDenied;
        p.writes += d.writes;
        // Keys, not slots: the row names them, and the tables' slots were not taken in a stream's order.
        const cap = this.o.maxPerPrincipal;
        for (const x of d.services) p.services.addKey(x, cap);
        for (const x of d.regions) p.regions.addKey(x, cap);
        for (const x of d.sourceIps) p.ips.addKey(x, cap);
        return;
      }
      case 'sourceIps':
        if (e.sourceIp) this.ips.add(e.sourceIp, n);
        return;
      case 'userAgents': {
        const agent = e.userAgent;
        if (agent) this.agents.add(this.agentKey(agent), n);
        return;
      }
      case 'resources':
        for (const r of e.resources) {
          const key = r.arn ?? r.name;
          if (key) this.resources.add(key, n);
        }
        return;
      case 'hours': {
        const hour = Math.floor(e.timeMs / 3_600_000);
        let h = this.hours.get(hour);
        if (!h) {
          h = { count: 0, errors: 0 };
          this.hours.set(hour, h);
        }
        h.count += n;
        if (e.errorCode) h.errors += n;
        return;
      }
      case 'logins':
        for (let i = 0; i < n; i++) this.observeLogin(e);
        return;
      case 'principalCalls':
        return;
    }
  }

  /**
   * The tracked record of a principal, counted `n` more events: at `slot` (its place, or undefined when it has none),
   * else added, or (the table full) in the place of the quietest principal so far, starting afresh: the busiest
   * are kept (rare; only with thousands of principals). Undefined when no principal is tracked (maxPrincipals 0).
   */
  private principalAcc(
    key: string,
    type: string,
    n: number,
    slot: number | undefined,
  ): PrincipalAcc | undefined {
    const counts = this.principalEvents;
    if (slot !== undefined) {
      counts.bump(slot, n);
      return this.accs[slot];
    }
    if (counts.size < this.o.maxPrincipals) {
      const p: PrincipalAcc = {
        type,
        errors: 0,
        accessDenied: 0,
        writes: 0,
        services: new SeenKeys(),
        regions: new SeenKeys(),
        ips: new SeenKeys(),
      };
      this.accs[counts.insert(key, n)] = p;
      return p;
    }
    this.perPrincipalTruncated = true;
    const at = counts.replaceMin(key, n);
    if (at === undefined) return undefined;
    // The evicted principal's record is reused, emptied.
    const p = this.accs[at] as PrincipalAcc;
    p.type = type;
    p.errors = 0;
    p.accessDenied = 0;
    p.writes = 0;
    p.services.clear();
    p.regions.clear();
    p.ips.clear();
    return p;
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
    const counts = this.principalEvents;
    const principals: PrincipalActivity[] = this.accs
      .map((p, slot) => ({ key: counts.keyAt(slot), events: counts.countAt(slot), p }))
      .sort((a, b) => b.events - a.events || (a.key < b.key ? -1 : 1))
      .slice(0, n)
      .map(({ key, events, p }) => ({
        principal: key,
        type: p.type,
        events,
        errors: p.errors,
        accessDenied: p.accessDenied,
        writes: p.writes,
        services: p.services.size,
        regions: p.regions.values(this.regions).sort(),
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
