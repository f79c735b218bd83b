import { describe, expect, it } from '@jest/globals';
import type { DigestBuilder } from '../../src/analyze/digest.js';
import { buildPrompt, promptOverheadTokens } from '../../src/analyze/prompt.js';
import { estimateTokens } from '../../src/analyze/tokens.js';
import { loadDatasets, seedRecords } from '../../bench/tokens-data.js';
import type { TrailEvent } from '../../src/types.js';
import { collect, datasetEvents, makeConfig, makeStats, syntheticEvents } from './helpers.js';

const BUDGET = 6000;
const dataBudget = BUDGET - promptOverheadTokens(BUDGET);
const window = { start: new Date('2026-11-22T00:00:00Z'), end: new Date('2026-11-23T00:00:00Z') };

function digest(events: readonly TrailEvent[], limits?: Parameters<typeof collect>[2]) {
  const c = collect(events, makeConfig(), limits);
  return { ...c, set: (c.collector as DigestBuilder).finish(dataBudget) };
}

/** The digest line that lists an event verbatim, if any. */
function lineOf(set: ReturnType<typeof digest>['set'], id: string): string | undefined {
  for (const r of set.records) {
    const line = r.text.split('\n').find((l) => l.startsWith(`id=${id} `));
    if (line) return line;
  }
  return undefined;
}

