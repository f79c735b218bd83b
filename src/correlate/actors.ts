/**
 * Which values tie findings together. A principal, a role session and an access key each name one actor. A source
 * IP or a user agent only suggests one: it ties findings only when it could not be anyone's (not an AWS service
 * name, a private address or a stock AWS client), and only while few principals share it in the window — a NAT
 * gateway, a VPN or a CI runner pool is many people, not one attacker moving between identities.
 */
import type { Finding } from '../types.js';

/** A weak value (IP, user agent) shared by more principals than this is infrastructure, not an actor. */
export const MAX_PRINCIPALS_PER_WEAK_KEY = 4;

// Addresses many unrelated callers share: RFC 1918, loopback, link-local, CGNAT, unique-local and link-local IPv6.
const PRIVATE_V4: readonly [number, number][] = [
  [0x0a000000, 8],
  [0xac100000, 12],
  [0xc0a80000, 16],
  [0x7f000000, 8],
  [0xa9fe0000, 16],
  [0x64400000, 10],
  [0x00000000, 8],
];

function ipv4(s: string): number | undefined {
  // Leading zeros are accepted: anonymised datasets (and some log pipelines) write them.
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    n = n * 256 + o;
  }
  return n;
}

/** True for a public IP address: one that can tie two identities to the same caller. */
export function isTyingIp(value: string): boolean {
  const v4 = ipv4(value);
  if (v4 !== undefined) {
    return !PRIVATE_V4.some(
      ([base, bits]) => Math.floor(v4 / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)),
    );
  }
  // IPv6 (a colon and hex only); not ::1, fc00::/7 or fe80::/10. Service names (`cloudtrail.amazonaws.com`) and
  // `AWS Internal` are neither.
  if (!/^[0-9a-f:.]+$/i.test(value) || !value.includes(':')) return false;
  const v = value.toLowerCase();
  return v !== '::1' && !/^f[cd]/.test(v) && !/^fe[89ab]/.test(v);
}

/**
 * User agents of stock AWS clients and front ends: whole teams and every workload send them, so they name no one.
 * An unusual agent (a tool, a script's own name, an offensive distribution) still ties.
 */
const COMMON_AGENTS: readonly RegExp[] = [
  /^aws-cli\//i,
  /^aws-sdk-/i,
  /^aws-internal/i,
  /^aws internal/i,
  /^boto3\//i,
  /^botocore\//i,
  /^aws-toolkit/i,
  /^awscrt/i,
  /^aws-cdk/i,
  /^(apn\/1\.0 )?hashicorp/i,
  /^terraform/i,
  /^pulumi/i,
  /^mozilla\//i,
  /^\[?s3console/i,
  /^coral\//i,
  /^awscloudformation/i,
  /^cloudformation/i,
  /^Apache-HttpClient/i,
  /^[a-z0-9.-]+\.amazonaws\.com$/i,
  /^AWS Signin/i,
];

/** True for a user agent unusual enough to tie two identities to the same caller. */
export function isTyingAgent(value: string): boolean {
  return value.trim() !== '' && !COMMON_AGENTS.some((r) => r.test(value.trim()));
}

/** A finding's actor keys: strong ones (always tie) and weak ones (tie within the per-key principal limit). */
export function actorKeys(f: Finding): { strong: string[]; weak: string[]; principals: string[] } {
  const a = f.actors;
  // Findings that carry `actors` are tied by them alone (an empty one, a rule's overflow finding, by nothing);
  // older findings without it fall back to their principal and evidence samples.
  const principals = a ? (a.principals ?? []) : f.principal !== undefined ? [f.principal] : [];
  const strong = new Set<string>();
  for (const p of principals) strong.add(`p:${p.toLowerCase()}`);
  for (const s of a?.sessions ?? []) strong.add(`s:${s.toLowerCase()}`);
  for (const k of a?.accessKeyIds ?? []) strong.add(`k:${k}`);
  const weak = new Set<string>();
  const ips = a
    ? (a.sourceIps ?? [])
    : (f.evidence.samples ?? []).flatMap((s) => (s.sourceIp ? [s.sourceIp] : []));
  for (const ip of ips) if (isTyingIp(ip)) weak.add(`ip:${ip.toLowerCase()}`);
  const agents = a
    ? (a.userAgents ?? [])
    : (f.evidence.samples ?? []).flatMap((s) => (s.userAgent ? [s.userAgent] : []));
  for (const ua of agents) if (isTyingAgent(ua)) weak.add(`ua:${ua}`);
  return { strong: [...strong], weak: [...weak], principals };
}
