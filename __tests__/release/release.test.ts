import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve('.');
const SCRIPT = join(ROOT, 'scripts', 'release.mjs');
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const release = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [SCRIPT, ...args], { cwd, encoding: 'utf8' });

/**
 * A scratch clone of the project at a commit of its own: the committed tree with this checkout's package.json,
 * lock, version and CHANGELOG laid over it (so the test sees the files as they are now, committed or not).
 */
function scratchClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trailsight-release-'));
  git(ROOT, 'clone', '--quiet', '--no-checkout', '--local', ROOT, dir);
  git(dir, 'checkout', '--quiet', 'HEAD');
  for (const f of ['package.json', 'package-lock.json', 'src/version.ts'])
    writeFileSync(join(dir, f), readFileSync(join(ROOT, f)));
  writeFileSync(
    join(dir, 'CHANGELOG.md'),
    '# Changelog\n\nIntro.\n\n## [Unreleased]\n\n### Added\n\n- Incidents instead of rows.\n\n' +
      '## [0.9.0] - 2026-01-01\n\n- Older.\n\n[0.9.0]: https://github.com/trailsight/trailsight/releases/tag/v0.9.0\n',
  );
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-am', 'scratch');
  return dir;
}

describe('scripts/release.mjs', () => {
  let dir: string;
  let before: string;
  beforeAll(() => {
    dir = scratchClone();
    before = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version as string;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--dry-run says what it would do and changes nothing', () => {
    const head = git(dir, 'rev-parse', 'HEAD');
    const res = release(dir, '7.1.0', '--dry-run');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(`dry run: ${before} -> 7.1.0 (tag v7.1.0)`);
    expect(res.stdout).toContain('- Incidents instead of rows.');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(dir, 'tag', '--list')).toBe('');
  });

  it('refuses a dirty tree, naming the files', () => {
    writeFileSync(join(dir, 'README.md'), 'changed\n');
    const res = release(dir, 'minor', '--dry-run');
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/refusing to release from a dirty tree/);
    expect(res.stderr).toContain('README.md');
    git(dir, 'checkout', '--quiet', '--', 'README.md');
  });

  it('refuses a version that is not above the current one, or not semver', () => {
    expect(release(dir, before).stderr).toMatch(/is not above the current/);
    expect(release(dir, '1.2').stderr).toMatch(/"1.2" is not accepted: give X.Y.Z/);
  });

  it('bumps every version, moves Unreleased into a dated section, commits and tags', () => {
    const res = release(dir, '7.1.0', '--no-bundle');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
    expect([pkg.version, lock.version, lock.packages[''].version]).toEqual(['7.1.0', '7.1.0', '7.1.0']);
    expect(readFileSync(join(dir, 'src/version.ts'), 'utf8')).toContain("export const VERSION = '7.1.0';");
    const changelog = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    const date = new Date().toISOString().slice(0, 10);
    expect(changelog).toContain(
      `## [Unreleased]\n\n## [7.1.0] - ${date}\n\n### Added\n\n- Incidents instead of rows.\n\n## [0.9.0] - 2026-01-01`,
    );
    expect(changelog).toContain(
      '[Unreleased]: https://github.com/trailsight/trailsight/compare/v7.1.0...HEAD',
    );
    expect(changelog).toContain('[7.1.0]: https://github.com/trailsight/trailsight/compare/v0.9.0...v7.1.0');
    expect(git(dir, 'log', '-1', '--format=%s')).toBe('Release v7.1.0');
    expect(git(dir, 'tag', '--list')).toBe('v7.1.0');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    // What the release workflow runs on the tag: it agrees, and its notes are the section's body.
    expect(release(dir, '--check', 'v7.1.0').status).toBe(0);
    expect(release(dir, '--notes', '7.1.0').stdout).toBe('### Added\n\n- Incidents instead of rows.\n');
    const mismatch = release(dir, '--check', 'v7.2.0');
    expect(mismatch.status).toBe(1);
    expect(mismatch.stderr).toMatch(/tag v7.2.0 does not match package.json's version 7.1.0/);
  });

  it('refuses to release with nothing under Unreleased', () => {
    const res = release(dir, 'patch', '--dry-run');
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/"Unreleased" section is empty/);
  });
});

