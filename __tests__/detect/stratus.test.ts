/** Every Stratus Red Team detonation in the datasets is detected by at least one built-in rule. */
import { describe, expect, it } from '@jest/globals';
import { createDetector } from '../../src/detect/index.js';
import type { TrailEvent } from '../../src/types.js';
import { fixedClock, loadDataset, silentLogger, testConfig } from './helpers.js';

/**
 * Techniques that leave no management-event trace a rule can key on (none in the current datasets: every recorded
 * detonation has a management event we detect). Kept as the place to say why, should a new one be added.
 */
export const UNDETECTABLE: Readonly<Record<string, string>> = {};

describe('Stratus Red Team detonations', () => {
  const records = loadDataset<{ stratus_technique: string }>('stratus_red_team_detonations');
  const byTechnique = new Map<string, TrailEvent[]>();
  for (const r of records)
    byTechnique.set(r.label.stratus_technique, [
      ...(byTechnique.get(r.label.stratus_technique) ?? []),
      r.event,
    ]);

  it.each([...byTechnique.keys()].sort())('%s is detected', async (technique) => {
    if (UNDETECTABLE[technique]) return;
    const events = (byTechnique.get(technique) ?? []).sort((a, b) => a.timeMs - b.timeMs);
    const times = events.map((e) => e.timeMs);
    // The window is the detonation itself, as a scheduled run around it would see it.
    const config = testConfig(
      {},
      {
        start: new Date(Math.min(...times) - 60_000).toISOString(),
        end: new Date(Math.max(...times) + 60_000).toISOString(),
      },
    );
    const d = await createDetector(config, { logger: silentLogger, clock: fixedClock() });
    for (const e of events) d.observe(e);
    const res = d.finish();
    const findings = res.findings.filter((f) => f.severity !== 'info');
    expect(findings.map((f) => f.ruleId)).not.toEqual([]);
    // Every finding cites events of this detonation.
    const ids = new Set(events.map((e) => e.id));
    for (const f of findings) for (const id of f.evidence.eventIds) expect(ids.has(id)).toBe(true);
  });

  it('covers every technique in the dataset', () => {
    const detectable = [...byTechnique.keys()].filter((t) => !UNDETECTABLE[t]);
    console.log(`Stratus: ${detectable.length}/${byTechnique.size} techniques expected to be detected`);
    expect(byTechnique.size).toBeGreaterThanOrEqual(30);
  });
});
