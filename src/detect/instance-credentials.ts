/**
 * EC2 instance credentials used outside the instance (GuardDuty's InstanceCredentialExfiltration class). A role
 * session named after an instance (`i-…`) or delivered by EC2 (`ec2RoleDelivery`) is the instance's; its calls are
 * off the instance when they come (a) with a desktop user agent, (b) from an address a human principal also used in
 * the window, or (c) from another network than the session's first call (IPv4 /16, IPv6 /48, compared within a
 * family). Calls without a public address (AWS service hosts, `AWS Internal`, private addresses) and calls through a
 * VPC endpoint are never off the instance: they say nothing about where the caller sat.
 *
 * Signals (b) and (c) need the whole window, so calls are remembered (bounded) and judged at the end; what is kept
 * is chosen by time and id, never by arrival, so the verdict does not depend on the order events arrive in.
 */
import type { TrailEvent } from '../types.js';
import { earlier } from './evidence.js';
import { parseNet } from './match.js';

/** Sessions tracked; a session first seen once this many are tracked is not (counted in `untracked`). */
export const MAX_SESSIONS = 20_000;
/** Source addresses remembered per session. */
export const MAX_IPS_PER_SESSION = 16;
/** Calls remembered per address (and per address for desktop user agents): the earliest by time, then id. */
export const MAX_CALLS_PER_IP = 20;
/** Addresses of human principals remembered. */
export const MAX_HUMAN_IPS = 50_000;

const INSTANCE_SESSION = /^i-[0-9a-f]{8,17}$/i;
// A person's machine or browser. Windows Server builds name themselves (`Windows/2019Server`); a Windows instance
// whose SDK reports a desktop Windows version is the known false positive (allow-list its role).
const DESKTOP_UA = /darwin|mac ?os|macintosh|mozilla\/|windows(?![^ ]*server)/i;
const HUMAN_TYPES = new Set(['IAMUser', 'Root', 'IdentityCenterUser', 'FederatedUser']);
const PRIVATE = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  'fc00::/7',
  'fe80::/10',
  '::1/128',
].map((n) => parseNet(n) as NonNullable<ReturnType<typeof parseNet>>);

/** The instance session an event belongs to (its assumed-role ARN), or undefined when it is not one. */
export function instanceSession(e: TrailEvent): string | undefined {
  const p = e.principal;
  if (p.type !== 'AssumedRole') return undefined;
  const arn = p.arn ?? '';
  const name = arn.slice(arn.lastIndexOf('/') + 1) || (p.principalId ?? '').split(':')[1] || '';
  if (!INSTANCE_SESSION.test(name) && !(p.ec2RoleDelivery ?? roleDelivery(e.raw))) return undefined;
  return arn || p.principalId;
}

/** Whether the record's session context names an EC2 role delivery (for events not made by normalizePrincipal). */
function roleDelivery(raw: TrailEvent['raw']): boolean {
  const ctx = (raw.userIdentity as { sessionContext?: { ec2RoleDelivery?: unknown } } | undefined)
    ?.sessionContext;
  return ctx?.ec2RoleDelivery !== undefined;
}

/** Whether a principal is a person (users, root, Identity Center, SSO and SAML sessions), not a workload. */
export function isHuman(e: TrailEvent): boolean {
  const p = e.principal;
  if (HUMAN_TYPES.has(p.type)) return true;
  if (p.type !== 'AssumedRole') return p.type === 'SAMLUser' || p.type === 'WebIdentityUser';
  return (p.sessionIssuerName ?? '').startsWith('AWSReservedSSO_');
}

/** The network of a public source address (`v4:1.2`, `v6:2001:db8:1`), or undefined when it tells nothing. */
export function networkOf(e: TrailEvent): string | undefined {
  const ip = e.sourceIp;
  if (ip === undefined || e.raw.vpcEndpointId !== undefined) return undefined;
  return addressNetwork(ip);
}

/** The network of a public address, wherever the call came through; undefined for anything else. */
function addressNetwork(ip: string): string | undefined {
  const n = parseNet(ip);
  if (!n || n.prefix !== (n.v6 ? 128 : 32)) return undefined;
  if (
    PRIVATE.some(
      (p) =>
        p.v6 === n.v6 &&
        n.addr >> BigInt((n.v6 ? 128 : 32) - p.prefix) === p.addr >> BigInt((n.v6 ? 128 : 32) - p.prefix),
    )
  )
    return undefined;
  return n.v6 ? `v6:${(n.addr >> 80n).toString(16)}` : `v4:${Number(n.addr >> 16n)}`;
}

/** A remembered call: what the engine needs to fold it into a finding later. */
export interface Kept<H> {
  id: string;
  timeMs: number;
  hit: H;
}

interface Calls<H> {
  count: number;
  kept: Kept<H>[];
  lastMs: number;
  lastTime: string;
}

interface IpCalls<H> {
  network: string;
  all: Calls<H>;
  desktop: Calls<H>;
  /** The earliest call from this address, by (time, id): it decides the session's home network. */
  first: { timeMs: number; id: string };
}

/** One off-instance incident: the calls that left the instance, and how many there were in all. */
export interface OffInstance<H> {
  session: string;
  calls: Kept<H>[];
  count: number;
  lastMs: number;
  lastTime: string;
  signals: string[];
}

function newCalls<H>(): Calls<H> {
  return { count: 0, kept: [], lastMs: -Infinity, lastTime: '' };
}

