import { createHash } from 'node:crypto';

/** A stable finding id from the parts that identify an incident (never times): `ts-` + 16 hex chars. */
export function fingerprint(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p.toLowerCase()).update('\u0000');
  return `ts-${h.digest('hex').slice(0, 16)}`;
}
