/**
 * Findings carry the actors correlate ties them by: the rule engine fills them as events fold in (directly and
 * through a threshold rule's held events), the AI path from the events the model cites. Real records: Stratus
 * Red Team detonations from __fixtures__/datasets.
 */
import { describe, expect, it } from '@jest/globals';
import { createDigestCollector } from '../../src/analyze/index.js';
import { DigestBuilder } from '../../src/analyze/digest.js';
import { verifyFindings } from '../../src/analyze/parse.js';
import { createDetector } from '../../src/detect/index.js';
import { MAX_ACTOR_VALUES, type TrailEvent } from '../../src/types.js';
import { fixedClock, loadDataset, silentLogger, testConfig } from '../detect/helpers.js';

const records = loadDataset<{ stratus_technique: string }>('stratus_red_team_detonations');
const detonation = (technique: string): TrailEvent[] =>
  records
    .filter((r) => r.label.stratus_technique === technique)
    .map((r) => r.event)
    .sort((a, b) => a.timeMs - b.timeMs);

function windowOf(events: readonly TrailEvent[]) {
  const times = events.map((e) => e.timeMs);
  return {
    start: new Date(Math.min(...times) - 60_000).toISOString(),
    end: new Date(Math.max(...times) + 60_000).toISOString(),
  };
}

async function detect(events: readonly TrailEvent[]) {
  const d = await createDetector(testConfig({}, windowOf(events)), {
    logger: silentLogger,
    clock: fixedClock(),
  });
  for (const e of events) d.observe(e);
  return d.finish().findings;
}

describe('rule findings carry their actors', () => {
  it('a role session, its key, IP and user agent (one event folded directly)', async () => {
    const events = detonation('aws.defense-evasion.organizations-leave');
    const f = (await detect(events)).find((x) => x.ruleId === 'TS-ORG-001');
    const e = events.find((x) => x.name === 'LeaveOrganization') as TrailEvent;
    expect(f?.actors).toEqual({
      principals: [e.principal.key],
      sessions: [e.principal.arn],
      accessKeyIds: [e.principal.accessKeyId],
      sourceIps: [e.sourceIp],
      userAgents: [e.userAgent],
    });
    expect(f?.actors?.sessions?.[0]).toMatch(/:assumed-role\/stratus-red-team-leave-org-role\//);
  });

  it('a threshold rule’s burst (held events) keeps them too', async () => {
    const events = detonation('aws.credential-access.secretsmanager-retrieve-secrets');
    const f = (await detect(events)).find((x) => x.ruleId === 'TS-SEC-001');
    expect(f).toBeDefined();
    const burst = events.filter((e) => f?.evidence.eventIds.includes(e.id));
    expect(f?.actors?.principals).toEqual([...new Set(burst.map((e) => e.principal.key))].sort());
    expect(f?.actors?.accessKeyIds).toEqual([...new Set(burst.map((e) => e.principal.accessKeyId))].sort());
    expect(f?.actors?.sourceIps).toEqual([...new Set(burst.map((e) => e.sourceIp))].sort());
    expect(f?.actors?.userAgents?.[0]).toMatch(/^stratus-red-team_/);
  });

  it('keeps at most MAX_ACTOR_VALUES of each', async () => {
    const base = detonation('aws.defense-evasion.cloudtrail-stop')[0] as TrailEvent;
    const many = Array.from({ length: 25 }, (_, i) => ({
      ...base,
      id: `${base.id}-${i}`,
      sourceIp: `198.51.100.${i}`,
      userAgent: `tool-${i}`,
    }));
    const f = (await detect(many)).find((x) => x.ruleId === 'TS-LOG-001');
    expect(f?.count).toBe(25);
    expect(f?.actors?.sourceIps).toHaveLength(MAX_ACTOR_VALUES);
    expect(f?.actors?.userAgents).toHaveLength(MAX_ACTOR_VALUES);
  });
});

describe('AI findings carry the actors of the events they cite', () => {
  it('from the digest record the model was shown', async () => {
    const events = detonation('aws.credential-access.ec2-get-password-data');
    const base = testConfig({}, windowOf(events));
    const collector = createDigestCollector({ ...base, analysis: { ...base.analysis, engine: 'direct' } });
    expect(collector).toBeInstanceOf(DigestBuilder);
    for (const e of events) collector.observe(e, []);
    const [record] = (collector as DigestBuilder).finish(50_000).records;
    expect(record).toBeDefined();
    const cited = [...(record?.events.values() ?? [])].filter((r) => r.session !== undefined).slice(0, 2);
    expect(cited.length).toBeGreaterThan(0);
    const { findings } = verifyFindings(record as NonNullable<typeof record>, [
      {
        title: 'Password data requested by a fresh role session',
        severity: 'medium',
        technique: 'T1552.005',
        evidence_event_ids: cited.map((r) => r.id),
        description: 'd',
        remediation: 'r',
        confidence: 0.8,
      },
    ]);
    const ev = events.find((e) => e.id === cited[0]?.id) as TrailEvent;
    expect(findings[0]?.actors).toMatchObject({
      principals: [ev.principal.key],
      sessions: [ev.principal.arn],
      accessKeyIds: [ev.principal.accessKeyId],
      sourceIps: [ev.sourceIp],
      userAgents: [ev.userAgent],
    });
  });
});
