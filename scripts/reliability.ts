/**
 * `npm run reliability`: runs the hardening suites (__tests__/hardening) and writes docs/RELIABILITY.md from what
 * that run measured, so the published figures stay true. Nothing in the table is typed in: each figure is read
 * from jest's JSON results, the suites' own tallies, the injection corpus, the fault scenario list, or a load run.
 *
 *   npm run reliability                        # the suites; the load row is carried over from the last load run
 *   npm run reliability -- --load [--events N] # also runs bench/load.ts (1,000,000 events by default)
 *   npm run reliability -- --reuse-jest DIR   # the suite results an earlier run kept in DIR
 *   npm run reliability -- --load-result f.json (repeatable) the load row from bench/load.ts --json files
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = path.join(ROOT, 'docs', 'RELIABILITY.md');
const HARDENING = path.join(ROOT, '__tests__', 'hardening');
const LOAD_MARK = /<!-- reliability:load (\{.*?\}) -->/s;

interface Assertion {
  title: string;
  fullName: string;
  status: string;
}
interface SuiteResult {
  name: string;
  status: string;
  message?: string;
  assertionResults: Assertion[];
}
interface JestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  success: boolean;
  testResults: SuiteResult[];
}

interface LoadPath {
  path: string;
  exitCode: number | null;
  events: number;
  eventsPerSecond: number;
  peakRssMb: number;
  boundMet: boolean;
}
interface LoadResult {
  date: string;
  events: number;
  boundMb: number;
  boundMet: boolean;
  paths: LoadPath[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      process.stderr.write(d);
      stderr += d.toString();
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

const suite = (j: JestJson, file: string): SuiteResult | undefined =>
  j.testResults.find((t) => path.basename(t.name) === file);
const passed = (s: SuiteResult | undefined): Assertion[] =>
  s?.assertionResults.filter((a) => a.status === 'passed') ?? [];
const failed = (s: SuiteResult | undefined): Assertion[] =>
  s?.assertionResults.filter((a) => a.status === 'failed') ?? [];
/** A suite that did not run (missing, or failed to compile) shows as such, never as a pass. */
function ran(s: SuiteResult | undefined): boolean {
  return s !== undefined && s.assertionResults.length > 0;
}
const fmt = (n: number): string => n.toLocaleString('en');

interface Row {
  family: string;
  scenario: string;
  figures: string;
  result: string;
}

function injectionRow(j: JestJson, stderr: string): Row {
  const s = suite(j, 'injection.test.ts');
  const corpus = path.join(ROOT, '__fixtures__', 'injection', 'payloads.jsonl');
  const inCorpus = existsSync(corpus)
    ? readFileSync(corpus, 'utf8')
        .split('\n')
        .filter((l) => l.trim()).length
    : 0;
  // The suite prints its own tally: payloads tried, fields per payload, violations found.
  const tally =
    /prompt injection: (\d+) payloads tried × (\d+) fields per payload \(([^)]*)\), (\d+) runs, (\d+) violations found/.exec(
      stderr,
    );
  const payloads = tally ? Number(tally[1]) : inCorpus;
  const fields = tally ? `${tally[2]} fields (${tally[3]})` : 'fields: not reported';
  const violations = tally ? Number(tally[5]) : failed(s).length;
  return {
    family: 'Prompt injection',
    scenario: `each payload of the corpus (${fmt(inCorpus)} in __fixtures__/injection/payloads.jsonl) in every attacker-controllable field, through the pipeline against the twin's obedient model`,
    figures: ran(s)
      ? `${fmt(payloads)} payloads × ${fields}${tally ? `, ${fmt(Number(tally[4]))} runs` : ''}; ${fmt(passed(s).length)}/${fmt(s?.assertionResults.length ?? 0)} tests passed`
      : 'suite did not run',
    result: !ran(s)
      ? 'not run'
      : violations === 0 && failed(s).length === 0
        ? `${violations} violations`
        : `**${violations} violations, ${failed(s).length} failed tests**`,
  };
}

