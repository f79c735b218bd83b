import { createHash } from 'node:crypto';

/** 32-bit FNV-1a of a string's UTF-16 code units: cheap, and the same across runs and platforms. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A stable finding id from the parts that identify an incident (never times): `ts-` + 16 hex chars. */
export function fingerprint(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p.toLowerCase()).update('\u0000');
  return `ts-${h.digest('hex').slice(0, 16)}`;
}