describe('the npm package', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'trailsight-pack-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('packs only what runs, and its CLI works from the tarball with nothing else installed', async () => {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }),
    ) as { filename: string; files: { path: string }[] }[];
    const [info] = packed;
    if (!info) throw new Error('npm pack printed no package');
    const paths = info.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['dist/cli.js', 'dist/index.js', 'package.json', 'LICENSE']),
    );
    for (const p of paths)
      expect(p).not.toMatch(/^(__tests__|__fixtures__|twin|bench|src|scripts|node_modules)\//);
    const tarball = join(work, info.filename);
    expect(statSync(tarball).size).toBeLessThan(20 * 1024 * 1024);

    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}\n');
    // --offline: the package must need nothing from a registry (the CLI is one self-contained bundle).
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
      cwd: app,
      stdio: 'pipe',
    });
    const installed = readFileSync(join(app, 'package-lock.json'), 'utf8');
    expect(Object.keys(JSON.parse(installed).packages)).toEqual(['', 'node_modules/trailsight']);
    const help = execFileSync(join(app, 'node_modules', '.bin', 'trailsight'), ['analyze', '--help'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(help).toMatch(/--events-file/);
    expect(help).toMatch(/--fail-on/);

    // A run that publishes to SNS loads chunks from the installed package (sns.js and the SDK's client-sns):
    // a local endpoint answers Publish as SNS does.
    const events = join(work, 'events.json');
    writeFileSync(
      events,
      JSON.stringify({
        Records: [
          {
            eventVersion: '1.08',
            eventTime: '2024-03-01T10:00:00Z',
            eventSource: 'cloudtrail.amazonaws.com',
            eventName: 'StopLogging',
            awsRegion: 'us-east-1',
            sourceIPAddress: '203.0.113.9',
            userAgent: 'aws-cli/2.15.0',
            userIdentity: {
              type: 'IAMUser',
              arn: 'arn:aws:iam::123456789012:user/mallory',
              accountId: '123456789012',
            },
            eventID: '0b9a3c52-1111-4d0e-9f00-000000000001',
            recipientAccountId: '123456789012',
          },
        ],
      }),
    );
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        bodies.push(body);
        res.setHeader('content-type', 'text/xml');
        res.end(
          '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>',
        );
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as AddressInfo).port;
    const run = await new Promise<{ code: number | null; out: string }>((done) => {
      const child = spawn(
        join(app, 'node_modules', '.bin', 'trailsight'),
        [
          'analyze',
          ...['--source', 'file', '--events-file', events, '--engine', 'rules-only'],
          ...['--start-time', '2024-03-01T00:00:00Z', '--end-time', '2024-03-02T00:00:00Z'],
          ...['--report-to', 'sns', '--sns-topic-arn', 'arn:aws:sns:us-east-1:123456789012:alerts'],
          ...['--fail-on', 'none', '--output', join(work, 'out.json'), '--format', 'json'],
        ],
        {
          cwd: app,
          env: {
            PATH: process.env.PATH,
            AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
            AWS_SECRET_ACCESS_KEY: 'secret',
            AWS_REGION: 'us-east-1',
            AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
          },
        },
      );
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.on('close', (code) => done({ code, out }));
    });
    server.close();
    expect(run.out).toMatch(/sns: published message m-1/);
    expect(run.code).toBe(0);
    expect(bodies.join('\n')).toMatch(/Action=Publish/);
  });
});

