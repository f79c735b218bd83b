/** The correlate stage: grouping by actor and time, the escalation table row by row, stable ids, scale. */
import { describe, expect, it } from '@jest/globals';
import {
  correlate,
  ESCALATIONS,
  escalate,
  isTyingAgent,
  isTyingIp,
  MAX_PRINCIPALS_PER_WEAK_KEY,
  maxTacticsWithin,
  shortName,
  spanWords,
  TECHNIQUE_TACTIC,
  tacticOf,
} from '../../src/correlate/index.js';
import { BUILTIN_RULES } from '../../src/detect/rules/index.js';
import { TACTICS, type Finding, type FindingActors, type Incident, type Severity } from '../../src/types.js';

const ACCOUNT = '123456789012';
const T0 = Date.parse('2026-11-23T10:00:00Z');
const at = (min: number): string => new Date(T0 + min * 60_000).toISOString();
const role = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** A finding by `principal` from minute `from` to `to`, with the actor values given. */
function finding(
  n: number,
  principal: string,
  from: number,
  over: Partial<Finding> & { to?: number; actors?: FindingActors } = {},
): Finding {
  const { to = from, actors = {}, ...rest } = over;
  return {
    id: `ts-${n.toString(16).padStart(16, '0')}`,
    origin: 'rule',
    ruleId: `TEST-${n}`,
    title: `Finding ${n}`,
    severity: 'medium',
    technique: 'T1562.008',
    principal,
    accounts: [ACCOUNT],
    regions: ['us-east-1'],
    firstSeen: at(from),
    lastSeen: at(to),
    count: 1,
    evidence: { eventIds: [`event-${n}`] },
    description: '',
    remediation: '',
    actors: { principals: [principal], ...actors },
    ...rest,
  };
}

