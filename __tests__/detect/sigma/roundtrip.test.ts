/**
 * Sigma out and back in: the built-in pack exported as Sigma, loaded again with builtin-rules off, matches the same
 * records as the pack itself, rule by rule, on every shared dataset record.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportRules } from '../../../src/cli-rules.js';
import { createDetector } from '../../../src/detect/index.js';
import { sigmaIdOf, uuidFor } from '../../../src/detect/sigma/export.js';
import { fixedClock, loadDataset, ROOT, silentLogger, testConfig } from '../helpers.js';

const FOLDERS = [
  'panther_cloudtrail_tests',
  'panther_test_scenarios',
  'stratus_red_team_detonations',
  'streamalert_rule_tests',
  'awsdocs_cloudtrail_userguide_examples',
];

async function exported(rulesFiles: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'sigma-export-'));
  const result = await exportRules({ output: dir, rulesFiles, builtin: true });
  for (const f of result.files) writeFileSync(join(dir, f.name), f.text);
  return { dir, result };
}

/** Per rule id: the records (folder:line) observe() reported it for, and the findings' total count. */
async function run(rulesFiles: string[], builtinRules: boolean, rename: (id: string) => string) {
  const d = await createDetector(testConfig({ rulesFiles, builtinRules }), {
    logger: silentLogger,
    clock: fixedClock(),
  });
  const hits = new Map<string, string[]>();
  for (const folder of FOLDERS)
    for (const { event, index } of loadDataset(folder))
      for (const id of d.observe(event)) {
        const k = rename(id);
        hits.set(k, [...(hits.get(k) ?? []), `${folder}:${index + 1}`]);
      }
  const counts = new Map<string, number>();
  for (const f of d.finish().findings)
    counts.set(rename(f.ruleId ?? ''), (counts.get(rename(f.ruleId ?? '')) ?? 0) + f.count);
  return { hits, counts };
}

describe('Sigma export round trip', () => {
  it('gives every exported rule a stable UUID (version 5) per rule id', () => {
    expect(sigmaIdOf('TS-LOG-001')).toBe(sigmaIdOf('TS-LOG-001'));
    expect(sigmaIdOf('TS-LOG-001')).not.toBe(sigmaIdOf('TS-LOG-002'));
    expect(sigmaIdOf('TS-LOG-001')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    // Python's uuid.uuid5 gives the same for the DNS namespace and python.org, and for our namespace and TS-LOG-001.
    expect(uuidFor('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
    expect(sigmaIdOf('TS-LOG-001')).toBe('83f4bd53-e29e-571c-94d8-6dd5668c1198');
  });

  it('matches the same records, rule by rule, as the built-in pack', async () => {
    const { dir, result } = await exported();
    expect(result.ids.size).toBeGreaterThanOrEqual(55);
    const back = new Map([...result.ids].map(([ts, sigma]) => [sigma, ts]));
    const theirs = await run([dir], false, (id) => back.get(id) ?? `unmapped:${id}`);
    const ours = await run([], true, (id) => id);
    const exportedIds = [...result.ids.keys()];
    let matched = 0;
    for (const id of exportedIds) {
      expect({ id, hits: theirs.hits.get(id) ?? [] }).toEqual({ id, hits: ours.hits.get(id) ?? [] });
      expect({ id, count: theirs.counts.get(id) ?? 0 }).toEqual({ id, count: ours.counts.get(id) ?? 0 });
      if ((ours.hits.get(id) ?? []).length > 0) matched++;
    }
    // Nothing loaded back that is not an exported rule, and the datasets exercise most exported rules.
    expect([...theirs.hits.keys()].filter((k) => !exportedIds.includes(k))).toEqual([]);
    expect(matched).toBeGreaterThanOrEqual(40);
  });

  it('says why a rule is skipped, in SKIPPED.yml and nowhere as an approximation', async () => {
    const { dir, result } = await exported();
    const skipped = readFileSync(join(dir, 'SKIPPED.yml'), 'utf8');
    for (const s of result.skipped)
      expect(skipped).toContain(`# ${s.id} is not exported: Sigma cannot express it exactly`);
    expect(result.skipped.map((s) => s.id)).toContain('TS-NEW-001');
    expect(readdirSync(dir).filter((f) => f.startsWith('ts-new-001'))).toEqual([]);
  });

  it('exports a loaded correlation with its base rule, and the export loads back to the same rules', async () => {
    const src = mkdtempSync(join(tmpdir(), 'sigma-corr-'));
    const base = readFileSync(
      join(
        ROOT,
        '__fixtures__',
        'sigma',
        'sigmahq',
        'aws_cloudtrail_console_login_failed_authentication.yml',
      ),
      'utf8',
    );
    const corr = `title: Many failed console sign-ins from one address
id: 0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5
author: TrailSight tests
correlation:
    type: event_count
    rules:
        - 6393e346-1977-46ef-8987-ad414a145fad
    group-by:
        - sourceIPAddress
    timespan: 10m
    condition:
        gte: 5
level: high
`;
    writeFileSync(join(src, 'corr.yml'), `${base}---\n${corr}`);
    const { dir } = await exported([src]);
    const text = readFileSync(join(dir, '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5.yml'), 'utf8');
    expect(text).toContain('author: Ivan Saakov, Nasreddine Bencherchali');
    expect(text).toContain('type: event_count');
    // The base rule raises no finding of its own, so it is exported only inside the correlation's file.
    expect(readdirSync(dir).filter((f) => f.startsWith('6393e346'))).toEqual([]);
    const again = await createDetector(
      testConfig({ rulesFiles: [join(dir, '0c1d*.yml')], builtinRules: false }),
      {
        logger: silentLogger,
        clock: fixedClock(),
      },
    );
    expect(again.finish().rulesLoaded).toBe(1);
  });

  it('exports loaded Sigma rules as written, with their author and licence', async () => {
    const sigmahq = join(ROOT, '__fixtures__', 'sigma', 'sigmahq');
    const { dir, result } = await exported([sigmahq]);
    const text = readFileSync(join(dir, '8ad1600d-e9dc-4251-b0ee-a65268f29add.yml'), 'utf8');
    expect(text).toBe(readFileSync(join(sigmahq, 'aws_root_account_usage.yml'), 'utf8'));
    expect(text).toContain('author: vitaliy0x1');
    expect(result.ids.get('8ad1600d-e9dc-4251-b0ee-a65268f29add')).toBe(
      '8ad1600d-e9dc-4251-b0ee-a65268f29add',
    );
    // Our exported rules name their origin and licence.
    expect(readFileSync(join(dir, 'ts-log-001.yml'), 'utf8')).toMatch(
      /^# Exported from TrailSight rule TS-LOG-001 \(built-in pack\)\. MIT licence/,
    );
  });
});