describe('the CLI bundle', () => {
  it('reviews local files with the rules without loading a chunk (the AWS SDK and Octokit stay unloaded)', () => {
    // dist/cli.js and dist/cli/index.js alone, no chunk beside them: any stage that pulled in the SDK at start-up,
    // or on the way of a file-source rules-only run, would fail to load here.
    const dir = mkdtempSync(join(tmpdir(), 'trailsight-nochunks-'));
    try {
      mkdirSync(join(dir, 'cli'));
      const chunks = readdirSync(join(ROOT, 'dist', 'cli')).filter((f) => /^\d+\.index\.js$/.test(f));
      expect(chunks.length).toBeGreaterThan(0);
      // A static import would put them in the bundle itself instead: the SDK's user agent and Octokit's are marks
      // only their own code carries.
      const main = readFileSync(join(ROOT, 'dist', 'cli', 'index.js'), 'utf8');
      const inChunks = chunks.map((f) => readFileSync(join(ROOT, 'dist', 'cli', f), 'utf8')).join('\n');
      for (const mark of ['aws-sdk-js', 'octokit-core.js']) {
        expect(inChunks).toContain(mark);
        expect(main).not.toContain(mark);
      }
      for (const f of ['cli.js', 'package.json']) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
      for (const f of ['index.js', 'package.json'])
        copyFileSync(join(ROOT, 'dist', 'cli', f), join(dir, 'cli', f));
      const events = join(ROOT, '__fixtures__', 'datasets', 'stratus_red_team_detonations', 'events.jsonl');
      const out = join(dir, 'report.json');
      const run = spawnSync(
        process.execPath,
        [
          join(dir, 'cli.js'),
          'analyze',
          ...['--source', 'file', '--events-file', events, '--engine', 'rules-only'],
          ...['--start-time', '2024-07-01T00:00:00Z', '--end-time', '2024-12-01T00:00:00Z'],
          ...['--format', 'json', '--output', out, '--fail-on', 'none'],
        ],
        { encoding: 'utf8', env: { PATH: process.env.PATH } },
      );
      expect(run.stderr).not.toMatch(/Cannot find module/);
      expect(run.status).toBe(0);
      const report = JSON.parse(readFileSync(out, 'utf8')) as {
        findings: unknown[];
        stats: { totalEvents: number };
      };
      expect(report.stats.totalEvents).toBe(310);
      expect(report.findings.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the project workflows', () => {
  const dir = join(ROOT, '.github', 'workflows');
  const load = (name: string) =>
    parse(readFileSync(join(dir, name), 'utf8')) as {
      permissions?: Record<string, string>;
      jobs: Record<
        string,
        { permissions?: Record<string, string>; steps: { uses?: string; with?: Record<string, string> }[] }
      >;
    };

  it('pin every third-party action by commit SHA and give every job its own permissions', () => {
    for (const name of readdirSync(dir)) {
      const wf = load(name);
      expect(wf.permissions).toEqual({ contents: 'read' });
      for (const [id, job] of Object.entries(wf.jobs)) {
        expect([name, id, job.permissions !== undefined]).toEqual([name, id, true]);
        for (const step of job.steps) {
          if (step.uses && !step.uses.startsWith('./'))
            expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        }
      }
    }
  });

  it('release attests every file of both bundles and only the release job may write', () => {
    const wf = load('release.yml');
    const attest = wf.jobs.release?.steps.find((s) => s.uses?.startsWith('actions/attest-build-provenance@'));
    expect(attest?.with?.['subject-path']?.split('\n').filter(Boolean)).toEqual([
      'dist/*.js',
      'dist/cli/*.js',
      'trailsight-*-dist.tar.gz',
    ]);
    // The two patterns cover every script the bundles are made of, chunks included.
    const scripts = readdirSync(join(ROOT, 'dist'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.js'))
      .map((f) => `dist/${f.split(sep).join('/')}`);
    expect(scripts).toEqual(expect.arrayContaining(['dist/index.js', 'dist/cli.js', 'dist/cli/index.js']));
    expect(scripts.filter((f) => f.includes('.index.js')).length).toBeGreaterThan(0);
    expect(scripts.filter((f) => !/^dist\/(cli\/)?[^/]+\.js$/.test(f))).toEqual([]);
    expect(wf.jobs.release?.permissions).toEqual({
      contents: 'write',
      'id-token': 'write',
      attestations: 'write',
    });
    expect(wf.jobs.verify?.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.npm?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('CodeQL scans JavaScript/TypeScript on pushes, pull requests and weekly', () => {
    const raw = parse(readFileSync(join(dir, 'codeql.yml'), 'utf8')) as { on: Record<string, unknown> };
    expect(Object.keys(raw.on).sort()).toEqual(['pull_request', 'push', 'schedule']);
    const init = load('codeql.yml').jobs.analyze?.steps.find((s) =>
      s.uses?.startsWith('github/codeql-action/init@'),
    );
    expect(init?.with?.languages).toBe('javascript-typescript');
  });
});