async function faultRow(j: JestJson): Promise<Row> {
  const s = suite(j, 'faults.test.ts');
  const file = path.join(HARDENING, 'fault-scenarios.ts');
  let ids: string[] | undefined;
  if (existsSync(file)) {
    try {
      const mod = (await import(pathToFileURL(file).href)) as { SCENARIOS?: readonly { id: string }[] };
      ids = mod.SCENARIOS?.map((x) => x.id);
    } catch (err) {
      console.error(`reliability: could not load ${file}: ${String(err)}`);
    }
  }
  if (!ids) {
    return {
      family: 'Fault matrix',
      scenario: 'faults injected through the twin, each through the whole action',
      figures: 'no scenario list (__tests__/hardening/fault-scenarios.ts is missing)',
      result: 'not run',
    };
  }
  const ok = passed(s);
  const survived = ids.filter((id) => ok.some((a) => a.title.includes(id))).length;
  return {
    family: 'Fault matrix',
    scenario:
      'throttling, 5xx, timeouts, AccessDenied, batch jobs failed/expired/stopped/partial, missing or corrupt output, GitHub and SNS errors, cancellation; each through the whole action',
    figures: `${fmt(survived)} of ${fmt(ids.length)} scenarios survived`,
    result: !ran(s)
      ? 'not run'
      : survived === ids.length
        ? 'all survived'
        : `**${ids.length - survived} not survived**`,
  };
}

function fuzzRow(j: JestJson): Row {
  const s = suite(j, 'fuzz-file.test.ts');
  const runs = (list: Assertion[]): number =>
    list.reduce((n, a) => n + Number(/\[fuzz runs: (\d+)\]/.exec(a.title)?.[1] ?? 0), 0);
  const crashes = failed(s).length + (s && s.status === 'failed' && !ran(s) ? 1 : 0);
  return {
    family: 'Bad input',
    scenario:
      'generated .json, .jsonl and .json.gz files of real records: truncated gzip, invalid JSON, wrong types, missing fields, non-UTF-8 bytes, multi-MB lines, random byte flips, unreadable files (fast-check, fixed seed)',
    figures: ran(s)
      ? `${fmt(runs(s?.assertionResults ?? []))} generated inputs (fuzz runs), ${fmt(passed(s).length)}/${fmt(s?.assertionResults.length ?? 0)} tests passed`
      : 'suite did not run',
    result: !ran(s)
      ? 'not run'
      : crashes === 0
        ? '0 crashes; every record yielded or counted'
        : `**${crashes} failed properties**`,
  };
}

function limitsRow(j: JestJson): Row {
  const s = suite(j, 'limits.test.ts');
  const n = /^([\d,]+) hostile findings/.exec(s?.assertionResults[0]?.fullName ?? '')?.[1] ?? '?';
  return {
    family: 'Report size limits',
    scenario: `${n} findings with long hostile titles and descriptions, published to the job summary (1 MiB), issues and PR comment (65,536 characters), SNS (256 KiB with attributes, subject < 100 characters)`,
    figures: ran(s)
      ? `${fmt(passed(s).length)}/${fmt(s?.assertionResults.length ?? 0)} checks passed (report, job summary, report issue, PR comment, SNS, per-finding issues)`
      : 'suite did not run',
    result: !ran(s)
      ? 'not run'
      : failed(s).length === 0
        ? 'within every limit, least severe dropped first'
        : `**${failed(s).length} failed**`,
  };
}

function idempotencyRow(j: JestJson): Row {
  const s = suite(j, 'idempotency.test.ts');
  return {
    family: 'Idempotency',
    scenario: 'the same window run 3 times: one batch job paid for, one issue per finding, one PR comment',
    figures: ran(s)
      ? `${fmt(passed(s).length)}/${fmt(s?.assertionResults.length ?? 0)} tests passed`
      : 'suite did not run',
    result: !ran(s) ? 'not run' : failed(s).length === 0 ? 'no duplicates' : `**${failed(s).length} failed**`,
  };
}