/** Counts the call and keeps it if it is among the earliest MAX_CALLS_PER_IP (`make` builds what is kept). */
function remember<H>(c: Calls<H>, e: TrailEvent, make: (e: TrailEvent) => H): void {
  c.count++;
  if (e.timeMs >= c.lastMs) {
    c.lastMs = e.timeMs;
    c.lastTime = e.time;
  }
  const k = c.kept;
  if (k.length >= MAX_CALLS_PER_IP && !earlier(e, k[k.length - 1] as Kept<H>)) return;
  let i = k.length;
  while (i > 0 && earlier(e, k[i - 1] as Kept<H>)) i--;
  k.splice(i, 0, { id: e.id, timeMs: e.timeMs, hit: make(e) });
  if (k.length > MAX_CALLS_PER_IP) k.pop();
}

/** Watches every event of the window; `finish` names the instance sessions whose credentials left the instance. */
export class InstanceCredentialWatch<H> {
  private readonly sessions = new Map<string, Map<string, IpCalls<H>>>();
  /**
   * Human principals' addresses: true when a person called from it as a public address (the only ones that can
   * match an instance session's), 'vpce' while every such call came through a VPC endpoint, false when it is not a
   * public address at all.
   */
  private readonly humanIps = new Map<string, boolean | 'vpce'>();
  /** Sessions not tracked because MAX_SESSIONS were. */
  untracked = 0;

  /** Every event of the window, so that human principals' addresses are known. */
  observeAny(e: TrailEvent): void {
    // Runs for every event: the cheap tests first, each address parsed once (those that say nothing, such as
    // service hosts and private addresses, are remembered as false).
    // Any one public call (not through an endpoint) makes the address a person's, whichever came first.
    const ip = e.sourceIp;
    if (ip === undefined || !isHuman(e)) return;
    const known = this.humanIps.get(ip);
    if (known === true || known === false) return;
    if (known === undefined) {
      if (this.humanIps.size >= MAX_HUMAN_IPS) return;
      if (addressNetwork(ip) === undefined) {
        this.humanIps.set(ip, false);
        return;
      }
    }
    this.humanIps.set(ip, e.raw.vpcEndpointId === undefined ? true : 'vpce');
  }

  /** A call of an instance session (`session` from instanceSession) that is not an AWS service's; `make` builds its hit. */
  observeSession(e: TrailEvent, session: string, make: (e: TrailEvent) => H): void {
    const network = networkOf(e);
    if (network === undefined || e.sourceIp === undefined) return;
    let ips = this.sessions.get(session);
    if (!ips) {
      if (this.sessions.size >= MAX_SESSIONS) {
        this.untracked++;
        return;
      }
      ips = new Map();
      this.sessions.set(session, ips);
    }
    let c = ips.get(e.sourceIp);
    if (!c) {
      if (ips.size >= MAX_IPS_PER_SESSION && !this.makeRoom(ips, e)) return;
      c = { network, all: newCalls(), desktop: newCalls(), first: { timeMs: e.timeMs, id: e.id } };
      ips.set(e.sourceIp, c);
    } else if (earlier(e, c.first)) c.first = { timeMs: e.timeMs, id: e.id };
    remember(c.all, e, make);
    if (e.userAgent !== undefined && DESKTOP_UA.test(e.userAgent)) remember(c.desktop, e, make);
  }

  /**
   * A session that used more addresses than are remembered keeps those first used earliest (by time, then id), as
   * a pass in time order would: an address first used before the latest-starting one kept takes its place. Without
   * it, which addresses were kept (and so the session's home network) followed arrival order.
   */
  private makeRoom(ips: Map<string, IpCalls<H>>, e: TrailEvent): boolean {
    let latest: string | undefined;
    let at: { timeMs: number; id: string } | undefined;
    for (const [ip, c] of ips)
      if (!at || earlier(at, c.first)) {
        latest = ip;
        at = c.first;
      }
    if (latest === undefined || !at || !earlier(e, at)) return false;
    ips.delete(latest);
    return true;
  }

  /** The off-instance calls of every session that has any, in session order. */
  finish(): OffInstance<H>[] {
    const out: OffInstance<H>[] = [];
    for (const [session, ips] of [...this.sessions].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      // Home: per address family, the network of the session's earliest call.
      const home = new Map<string, { network: string; first: { timeMs: number; id: string } }>();
      for (const c of ips.values()) {
        const fam = c.network.slice(0, 2);
        const h = home.get(fam);
        if (!h || earlier(c.first, h.first)) home.set(fam, { network: c.network, first: c.first });
      }
      const calls: Kept<H>[] = [];
      const signals = new Set<string>();
      let count = 0;
      let lastMs = -Infinity;
      let lastTime = '';
      const take = (c: Calls<H>): void => {
        calls.push(...c.kept);
        count += c.count;
        if (c.lastMs >= lastMs) {
          lastMs = c.lastMs;
          lastTime = c.lastTime;
        }
      };
      for (const [ip, c] of [...ips].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        const shared = this.humanIps.get(ip) === true;
        const moved = home.get(c.network.slice(0, 2))?.network !== c.network;
        if (shared) signals.add('address also used by a human principal');
        if (moved) signals.add('another network than the session started from');
        if (shared || moved) take(c.all);
        else if (c.desktop.count > 0) {
          signals.add('desktop user agent');
          take(c.desktop);
        }
      }
      if (calls.length > 0)
        out.push({ session, calls, count, lastMs, lastTime, signals: [...signals].sort() });
    }
    return out;
  }

  /** Forgets everything (the engine's release). */
  clear(): void {
    this.sessions.clear();
    this.humanIps.clear();
  }
}