describe('digests of real and synthetic CloudTrail volume', () => {
  const real = datasetEvents();
  const synthetic = syntheticEvents(20_000);

  it.each([
    ['datasets', real],
    ['20k synthetic', synthetic],
  ])(
    '%s: every rule-flagged event is listed verbatim with its id, call and rule, and every event is accounted for',
    (_n, events) => {
      const { set, flagged } = digest(events);
      expect(flagged.length).toBeGreaterThan(50);
      for (const e of flagged) {
        const line = lineOf(set, e.id);
        expect(line).toContain(`${e.service}:${e.name}`);
        expect(line).toMatch(/ rule=/);
        expect(set.records.some((r) => r.events.get(e.id)?.name === e.name)).toBe(true);
      }
      expect(set.stats.eventsCovered).toBe(events.length);
      const verbatim = set.records.reduce((n, r) => n + r.events.size, 0);
      // Placeholder ids are made unique by the fixture loader, so lines and events correspond one to one.
      expect(verbatim + set.stats.eventsFolded + set.stats.eventsOmitted).toBe(events.length);
      expect(set.records.reduce((n, r) => n + r.eventsCovered, 0)).toBe(events.length);
      for (const r of set.records) expect(r.tokens).toBeLessThanOrEqual(dataBudget);
    },
  );

  it('uses at most a tenth of the seed layout tokens per event on 20k synthetic events, and stays under it on the datasets', () => {
    const base = loadDatasets().flatMap((d) => d.raw);
    for (const [events, raw] of [
      [synthetic, synthetic.map((e) => e.raw)],
      [real, base],
    ] as const) {
      const { set, ruleFindings } = digest(events);
      const ours = set.records
        .map((r) => buildPrompt(r, { ruleFindings, stats: makeStats(events.length), window }, BUDGET).tokens)
        .reduce((a, b) => a + b, 0);
      const seed = seedRecords(raw, 'lookup').reduce((n, t) => n + estimateTokens(t), 0);
      expect(ours / seed).toBeLessThanOrEqual(0.1);
    }
  });

  it('folds a repetitive call into one line with count, first/last time and distinct values', () => {
    const shape = real.find((e) => e.name === 'DescribeInstances' && !e.errorCode) as TrailEvent;
    const events = Array.from({ length: 1000 }, (_, i) => ({
      ...shape,
      id: `evt-${i}`,
      timeMs: Date.parse('2026-11-22T01:00:00Z') + i * 1000,
      time: new Date(Date.parse('2026-11-22T01:00:00Z') + i * 1000).toISOString(),
      sourceIp: i % 100 === 0 ? '203.0.113.9' : '198.51.100.1',
      readOnly: true,
    }));
    const { set } = digest(events);
    expect(set.records).toHaveLength(1);
    const text = set.records[0]?.text ?? '';
    expect(text).toMatch(/ec2:DescribeInstances x1000 01:00:00\.\.01:16:39 ip=203\.0\.113\.9/);
    expect(text).toMatch(/ip=198\.51\.100\.1\(\+1\)/);
    expect(set.stats.eventsFolded).toBe(1000);
    expect(text.split('\n').length).toBeLessThan(4);
  });

  it('caps notable lines per principal and counts what it left out (nothing silently dropped)', () => {
    const writes = real.filter((e) => e.readOnly === false);
    const one = writes.map((e, i) => ({
      ...e,
      id: `w-${i}`,
      principal: { type: 'IAMUser', key: 'arn:aws:iam::111122223333:user/bulk' },
      account: '111122223333',
    }));
    const { set, collector } = (() => {
      const c = collect(one, makeConfig(), { maxNotablePerPrincipal: 10, maxNotablePerCall: 50 });
      return { collector: c.collector, set: (c.collector as DigestBuilder).finish(dataBudget) };
    })();
    void collector;
    const unflaggedListed = set.records
      .flatMap((r) => [...r.events.values()])
      .filter((e) => e.ruleIds.length === 0 && e.reason !== 'rare');
    expect(unflaggedListed.length).toBe(10);
    expect(set.stats.eventsOmitted).toBeGreaterThan(0);
    expect(set.warnings.join(' ')).toMatch(/not listed individually/);
    expect(set.records.map((r) => r.text).join('\n')).toMatch(
      /more notable events counted above, not listed/,
    );
  });

  it('caps lines and calls over all principals too, so memory is bounded whatever the volume, and counts the rest', () => {
    const { set, flagged } = digest(synthetic, {
      maxFlaggedTotal: 40,
      maxNotableTotal: 30,
      maxCallsTotal: 25,
    });
    const listed = set.records.flatMap((r) => [...r.events.values()]);
    expect(listed.filter((e) => e.reason === 'rule')).toHaveLength(40);
    expect(listed.filter((e) => e.reason === 'error' || e.reason === 'write')).toHaveLength(30);
    expect(flagged.length).toBeGreaterThan(40);
    // Every event is still accounted for: listed, folded into a call's line (or "other calls"), or counted as omitted.
    expect(set.stats.eventsCovered).toBe(synthetic.length);
    expect(listed.length + set.stats.eventsFolded + set.stats.eventsOmitted).toBe(synthetic.length);
    expect(set.warnings.join(' ')).toMatch(/30 notable and 40 rule-flagged lines in all/);
    // Call lines (`service:Name xN …`), one per call tracked: no more than the cap, the rest in "other calls".
    const lines = set.records.flatMap((r) => r.text.split('\n'));
    const callLines = lines.filter((l) => /^[a-z0-9-]+:\w+ x\d+ /.test(l));
    expect(callLines.length).toBeGreaterThan(0);
    expect(callLines.length).toBeLessThanOrEqual(25);
    expect(lines.some((l) => l.startsWith('"(other calls)" x'))).toBe(true);
  });

  it('splits a principal too large for one record, repeating its header', () => {
    const { set } = digest(synthetic.slice(0, 5000), {});
    const small = (collect(synthetic.slice(0, 5000)).collector as DigestBuilder).finish(600);
    expect(small.records.length).toBeGreaterThan(set.records.length);
    expect(small.records.some((r) => r.text.includes('(continued)'))).toBe(true);
    for (const r of small.records) expect(r.tokens).toBeLessThanOrEqual(600 + 120);
  });

  it('is deterministic: the same events give the same records (so a re-run finds the same batch job)', () => {
    const a = digest(synthetic.slice(0, 3000)).set.records.map((r) => r.text);
    const b = digest(synthetic.slice(0, 3000)).set.records.map((r) => r.text);
    expect(a).toEqual(b);
  });

  it('does not depend on the order events arrive in (sources read files concurrently)', () => {
    // Real records (several identity types per key, many IPs and user agents, error storms) in three orders.
    const events = [...real, ...synthetic.slice(0, 3000)];
    const texts = (order: readonly TrailEvent[]) => digest(order).set.records.map((r) => r.text);
    const expected = texts(events);
    // A fixed, seeded shuffle and the reverse order.
    let seed = 20261123;
    const rand = (): number =>
      ((seed = Math.imul(seed ^ (seed >>> 15), 2246822507) >>> 0) % 1_000_003) / 1_000_003;
    const shuffled = events
      .map((e) => [rand(), e] as const)
      .sort((x, y) => x[0] - y[0])
      .map(([, e]) => e);
    expect(texts(shuffled)).toEqual(expected);
    expect(texts([...events].reverse())).toEqual(expected);
  });
});

