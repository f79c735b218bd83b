/** Agreement with Panther's own rule tests: each mapped Panther positive fires one of our rules, each negative none. */
import { describe, expect, it } from '@jest/globals';
import { Engine } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/detect/index.js';
import { DELIBERATE_DIFFERENCES, PANTHER_MAP } from '../../src/detect/panther-map.js';
import { loadDataset } from './helpers.js';

interface PantherLabel {
  source_rule: string;
  expected_result: boolean;
  test_name: string;
  has_mocks: boolean;
}

const rules = builtinRules();
/** Each record alone, through a fresh engine (Panther's tests are per record). */
const fire = (e: Parameters<Engine['observe']>[0]): readonly string[] =>
  new Engine(rules, {
    params: { allowedRegions: [] },
    allowlist: [],
    suppressions: [],
    window: { startMs: 0, endMs: 1 },
  }).observe(e);

describe('Panther agreement', () => {
  const byPanther = new Map<string, string[]>();
  for (const [ours, theirs] of Object.entries(PANTHER_MAP))
    for (const p of theirs) byPanther.set(p, [...(byPanther.get(p) ?? []), ours]);
  const records = loadDataset<PantherLabel>('panther_cloudtrail_tests').filter((r) =>
    byPanther.has(r.label.source_rule),
  );

  const outcomes = records.map(({ event, label, index }) => {
    const ours = byPanther.get(label.source_rule) ?? [];
    const fired = fire(event).filter((id) => ours.includes(id));
    return {
      key: `${label.source_rule}: ${label.test_name}`,
      index,
      label,
      fired,
      agrees: fired.length > 0 === label.expected_result,
    };
  });

  it('maps only rule ids and Panther rules that exist', () => {
    const ids = new Set(rules.map((r) => r.id));
    for (const id of Object.keys(PANTHER_MAP)) expect(ids).toContain(id);
    const pantherRules = new Set(
      loadDataset<PantherLabel>('panther_cloudtrail_tests').map((r) => r.label.source_rule),
    );
    for (const p of byPanther.keys()) expect(pantherRules).toContain(p);
  });

  it('agrees on every record except the documented deliberate differences', () => {
    const unexplained = outcomes
      .filter((o) => !o.agrees && DELIBERATE_DIFFERENCES[o.key] === undefined)
      .map(
        (o) => `#${o.index} ${o.key} (Panther ${o.label.expected_result}, ours fired [${o.fired.join(',')}])`,
      );
    expect(unexplained).toEqual([]);
  });

  it('lists no deliberate difference that has become an agreement', () => {
    const disagreeing = new Set(outcomes.filter((o) => !o.agrees).map((o) => o.key));
    expect(Object.keys(DELIBERATE_DIFFERENCES).filter((k) => !disagreeing.has(k))).toEqual([]);
  });

  it('agrees on at least 90% of the mapped Panther test records', () => {
    const agree = outcomes.filter((o) => o.agrees).length;
    const pos = outcomes.filter((o) => o.label.expected_result);
    const neg = outcomes.filter((o) => !o.label.expected_result);
    const rate = agree / outcomes.length;
    console.log(
      `Panther agreement: ${agree}/${outcomes.length} records (${(rate * 100).toFixed(1)}%) over ${byPanther.size} Panther rules mapped to ${Object.keys(PANTHER_MAP).length} of ours; ` +
        `positives ${pos.filter((o) => o.agrees).length}/${pos.length}, negatives ${neg.filter((o) => o.agrees).length}/${neg.length}; ` +
        `${outcomes.length - agree} deliberate differences`,
    );
    expect(outcomes.length).toBeGreaterThan(200);
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });
});
