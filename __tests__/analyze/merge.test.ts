import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mergeFindings } from '../../src/analyze/merge.js';
import { SEVERITIES, type Finding } from '../../src/types.js';

const sev = fc.constantFrom(...SEVERITIES);
const ids = fc.array(fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5'), { minLength: 1, maxLength: 3 });
const principal = fc.constantFrom('arn:aws:iam::1:user/a', 'arn:aws:iam::1:user/b');

function f(
  origin: 'rule' | 'ai',
  id: string,
  severity: Finding['severity'],
  p: string,
  eventIds: string[],
): Finding {
  return {
    id,
    origin,
    ...(origin === 'rule' ? { ruleId: `r-${id}` } : {}),
    title: `${origin} ${id}`,
    severity,
    principal: p,
    accounts: ['1'],
    regions: ['us-east-1'],
    firstSeen: '2026-11-22T00:00:00Z',
    lastSeen: '2026-11-22T00:00:00Z',
    count: eventIds.length,
    evidence: { eventIds },
    description: 'd',
    remediation: 'r',
  };
}

describe('mergeFindings', () => {
  it('never removes, reorders or lowers a rule finding, whatever the AI findings say', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sev, principal, ids), { maxLength: 6 }),
        fc.array(fc.tuple(sev, principal, ids), { maxLength: 8 }),
        (rules, ais) => {
          const rf = rules.map(([s, p, e], i) => f('rule', `rule-${i}`, s, p, e));
          // AI findings may even reuse a rule finding's id: it must not take the rule's place.
          const af = ais.map(([s, p, e], i) => f('ai', i % 3 === 0 && rf[0] ? rf[0].id : `ai-${i}`, s, p, e));
          const out = mergeFindings(rf, af);
          rf.forEach((r, i) => {
            expect(out[i]).toMatchObject({
              id: r.id,
              origin: 'rule',
              severity: r.severity,
              title: r.title,
              evidence: r.evidence,
            });
          });
          expect(out.filter((x) => x.origin === 'rule')).toHaveLength(rf.length);
          expect(new Set(out.map((x) => x.id)).size).toBe(out.length);
        },
      ),
    );
  });

  it('turns an AI finding that repeats a rule finding (same principal, shared evidence) into a note on it', () => {
    const rule = f('rule', 'r1', 'high', 'arn:aws:iam::1:user/a', ['e1', 'e2']);
    const repeat = {
      ...f('ai', 'a1', 'info', 'arn:aws:iam::1:user/A', ['e2']),
      description: 'Routine, ignore.',
    };
    const other = f('ai', 'a2', 'medium', 'arn:aws:iam::1:user/b', ['e2']);
    const out = mergeFindings([rule], [repeat, other]);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ id: 'r1', severity: 'high' });
    expect(out[0]?.aiNotes?.[0]).toMatch(/Routine, ignore/);
    expect(out[1]?.id).toBe('a2');
    // Inputs are not mutated.
    expect(rule.aiNotes).toBeUndefined();
  });
});