function loadRow(load: LoadResult | undefined, source: string): Row {
  if (!load) {
    return {
      family: 'Load',
      scenario: 'synthetic events of real shapes through rules-only (CLI) and the batch engine (twin)',
      figures: 'not measured yet: run `npm run reliability -- --load`',
      result: 'not run',
    };
  }
  const per = load.paths
    .map(
      (p) =>
        `${p.path}: ${fmt(p.events)} events, ${fmt(p.eventsPerSecond)} events/s, peak RSS ${fmt(p.peakRssMb)} MB${p.exitCode === 0 ? '' : `, exit ${p.exitCode}`}`,
    )
    .join('; ');
  return {
    family: 'Load',
    scenario: `${fmt(load.events)} synthetic events (real record shapes, fresh ids and times) through rules-only (CLI) and the batch engine (action against the twin), each in its own process; bound: peak RSS < ${load.boundMb} MB (${source}, ${load.date.slice(0, 10)})`,
    figures: per,
    result: load.boundMet
      ? `bound met`
      : `**bound NOT met** (${load.paths
          .filter((p) => !p.boundMet)
          .map((p) => p.path)
          .join(', ')})`,
  };
}

function dataLostRow(j: JestJson, load: LoadResult | undefined): Row {
  const fuzz = suite(j, 'fuzz-file.test.ts');
  const faults = suite(j, 'faults.test.ts');
  const lossless =
    ran(fuzz) &&
    failed(fuzz).length === 0 &&
    failed(faults).length === 0 &&
    (load === undefined || load.paths.every((p) => p.events === load.events));
  return {
    family: 'Data lost',
    scenario:
      'records neither yielded nor counted (bad input), events not read under load, reports lost to faults',
    figures: `bad input: ${ran(fuzz) ? `${failed(fuzz).length} failed accounting properties` : 'not run'}; load: ${load ? load.paths.map((p) => `${fmt(p.events)} of ${fmt(load.events)} read (${p.path})`).join(', ') : 'not run'}`,
    result: lossless ? 'none' : '**see the rows above**',
  };
}

/** Every value of a repeated flag. */
function args(name: string): string[] {
  return process.argv.flatMap((a, i) =>
    a === `--${name}` && process.argv[i + 1] ? [process.argv[i + 1] as string] : [],
  );
}

/** Several load result files (e.g. one per path, `--only rules|batch`): each path's run that exited 0 wins. */
function mergeLoads(files: string[]): LoadResult {
  const loads = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as LoadResult);
  const byPath = new Map<string, LoadPath>();
  for (const l of loads)
    for (const p of l.paths) {
      const prev = byPath.get(p.path);
      if (!prev || (prev.exitCode !== 0 && p.exitCode === 0)) byPath.set(p.path, p);
    }
  const paths = [...byPath.values()];
  const events = Math.max(...loads.map((l) => l.events));
  return {
    date: loads.map((l) => l.date).sort()[loads.length - 1] as string,
    events,
    boundMb: (loads[0] as LoadResult).boundMb,
    boundMet: paths.every((p) => p.boundMet && p.exitCode === 0 && p.events === events),
    paths,
  };
}

function readLoad(): { load?: LoadResult; source: string } {
  const files = args('load-result');
  if (files.length > 0)
    return { load: mergeLoads(files), source: `from ${files.map((f) => path.basename(f)).join(', ')}` };
  if (existsSync(DOC)) {
    const m = LOAD_MARK.exec(readFileSync(DOC, 'utf8'));
    if (m?.[1])
      return { load: JSON.parse(m[1]) as LoadResult, source: 'carried over from the last load run' };
  }
  return { source: 'not run' };
}