const gap = { gapMinutes: 60 };
/** The incidents as sorted lists of finding ids, for comparing groupings. */
const groups = (incidents: readonly Incident[]): string[][] =>
  incidents.map((i) => [...i.findingIds].sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
const ids = (...fs: Finding[]): string[] => fs.map((f) => f.id).sort();

function expectEachOnce(findings: readonly Finding[], incidents: readonly Incident[]): void {
  const all = incidents.flatMap((i) => i.findingIds);
  expect(all.sort()).toEqual(findings.map((f) => f.id).sort());
}

describe('grouping by actor', () => {
  it('ties one principal’s findings within the gap, and nothing else', () => {
    const a1 = finding(1, role('deploy-bot'), 0);
    const a2 = finding(2, role('deploy-bot'), 30);
    const b = finding(3, role('other'), 10);
    const inc = correlate([a1, a2, b], gap);
    expect(groups(inc)).toEqual([ids(a1, a2), ids(b)]);
    expectEachOnce([a1, a2, b], inc);
  });

  it('ties two principals through a shared role session or access key', () => {
    // An AI finding names the session's principal differently, but its events were signed with the same key.
    const a = finding(1, role('deploy-bot'), 0, { actors: { accessKeyIds: ['ASIAEXAMPLEKEY1'] } });
    const b = finding(2, 'deploy-bot', 5, { origin: 'ai', actors: { accessKeyIds: ['ASIAEXAMPLEKEY1'] } });
    const s1 = finding(3, role('x'), 0, {
      actors: { sessions: [`arn:aws:sts::${ACCOUNT}:assumed-role/x/alice`] },
    });
    const s2 = finding(4, 'x-as-seen-by-model', 20, {
      actors: { sessions: [`arn:aws:sts::${ACCOUNT}:assumed-role/x/alice`] },
    });
    expect(groups(correlate([a, b, s1, s2], gap))).toEqual([ids(a, b), ids(s1, s2)]);
  });

  it('ties different principals through a shared public source IP', () => {
    // The Panther compromised-root scenario: root and a new IAM user, both from the attacker's address.
    const root = finding(1, `root@${ACCOUNT}`, 0, { actors: { sourceIps: ['71.253.251.71'] } });
    const user = finding(2, `arn:aws:iam::${ACCOUNT}:user/tracy_stone`, 12, {
      actors: { sourceIps: ['71.253.251.71'] },
    });
    const inc = correlate([root, user], gap);
    expect(groups(inc)).toEqual([ids(root, user)]);
    expect(inc[0]?.principals).toEqual([`root@${ACCOUNT}`, `arn:aws:iam::${ACCOUNT}:user/tracy_stone`]);
    expect(inc[0]?.sourceIps).toEqual(['71.253.251.71']);
  });

  it('does not glue actors through an AWS service name, a private address or a stock client', () => {
    const fs = [
      finding(1, role('a'), 0, { actors: { sourceIps: ['cloudtrail.amazonaws.com'] } }),
      finding(2, role('b'), 1, { actors: { sourceIps: ['cloudtrail.amazonaws.com'] } }),
      finding(3, role('c'), 2, { actors: { sourceIps: ['10.0.4.17'] } }),
      finding(4, role('d'), 3, { actors: { sourceIps: ['10.0.4.17'] } }),
      finding(5, role('e'), 4, { actors: { sourceIps: ['AWS Internal'], userAgents: ['AWS Internal'] } }),
      finding(6, role('f'), 5, { actors: { sourceIps: ['AWS Internal'], userAgents: ['AWS Internal'] } }),
      finding(7, role('g'), 6, { actors: { userAgents: ['aws-cli/2.15.0 Python/3.11.6 Linux/6.5'] } }),
      finding(8, role('h'), 7, { actors: { userAgents: ['aws-cli/2.15.0 Python/3.11.6 Linux/6.5'] } }),
      finding(9, role('i'), 8, { actors: { userAgents: ['Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0'] } }),
      finding(10, role('j'), 9, { actors: { userAgents: ['Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0'] } }),
      finding(11, role('k'), 9, { actors: { sourceIps: ['fd00:ec2::254'] } }),
      finding(12, role('l'), 9, { actors: { sourceIps: ['fd00:ec2::254'] } }),
    ];
    expect(correlate(fs, gap)).toHaveLength(fs.length);
  });

  it('ties through an unusual user agent (a tool’s own)', () => {
    const ua = 'stratus-red-team_fd969928-3c0d-4feb-bd56-0e8ba8dd5bd6';
    const a = finding(1, `arn:aws:iam::${ACCOUNT}:user/christophe`, 0, { actors: { userAgents: [ua] } });
    const b = finding(2, role('stratus-red-team-leave-org-role'), 3, { actors: { userAgents: [ua] } });
    expect(groups(correlate([a, b], gap))).toEqual([ids(a, b)]);
  });

  it('treats an IP shared by many principals as infrastructure (NAT, VPN), not one actor', () => {
    const many = Array.from({ length: MAX_PRINCIPALS_PER_WEAK_KEY + 1 }, (_, i) =>
      finding(i + 1, role(`dev-${i}`), i, { actors: { sourceIps: ['203.0.113.9'] } }),
    );
    expect(correlate(many, gap)).toHaveLength(many.length);
    const few = many.slice(0, MAX_PRINCIPALS_PER_WEAK_KEY);
    expect(correlate(few, gap)).toHaveLength(1);
  });

  it('falls back to the evidence samples’ IPs for findings that carry no actors (older reports)', () => {
    const sample = (ip: string) => ({
      eventId: 'e',
      time: at(0),
      eventName: 'X',
      region: 'us-east-1',
      account: ACCOUNT,
      sourceIp: ip,
    });
    const a = {
      ...finding(1, role('a'), 0),
      evidence: { eventIds: ['e1'], samples: [sample('198.51.100.7')] },
    };
    const b = {
      ...finding(2, role('b'), 5),
      evidence: { eventIds: ['e2'], samples: [sample('198.51.100.7')] },
    };
    delete a.actors;
    delete b.actors;
    expect(correlate([a, b], gap)).toHaveLength(1);
  });

  it('a rule’s overflow finding (no actors of its own) glues nobody together', () => {
    const a = finding(1, role('a'), 0);
    const b = finding(2, role('b'), 1);
    const overflow = {
      ...finding(3, `${role('a')} and 99 more`, 0, {
        title: 'CloudTrail logging stopped (further occurrences)',
      }),
      actors: {},
      evidence: { eventIds: ['x'], samples: [] },
    };
    const inc = correlate([a, b, overflow], gap);
    expect(groups(inc)).toEqual([ids(a), ids(b), ids(overflow)]);
    expect(inc.find((i) => i.findingIds[0] === overflow.id)?.title).toBe(
      'a and 99 more: CloudTrail logging stopped (further occurrences)',
    );
  });

  it('recognises public addresses, including anonymised ones with leading zeros', () => {
    for (const ip of ['71.253.251.71', '08.1.250.216', '2001:db8::1', '255.18.064.253'])
      expect(isTyingIp(ip)).toBe(true);
    for (const ip of ['10.1.2.3', '172.20.0.1', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1'])
      expect(isTyingIp(ip)).toBe(false);
    for (const ip of ['cloudtrail.amazonaws.com', 'AWS Internal', '::1', 'fe80::1', '300.1.1.1', ''])
      expect(isTyingIp(ip)).toBe(false);
    expect(isTyingAgent('console.amazonaws.com')).toBe(false);
    expect(isTyingAgent('Mozilla/5.0 (X11; Linux x86_64)')).toBe(false);
    expect(isTyingAgent('aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5')).toBe(false);
    expect(isTyingAgent('Pacu/1.5.3')).toBe(true);
  });
});

describe('grouping by time', () => {
  it('splits one principal’s findings further apart than the gap', () => {
    const a = finding(1, role('deploy-bot'), 0);
    const b = finding(2, role('deploy-bot'), 61);
    expect(groups(correlate([a, b], gap))).toEqual([ids(a), ids(b)]);
    expect(correlate([a, b], { gapMinutes: 61 })).toHaveLength(1);
  });

  it('measures the gap from the end of a long finding, and chains findings each within the gap', () => {
    const long = finding(1, role('deploy-bot'), 0, { to: 180 });
    const after = finding(2, role('deploy-bot'), 230);
    const chained = [0, 50, 100, 150].map((m, i) => finding(10 + i, role('chain'), m));
    expect(groups(correlate([long, after, ...chained], gap))).toEqual([ids(long, after), ids(...chained)]);
  });

  it('applies the gap to a shared IP too', () => {
    const a = finding(1, role('a'), 0, { actors: { sourceIps: ['198.51.100.7'] } });
    const b = finding(2, role('b'), 120, { actors: { sourceIps: ['198.51.100.7'] } });
    expect(correlate([a, b], gap)).toHaveLength(2);
  });
});

describe('the incident', () => {
  it('names the story, orders tactics by kill chain and spans its findings', () => {
    const p = role('ci/deploy-bot');
    const fs = [
      finding(1, p, 3, { technique: 'T1537', severity: 'high', actors: { sourceIps: ['198.51.100.7'] } }),
      finding(2, p, 0, { technique: 'T1562.008', severity: 'medium' }),
      finding(3, p, 1, { technique: 'T1098.003', severity: 'high', regions: ['eu-west-1'] }),
    ];
    const [inc] = correlate(fs, gap);
    expect(inc?.title).toBe('deploy-bot: privilege escalation, defence evasion and exfiltration in 3 min');
    expect(inc?.tactics).toEqual(['privilege-escalation', 'defense-evasion', 'exfiltration']);
    expect(inc?.start).toBe(at(0));
    expect(inc?.end).toBe(at(3));
    expect(inc?.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(inc?.accounts).toEqual([ACCOUNT]);
    expect(inc?.principals).toEqual([p]);
    expect(inc?.sourceIps).toEqual(['198.51.100.7']);
    // Most severe first, as the report lists findings.
    expect(inc?.findingIds[2]).toBe(fs[1]?.id);
  });

  it('keeps a lone finding’s own title', () => {
    const [inc] = correlate([finding(1, `root@${ACCOUNT}`, 0, { title: 'Root user activity' })], gap);
    expect(inc?.title).toBe('root: Root user activity');
  });

  it('lists incidents most severe first', () => {
    const inc = correlate(
      [finding(1, role('a'), 0, { severity: 'low' }), finding(2, role('b'), 0, { severity: 'critical' })],
      gap,
    );
    expect(inc.map((i) => i.severity)).toEqual(['critical', 'low']);
  });

  it('says spans and names in words', () => {
    expect(spanWords(20_000)).toBe('in under a minute');
    expect(spanWords(3 * 60_000)).toBe('in 3 min');
    expect(spanWords(125 * 60_000)).toBe('in 2 h 5 min');
    expect(spanWords(4 * 86_400_000)).toBe('over 4 days');
    expect(shortName('arn:aws:iam::123456789012:user/ops/alice')).toBe('alice');
    expect(shortName('root@123456789012')).toBe('root');
    expect(shortName('arn:aws:iam::123456789012:root')).toBe('root');
  });
});

describe('escalation table (docs/incidents.md), one test per row', () => {
  const sev = (fs: Finding[]) => escalate(fs, 60);
  const p = role('deploy-bot');
  const by = (technique: string, min: number, severity: Severity = 'medium', n = min + 100) =>
    finding(n, p, min, { technique, severity });

  it('has the rows the docs list', () => {
    expect(ESCALATIONS.map((r) => r.id)).toEqual([
      'three-tactics',
      'credential-access+defense-evasion',
      'credential-access+exfiltration',
      'privilege-escalation+defense-evasion',
      'privilege-escalation+exfiltration',
    ]);
  });

  it('row three-tactics: 3 tactics within the gap raise one level; the same spread wider does not', () => {
    // execution, persistence, discovery: no pair row applies, so only the tactic count can raise it.
    const close = [by('T1059', 0), by('T1136.003', 20), by('T1580', 50)];
    expect(sev(close)).toEqual({
      severity: 'high',
      escalatedFrom: 'medium',
      escalationReason: 'spans 3 or more ATT&CK tactics within 60 min',
    });
    // Chained within the gap pairwise (one incident), but no 60 min holds all three.
    const wide = [by('T1059', 0), by('T1136.003', 55), by('T1580', 110)];
    expect(correlate(wide, gap)).toHaveLength(1);
    expect(sev(wide)).toEqual({ severity: 'medium' });
  });

  it.each([
    ['credential-access+defense-evasion', 'T1555.006', 'T1562.008', 'credential access with defence evasion'],
    ['credential-access+exfiltration', 'T1552.005', 'T1537', 'credential access with exfiltration'],
    [
      'privilege-escalation+defense-evasion',
      'T1098.003',
      'T1562.001',
      'privilege escalation with defence evasion',
    ],
    ['privilege-escalation+exfiltration', 'T1484.002', 'T1537', 'privilege escalation with exfiltration'],
  ])('row %s raises one level', (_row, first, second, words) => {
    // Hours apart: the combination counts over the whole incident.
    const r = sev([by(first, 0, 'low'), by(second, 200, 'medium')]);
    expect(r).toEqual({ severity: 'high', escalatedFrom: 'medium', escalationReason: `combines ${words}` });
    // Either alone is not raised.
    expect(sev([by(first, 0, 'low')])).toEqual({ severity: 'low' });
    expect(sev([by(second, 0, 'medium')])).toEqual({ severity: 'medium' });
  });

  it('raises one level only, even when several rows hold, and never past critical', () => {
    const all = [by('T1555.006', 0, 'high'), by('T1562.008', 1), by('T1537', 2), by('T1098.003', 3)];
    expect(sev(all).severity).toBe('critical');
    expect(sev(all).escalatedFrom).toBe('high');
    expect(sev([...all, by('T1530', 4, 'critical')])).toEqual({ severity: 'critical' });
  });

  it('does not count informational findings as a stage', () => {
    expect(sev([by('T1555.006', 0, 'low'), by('T1562.008', 1, 'info')])).toEqual({ severity: 'low' });
  });

  it('the incident carries escalatedFrom and the reason', () => {
    const [inc] = correlate([by('T1555.006', 0, 'medium'), by('T1562.008', 2, 'high')], gap);
    expect(inc).toMatchObject({
      severity: 'critical',
      escalatedFrom: 'high',
      escalationReason: 'combines credential access with defence evasion',
    });
  });

  it('counts the most tactics any one stretch of the gap touches', () => {
    const s = (startMs: number, endMs: number, tactic: (typeof TACTICS)[number]) => ({
      startMs,
      endMs,
      tactic,
    });
    const H = 3_600_000;
    expect(maxTacticsWithin([s(0, 0, 'execution'), s(H, H, 'discovery'), s(2 * H, 2 * H, 'impact')], H)).toBe(
      2,
    );
    // A long finding overlaps both neighbours' stretches.
    expect(
      maxTacticsWithin([s(0, 3 * H, 'execution'), s(H, H, 'discovery'), s(2.5 * H, 2.5 * H, 'impact')], 0),
    ).toBe(2);
    expect(maxTacticsWithin([s(0, 3 * H, 'execution'), s(H, H, 'discovery'), s(H, H, 'impact')], 0)).toBe(3);
  });
});

describe('the tactic table', () => {
  it('maps every technique of the built-in rule pack', () => {
    for (const r of BUILTIN_RULES) {
      expect([r.id, tacticOf({ ruleId: r.id, technique: r.technique })]).toEqual([r.id, expect.any(String)]);
    }
  });

  it('maps only to ATT&CK tactics, falls back to the parent technique, and knows nothing of unknown ids', () => {
    for (const t of Object.values(TECHNIQUE_TACTIC)) expect(TACTICS).toContain(t);
    expect(tacticOf({ technique: 'T1562.999' })).toBe('defense-evasion');
    expect(tacticOf({ technique: ' t1537 ' })).toBe('exfiltration');
    expect(tacticOf({ technique: 'T9999' })).toBeUndefined();
    expect(tacticOf({})).toBeUndefined();
  });
});

describe('stable ids', () => {
  const story = (): Finding[] => [
    finding(1, role('deploy-bot'), 0, { technique: 'T1562.008', actors: { sourceIps: ['198.51.100.7'] } }),
    finding(2, role('deploy-bot'), 5, { technique: 'T1098.003' }),
    finding(3, role('helper'), 7, { actors: { sourceIps: ['198.51.100.7'] } }),
    finding(4, role('lone'), 400),
  ];

  it('the same findings in any order give the same incidents and ids', () => {
    const first = correlate(story(), gap);
    for (let seed = 1; seed <= 20; seed++) {
      const shuffled = shuffle(story(), seed);
      expect(correlate(shuffled, gap)).toEqual(first);
    }
  });

  it('an id is made of actors and the first finding, not of times', () => {
    const first = correlate(story(), gap);
    const later = story().map((f) => ({
      ...f,
      firstSeen: new Date(Date.parse(f.firstSeen) + 86_400_000).toISOString(),
      lastSeen: new Date(Date.parse(f.lastSeen) + 86_400_000).toISOString(),
    }));
    expect(correlate(later, gap).map((i) => i.id)).toEqual(first.map((i) => i.id));
  });

  it('a model finding joining an incident leaves its id alone', () => {
    const before = correlate(story(), gap);
    const ai = finding(9, role('deploy-bot'), -10, { origin: 'ai', severity: 'high' });
    delete ai.ruleId;
    const after = correlate([...story(), ai], gap);
    const grown = after.find((i) => i.findingIds.includes(ai.id));
    expect(grown?.findingIds).toHaveLength(4);
    expect(before.map((i) => i.id)).toContain(grown?.id);
  });
});

describe('scale', () => {
  it('groups 5,000 findings (one attacker among 1,000 busy roles) with every finding once', () => {
    const fs: Finding[] = [];
    for (let i = 0; i < 5000; i++) {
      const r = i % 1000;
      fs.push(
        finding(i + 1, role(`app-${r}`), Math.floor(i / 1000) * 90 + (r % 30), {
          technique: i % 2 ? 'T1530' : 'T1580',
          actors: { sourceIps: [`10.0.${r % 250}.${i % 250}`], userAgents: ['aws-sdk-go-v2/1.30.3'] },
        }),
      );
    }
    const attacker = [0, 2, 4].map((m, k) =>
      finding(9000 + k, role(`victim-${k}`), m, {
        technique: ['T1552.005', 'T1562.008', 'T1537'][k] as string,
        actors: { sourceIps: ['198.51.100.66'] },
      }),
    );
    const inc = correlate([...fs, ...attacker], gap);
    expectEachOnce([...fs, ...attacker], inc);
    // Each role's findings every 90 min are split by the 60 min gap: 5 incidents per role.
    expect(inc).toHaveLength(5000 + 1);
    expect(inc[0]?.findingIds.sort()).toEqual(ids(...attacker));
    expect(inc[0]?.severity).toBe('high');
  });
});

function shuffle<T>(xs: T[], seed: number): T[] {
  let s = seed;
  const rnd = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
