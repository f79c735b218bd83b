/**
 * A digest record cut in two, for re-asking the model when its answer ran past max_tokens: by principal blocks
 * when the record holds several, else by halves of its lines (the principal's header repeated on the second).
 */
import type { DigestRecord, EventRef } from './digest.js';
import { estimateTokens } from './tokens.js';
import { safeValue } from './untrusted.js';

/** Two records that together hold every line and event of `record`; undefined when it is a single line. */
export function splitRecord(record: DigestRecord): [DigestRecord, DigestRecord] | undefined {
  const blocks = record.text.split('\n\n');
  let parts: [string, string];
  if (blocks.length >= 2) {
    // Whole principal blocks on each side, balanced by length.
    let acc = 0;
    let k = 1;
    for (; k < blocks.length - 1; k++) {
      acc += (blocks[k - 1] ?? '').length;
      if (acc >= record.text.length / 2) break;
    }
    parts = [blocks.slice(0, k).join('\n\n'), blocks.slice(k).join('\n\n')];
  } else {
    const [head, ...body] = record.text.split('\n');
    if (head === undefined || !head.startsWith('## ') || body.length < 2) return undefined;
    const mid = Math.ceil(body.length / 2);
    parts = [
      [head, ...body.slice(0, mid)].join('\n'),
      [`${head.replace(/ \(continued\)$/, '')} (continued)`, ...body.slice(mid)].join('\n'),
    ];
  }
  return [part(record, parts[0], 'a'), part(record, parts[1], 'b')];
}

function part(record: DigestRecord, text: string, suffix: string): DigestRecord {
  // Event lines start with `id=<id as the digest wrote it> `: the half's events are the ones whose line it holds.
  const byPrefix = new Map<string, EventRef>();
  for (const e of record.events.values()) byPrefix.set(`id=${safeValue(e.id, 64)} `, e);
  const events = new Map<string, EventRef>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('id=')) continue;
    const space = line.indexOf(' ');
    const e =
      byPrefix.get(line.slice(0, space + 1)) ??
      [...byPrefix.entries()].find(([p]) => line.startsWith(p))?.[1];
    if (e) events.set(e.id, e);
  }
  const here = new Set([...events.values()].map((e) => e.principal));
  const principals = record.principals.filter((p) => here.has(p));
  return {
    recordId: `${record.recordId}${suffix}`,
    text,
    tokens: estimateTokens(text),
    events,
    principals: principals.length ? principals : [...record.principals],
    accounts: events.size ? [...new Set([...events.values()].map((e) => e.account))] : [...record.accounts],
    eventsCovered: events.size,
  };
}