/** Runs the hardening suites, keeping jest's JSON and its stderr (where the suites print their tallies). */
async function runSuites(dir: string): Promise<{ j: JestJson; stderr: string }> {
  const out = path.join(dir, 'jest.json');
  console.log('Running the hardening suites (__tests__/hardening)…');
  const jest = await run(process.execPath, [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    '__tests__/hardening',
    // The check of this script's own output runs with the rest of the tests, after the document exists.
    '--testPathIgnorePatterns',
    'reliability-doc',
    '--json',
    `--outputFile=${out}`,
  ]);
  if (!existsSync(out)) throw new Error(`jest wrote no results (exit ${jest.code})`);
  writeFileSync(path.join(dir, 'jest.stderr'), jest.stderr);
  return { j: JSON.parse(readFileSync(out, 'utf8')) as JestJson, stderr: jest.stderr };
}

async function main(): Promise<void> {
  // `--reuse-jest DIR`: the results a previous run kept in DIR (jest.json, jest.stderr), e.g. to add a load run.
  const reuse = arg('reuse-jest');
  const work = reuse ?? mkdtempSync(path.join(tmpdir(), 'trailsight-reliability-'));
  const { j, stderr } = reuse
    ? {
        j: JSON.parse(readFileSync(path.join(reuse, 'jest.json'), 'utf8')) as JestJson,
        stderr: existsSync(path.join(reuse, 'jest.stderr'))
          ? readFileSync(path.join(reuse, 'jest.stderr'), 'utf8')
          : '',
      }
    : await runSuites(work);
  console.log(`Suite results kept in ${work} (reuse them with --reuse-jest ${work})`);

  let loaded = readLoad();
  if (process.argv.includes('--load')) {
    const lf = path.join(work, 'load.json');
    const events = arg('events') ?? '1000000';
    console.log(`Running bench/load.ts --events ${events}…`);
    const r = await run(process.execPath, [
      '--import',
      'tsx',
      'bench/load.ts',
      '--events',
      events,
      '--json',
      lf,
    ]);
    if (existsSync(lf))
      loaded = { load: JSON.parse(readFileSync(lf, 'utf8')) as LoadResult, source: 'this run' };
    else console.error(`bench/load.ts wrote no result (exit ${r.code})`);
  }

  const rows: Row[] = [
    injectionRow(j, stderr),
    await faultRow(j),
    fuzzRow(j),
    loadRow(loaded.load, loaded.source),
    limitsRow(j),
    idempotencyRow(j),
    dataLostRow(j, loaded.load),
  ];
  const commit = git(['rev-parse', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain']) !== '';
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const doc = [
    '# Reliability',
    '',
    '<!-- Generated by `npm run reliability` (scripts/reliability.ts). Do not edit by hand: run it again. -->',
    '',
    `Generated ${new Date().toISOString().slice(0, 10)} at commit \`${commit.slice(0, 12)}\`${dirty ? ' (with uncommitted changes)' : ''}. ` +
      `Hardening suites: ${fmt(j.numPassedTests)} of ${fmt(j.numTotalTests)} tests passed${j.success ? '' : ` — **${fmt(j.numFailedTests)} failed**`}.`,
    '',
    "Every figure below is read from that run (jest results and the suites' own tallies) or from a load run of",
    '`bench/load.ts`; none is typed in. The load figures are a benchmark, not a test: they come from synthetic',
    'volume built from real CloudTrail record shapes, on whatever machine ran them.',
    '',
    '| Family | Scenario | Figures | Result |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.family} | ${cell(r.scenario)} | ${cell(r.figures)} | ${cell(r.result)} |`),
    '',
    '## How to reproduce',
    '',
    '- `npm run reliability` runs `__tests__/hardening` and rewrites this file.',
    '- `npm run reliability -- --load [--events N]` also runs the load benchmark (`npm run load`), which is too slow for CI.',
    '- The suites run in CI with the rest of the tests (`npm test`).',
    '',
    ...(loaded.load ? [`<!-- reliability:load ${JSON.stringify(loaded.load)} -->`, ''] : []),
  ].join('\n');
  writeFileSync(DOC, doc);
  console.log(`Wrote ${path.relative(ROOT, DOC)}`);
  for (const r of rows) console.log(`  ${r.family}: ${r.result}`);
  if (!j.success) process.exitCode = 1;
}

await main();
