import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDetector } from '../../src/detect/index.js';
import type { Finding } from '../../src/types.js';
import { fixedClock, silentLogger, testConfig } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ts-suppress-ai-'));

function aiFinding(id: string, principal: string, account = '123456789012'): Finding {
  return {
    id,
    origin: 'ai',
    title: 'Unusual bucket deletion',
    severity: 'high',
    principal,
    accounts: [account],
    regions: ['us-east-1'],
    firstSeen: '2026-05-01T10:00:00Z',
    lastSeen: '2026-05-01T10:00:00Z',
    count: 1,
    evidence: { eventIds: ['e1'] },
    description: 'd',
    remediation: 'r',
  };
}

async function detectorWith(yaml: string) {
  const p = join(dir, `s${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(p, yaml);
  return createDetector(testConfig({ suppressionsFiles: [p] }), {
    logger: silentLogger,
    clock: fixedClock(),
  });
}

describe('suppressions applied to model findings', () => {
  const ci = 'arn:aws:iam::123456789012:role/ci-deployer';
  const findings = [
    aiFinding('ts-aaaaaaaaaaaaaaaa', ci),
    aiFinding('ts-bbbbbbbbbbbbbbbb', 'arn:aws:iam::123456789012:user/alice'),
  ];

  it('a principal suppression hides the model findings of that principal, listed with its reason', async () => {
    const d = await detectorWith(
      `- principal: "arn:aws:iam::*:role/ci-*"\n  reason: CI deploys change IAM by design\n`,
    );
    const { kept, suppressed } = d.suppressAi(findings);
    expect(kept.map((f) => f.principal)).toEqual(['arn:aws:iam::123456789012:user/alice']);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]?.findingId).toBe('ts-aaaaaaaaaaaaaaaa');
    expect(suppressed[0]?.reason).toBe('CI deploys change IAM by design');
    expect(suppressed[0]?.suppression).toMatch(/\.yml:\d+/);
  });

  it('an account suppression applies; a rule-scoped or match-scoped one does not', async () => {
    const byAccount = await detectorWith(`- account: "123456789012"\n  reason: sandbox account\n`);
    expect(byAccount.suppressAi(findings).kept).toHaveLength(0);
    const byRule = await detectorWith(`- rule: TS-IAM-*\n  principal: "*ci-*"\n  reason: only that rule\n`);
    expect(byRule.suppressAi(findings).kept).toHaveLength(2);
    const forAi = await detectorWith(`- rule: ai\n  principal: "*ci-*"\n  reason: model findings for CI\n`);
    expect(forAi.suppressAi(findings).kept).toHaveLength(1);
    const byMatch = await detectorWith(
      `- principal: "*ci-*"\n  match: { field: name, equals: DeleteBucket }\n  reason: event-level only\n`,
    );
    expect(byMatch.suppressAi(findings).kept).toHaveLength(2);
  });

  it('an expired suppression hides nothing', async () => {
    const d = await detectorWith(`- principal: "*ci-*"\n  reason: old exception\n  expires: 2020-01-01\n`);
    expect(d.suppressAi(findings).kept).toHaveLength(2);
  });
});