describe('events flagged after they passed (threshold bursts, correlate rules)', () => {
  // One principal reading a real secret 30 times (copies of a real GetSecretValue record): repetitive reads fold
  // into a count line, as they do before a burst forms.
  const secret = datasetEvents().find(
    (e) => e.name === 'GetSecretValue' && e.errorCode === undefined,
  ) as TrailEvent;
  const reads = Array.from({ length: 30 }, (_, i) => ({
    ...secret,
    id: `read-${i}`,
    timeMs: secret.timeMs + i * 1000,
    time: new Date(secret.timeMs + i * 1000).toISOString(),
  }));
  const later = (e: TrailEvent, ruleId: string) => ({
    id: e.id,
    time: e.time,
    timeMs: e.timeMs,
    service: e.service,
    name: e.name,
    region: e.region,
    account: e.account,
    principal: e.principal.key,
    ruleId,
    details: { secretId: 'prod/db' },
  });

  it('lists a folded event as its own rule line, adds a rule to a line already flagged, and counts what a cap keeps out', () => {
    const { collector } = collect([], makeConfig());
    const b = collector as DigestBuilder;
    reads.forEach((e, i) => b.observe(e, i === 29 ? ['TS-SEC-001'] : []));
    for (const e of reads.slice(20)) b.flagLater(later(e, 'TS-SEC-001'));
    b.flagLater(later(reads[29] as TrailEvent, 'TS-OTHER-001'));
    const set = b.finish(dataBudget);
    const text = set.records.map((r) => r.text).join('\n');
    for (const e of reads.slice(20)) expect(text).toMatch(new RegExp(`^id=${e.id} .* rule=TS-SEC-001`, 'm'));
    expect(text).toMatch(/^id=read-29 .* rule=TS-SEC-001,TS-OTHER-001/m);
    expect(text).toMatch(/secretId=prod\/db/);
    // Only the ten flagged reads are lines; the other 20 stay in the call's count.
    expect(text.split('\n').filter((l) => /^id=read-/.test(l))).toHaveLength(10);
    expect(text).toMatch(/GetSecretValue x30/);
    expect(set.flaggedObserved).toBe(10);

    const capped = collect([], makeConfig(), { maxFlaggedTotal: 3 }).collector as DigestBuilder;
    reads.forEach((e) => capped.observe(e, []));
    for (const e of reads.slice(20)) capped.flagLater(later(e, 'TS-SEC-001'));
    const cs = capped.finish(dataBudget);
    expect(
      cs.records
        .map((r) => r.text)
        .join('\n')
        .split('\n')
        .filter((l) => /^id=read-/.test(l)),
    ).toHaveLength(3);
    expect(cs.stats.eventsOmitted).toBe(7);
    expect(cs.warnings.join(' ')).toMatch(/7 notable event\(s\)/);
  });

  it('turns a notable line (a write or an error) into the rule line rather than listing the event twice', () => {
    const write = datasetEvents().find(
      (e) => e.name === 'StopLogging' && e.errorCode === undefined,
    ) as TrailEvent;
    const b = collect([], makeConfig()).collector as DigestBuilder;
    b.observe(write, []);
    b.flagLater(later(write, 'TS-LATE-001'));
    const text = b
      .finish(dataBudget)
      .records.map((r) => r.text)
      .join('\n');
    expect(text.split('\n').filter((l) => l.startsWith(`id=${write.id} `))).toEqual([
      expect.stringMatching(/ rule=TS-LATE-001/),
    ]);
  });
});
