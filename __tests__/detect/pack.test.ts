/** The built-in pack as a whole: valid, unique, covering DETECTIONS.md; its docs current; the YAML examples load. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import * as prettier from 'prettier';
import { DETECTIONS_COVERAGE } from '../../src/detect/coverage.js';
import { builtinRules, createDetector } from '../../src/detect/index.js';
import { renderRulesDoc } from '../../src/detect/rules-doc.js';
import { ROOT, ev, fixedClock, silentLogger, testConfig } from './helpers.js';

const rules = builtinRules();

describe('built-in rule pack', () => {
  it('has unique ids, a reason for each severity, specific remediation', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.why.length).toBeGreaterThan(20);
      // Each remediation names a command or a console path.
      expect(r.remediation).toMatch(/`aws |console|Console/);
    }
  });

  it('covers all 39 detections of DETECTIONS.md with existing rules', () => {
    const ids = new Set(rules.map((r) => r.id));
    expect(Object.keys(DETECTIONS_COVERAGE).map(Number)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    for (const list of Object.values(DETECTIONS_COVERAGE)) for (const id of list) expect(ids).toContain(id);
  });

  it('docs/rules.md is generated from the pack (run npm run docs:rules when this fails)', async () => {
    const target = join(ROOT, 'docs', 'rules.md');
    const want = await prettier.format(renderRulesDoc(rules), {
      ...(await prettier.resolveConfig(target)),
      filepath: target,
    });
    expect(readFileSync(target, 'utf8')).toBe(want);
  });
});

describe('documented examples', () => {
  it('docs/examples/rules.yml and suppressions.yml load and work', async () => {
    const d = await createDetector(
      testConfig({
        rulesFiles: [join(ROOT, 'docs', 'examples', 'rules.yml')],
        suppressionsFiles: [join(ROOT, 'docs', 'examples', 'suppressions.yml')],
      }),
      { logger: silentLogger, clock: fixedClock('2026-06-01T00:00:00Z') },
    );
    const del = ev({
      eventName: 'DeleteObjects',
      eventSource: 's3.amazonaws.com',
      requestParameters: { bucketName: 'acme-audit-2026' },
    });
    expect(d.observe(del)).toContain('ACME-S3-001');
    const share = ev({
      eventName: 'ModifySnapshotAttribute',
      eventSource: 'ec2.amazonaws.com',
      requestParameters: {
        snapshotId: 'snap-1',
        createVolumePermission: { add: { items: [{ userId: '444455556666' }] } },
      },
    });
    expect(d.observe(share)).toEqual([]);
    const res = d.finish();
    expect(res.suppressed.map((s) => s.ruleId)).toEqual(['TS-SNAP-002']);
    expect(res.rulesLoaded).toBe(rules.length - 1 + 3); // TS-REG-002 is off without allowed regions
  });

  it('docs/rules-format.md shows every top-level rule and suppression field', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'rules-format.md'), 'utf8');
    for (const field of [
      'id',
      'title',
      'severity',
      'why',
      'technique',
      'description',
      'remediation',
      'kind',
      'match',
      'exclude',
      'dedupe',
      'dedupePrincipal',
      'details',
      'includeErrors',
      'includeAwsServices',
      'threshold',
      'firstSeen',
      'escalate',
      'grants',
      'correlate',
      'allowlist',
      'expires',
      'reason',
    ])
      expect(doc).toContain(`\`${field}\``);
  });

  it('the rules-doc script agrees with the file (--check)', () => {
    expect(() =>
      execFileSync(
        join(ROOT, 'node_modules', '.bin', 'tsx'),
        [join(ROOT, 'scripts', 'rules-doc.ts'), '--check'],
        { stdio: 'pipe' },
      ),
    ).not.toThrow();
  });
});
