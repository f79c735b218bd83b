import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DigestBuilder, DigestRecord } from '../../src/analyze/digest.js';
import {
  clampSeverity,
  dedupeAiFindings,
  extractJson,
  parseAnswer,
  readAnswer,
  verifyFindings,
} from '../../src/analyze/parse.js';
import { SEVERITIES } from '../../src/types.js';
import { collect, datasetEvents } from './helpers.js';

function record(): DigestRecord {
  const events = datasetEvents().filter((e) => e.name === 'CreateUser' || e.name === 'StopLogging');
  const r = (collect(events).collector as DigestBuilder).finish(50_000).records[0];
  if (!r) throw new Error('no record');
  return r;
}

const finding = (ids: string[], extra: Record<string, unknown> = {}) => ({
  title: 'Audit logging stopped',
  severity: 'high',
  technique: 'T1562.008',
  evidence_event_ids: ids,
  description: 'Trail stopped.',
  remediation: 'Start it again.',
  confidence: 0.9,
  ...extra,
});

describe('reading model answers', () => {
  it('extracts JSON from a fence, from chatty text, or bare', () => {
    expect(extractJson('Sure!\n```json\n{"findings":[]}\n```\nAnything else?')).toEqual({ findings: [] });
    expect(extractJson('Here you go: {"findings": [{"a": "}"}]} — done')).toEqual({ findings: [{ a: '}' }] });
    expect(extractJson('[1,2]')).toEqual([1, 2]);
    expect(extractJson('no json here')).toBeUndefined();
    expect(extractJson('{"findings":[{"title":"Root account used","severity":"hi')).toBeUndefined();
  });

  it('counts an answer without findings JSON as invalid, and bad findings one by one', () => {
    expect(parseAnswer('I found suspicious calls but cannot share them.').ok).toBe(false);
    const p = parseAnswer(JSON.stringify({ findings: [finding(['x']), { title: '' }, 'nonsense'] }));
    expect(p).toMatchObject({ ok: true, invalidFindings: 2 });
    expect(p.findings).toHaveLength(1);
  });

  it('clamps inherited property names to medium, not to what Object.prototype holds', () => {
    for (const v of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', ' __PROTO__ '])
      expect(clampSeverity(v)).toBe('medium');
  });

  it('clamps any severity into the enum', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(null)), (v) =>
        SEVERITIES.includes(clampSeverity(v)),
      ),
    );
    expect(clampSeverity('CRITICAL')).toBe('critical');
    expect(clampSeverity('Severe')).toBe('high');
    expect(clampSeverity('informational')).toBe('info');
    expect(clampSeverity('whatever')).toBe('medium');
  });

  it('keeps a finding only when every id it cites was in its record, and counts the rest', () => {
    const r = record();
    const [a, b] = [...r.events.keys()];
    const answer = JSON.stringify({
      findings: [
        finding([a as string]),
        finding([a as string, '0b7b1f1e-0000-4000-a000-000000000000']),
        finding(['invented']),
      ],
    });
    const out = readAnswer(r, answer);
    expect(out.ok).toBe(true);
    expect(out.unverified).toBe(2);
    expect(out.findings).toHaveLength(1);
    const f = out.findings[0];
    expect(f).toMatchObject({
      origin: 'ai',
      severity: 'high',
      technique: 'T1562.008',
      evidence: { eventIds: [a] },
    });
    expect(f?.principal).toBe(r.events.get(a as string)?.principal);
    // Stable id: same title (any case/punctuation), principal and account give the same fingerprint.
    const again = verifyFindings(r, [
      {
        ...parseAnswer(
          JSON.stringify({ findings: [finding([b as string], { title: 'AUDIT logging  stopped!' })] }),
        ).findings[0]!,
      },
    ]);
    if (r.events.get(b as string)?.principal === f?.principal) expect(again.findings[0]?.id).toBe(f?.id);
  });

  it('joins duplicate AI findings from several records, keeping the highest severity', () => {
    const r = record();
    const ids = [...r.events.keys()];
    const one = verifyFindings(
      r,
      parseAnswer(JSON.stringify({ findings: [finding([ids[0] as string], { severity: 'low' })] })).findings,
    ).findings;
    const two = verifyFindings(
      r,
      parseAnswer(JSON.stringify({ findings: [finding([ids[0] as string])] })).findings,
    ).findings;
    const d = dedupeAiFindings([...one, ...two]);
    expect(d).toHaveLength(1);
    expect(d[0]?.severity).toBe('high');
  });
});
