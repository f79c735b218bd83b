#!/usr/bin/env node
// Prepares a release on a clean tree, or checks one in the release workflow. See docs/releasing.md.
//
//   node scripts/release.mjs 1.2.0 | patch | minor | major [--dry-run] [--no-bundle]
//       Bumps the version (package.json, package-lock.json, src/version.ts), moves CHANGELOG.md's "Unreleased"
//       section into a dated "[X.Y.Z]" one, rebuilds dist/, commits "Release vX.Y.Z" and makes the annotated tag
//       vX.Y.Z. It pushes nothing. --dry-run prints what would change and writes nothing; --no-bundle skips the
//       rebuild (only for a tree whose dist/ is already built from the same source, e.g. the script's own test).
//   node scripts/release.mjs --check vX.Y.Z
//       Fails unless the tag's version equals package.json's and src/version.ts's and CHANGELOG.md has a
//       non-empty section for it (the release workflow runs this before publishing anything).
//   node scripts/release.mjs --notes X.Y.Z
//       Prints that CHANGELOG.md section's body (the GitHub release notes).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const REPO_URL = 'https://github.com/trailsight/trailsight';
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?$/;
const VERSION_TS = /export const VERSION = '([^']+)';/;

class ReleaseError extends Error {}

const root = process.cwd();
const read = (path) => readFileSync(resolve(root, path), 'utf8');
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

/** Parses X.Y.Z[-pre] into comparable parts, or undefined. */
function parseVersion(v) {
  const m = SEMVER.exec(v);
  return m ? { major: +m[1], minor: +m[2], patch: +m[3], pre: m[4] } : undefined;
}

function compareVersions(a, b) {
  const x = parseVersion(a);
  const y = parseVersion(b);
  const core = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  if (core !== 0) return core;
  if (x.pre === y.pre) return 0;
  // A pre-release sorts before its release (semver §11); two pre-releases compare as strings here.
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/** The next version from `patch|minor|major` or an explicit X.Y.Z, which must be above the current one. */
function nextVersion(current, wanted) {
  const cur = parseVersion(current);
  if (!cur) throw new ReleaseError(`package.json's version "${current}" is not semver X.Y.Z`);
  const bumps = {
    major: `${cur.major + 1}.0.0`,
    minor: `${cur.major}.${cur.minor + 1}.0`,
    patch: `${cur.major}.${cur.minor}.${cur.patch + 1}`,
  };
  const next = bumps[wanted] ?? wanted.replace(/^v/, '');
  if (!parseVersion(next))
    throw new ReleaseError(
      `version "${wanted}" is not accepted: give X.Y.Z (e.g. 1.2.0) or patch, minor, major`,
    );
  if (compareVersions(next, current) <= 0)
    throw new ReleaseError(`version ${next} is not above the current ${current}`);
  return next;
}

/** Splits CHANGELOG.md into its "## " sections, keeping the text before the first and the link lines after. */
function parseChangelog(text) {
  const lines = text.split('\n');
  const head = [];
  const sections = [];
  const links = [];
  for (const line of lines) {
    if (/^\[[^\]]+\]: /.test(line)) links.push(line);
    else if (line.startsWith('## ')) sections.push({ heading: line, body: [] });
    else if (sections.length > 0) sections[sections.length - 1].body.push(line);
    else head.push(line);
  }
  return { head, sections, links };
}

const sectionVersion = (heading) => /^## \[([^\]]+)\]/.exec(heading)?.[1];
const bodyText = (section) => section.body.join('\n').trim();

/** CHANGELOG.md with "Unreleased" moved into a dated section for `version`, and the link lines brought up to date. */
function moveUnreleased(text, version, date) {
  const { head, sections, links } = parseChangelog(text);
  const unreleased = sections.find((s) => sectionVersion(s.heading) === 'Unreleased');
  if (!unreleased) throw new ReleaseError('CHANGELOG.md has no "## [Unreleased]" section');
  if (bodyText(unreleased) === '')
    throw new ReleaseError(
      'CHANGELOG.md\'s "Unreleased" section is empty: write what users get before releasing',
    );
  if (sections.some((s) => sectionVersion(s.heading) === version))
    throw new ReleaseError(`CHANGELOG.md already has a section for ${version}`);
  const released = { heading: `## [${version}] - ${date}`, body: unreleased.body };
  const rest = sections.filter((s) => s !== unreleased);
  const out = [...head, '## [Unreleased]', '', released.heading, ...released.body];
  for (const s of rest) out.push(s.heading, ...s.body);
  const versionLinks = links.filter(
    (l) => !l.startsWith('[Unreleased]: ') && !l.startsWith(`[${version}]: `),
  );
  // The link compares with the newest release the changelog names; the first release links to its tag alone.
  const previous = rest.map((s) => sectionVersion(s.heading)).find((v) => v !== undefined);
  const releaseLink = previous
    ? `[${version}]: ${REPO_URL}/compare/v${previous}...v${version}`
    : `[${version}]: ${REPO_URL}/releases/tag/v${version}`;
  const allLinks = [`[Unreleased]: ${REPO_URL}/compare/v${version}...HEAD`, releaseLink, ...versionLinks];
  while (out.length > 0 && out[out.length - 1].trim() === '') out.pop();
  return `${out.join('\n')}\n\n${allLinks.join('\n')}\n`;
}

/** The body of CHANGELOG.md's section for `version`, or an error when there is none or it is empty. */
function notesFor(text, version) {
  const section = parseChangelog(text).sections.find((s) => sectionVersion(s.heading) === version);
  if (!section) throw new ReleaseError(`CHANGELOG.md has no "## [${version}]" section`);
  const body = bodyText(section);
  if (body === '') throw new ReleaseError(`CHANGELOG.md's section for ${version} is empty`);
  return body;
}

function withVersion(version) {
  const pkg = JSON.parse(read('package.json'));
  pkg.version = version;
  const lock = JSON.parse(read('package-lock.json'));
  lock.version = version;
  if (lock.packages?.['']) lock.packages[''].version = version;
  const versionTs = read('src/version.ts');
  if (!VERSION_TS.test(versionTs))
    throw new ReleaseError('src/version.ts has no `export const VERSION = …` line');
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify(lock, null, 2)}\n`,
    'src/version.ts': versionTs.replace(VERSION_TS, `export const VERSION = '${version}';`),
  };
}

function check(tag) {
  const version = tag.replace(/^v/, '');
  if (!parseVersion(version)) throw new ReleaseError(`"${tag}" is not a release tag: expected vX.Y.Z`);
  const pkgVersion = JSON.parse(read('package.json')).version;
  if (pkgVersion !== version)
    throw new ReleaseError(`tag ${tag} does not match package.json's version ${pkgVersion}`);
  const tsVersion = VERSION_TS.exec(read('src/version.ts'))?.[1];
  if (tsVersion !== version)
    throw new ReleaseError(`tag ${tag} does not match src/version.ts's VERSION ${tsVersion ?? '(none)'}`);
  notesFor(read('CHANGELOG.md'), version);
  console.log(`${tag}: package.json, src/version.ts and CHANGELOG.md agree`);
}

function prepare(wanted, { dryRun, bundle }) {
  const dirty = git('status', '--porcelain');
  if (dirty !== '')
    throw new ReleaseError(`refusing to release from a dirty tree; commit or stash these first:\n${dirty}`);
  const current = JSON.parse(read('package.json')).version;
  const version = nextVersion(current, wanted);
  const tag = `v${version}`;
  if (git('tag', '--list', tag) !== '') throw new ReleaseError(`tag ${tag} exists already`);
  const date = new Date().toISOString().slice(0, 10);
  const files = {
    ...withVersion(version),
    'CHANGELOG.md': moveUnreleased(read('CHANGELOG.md'), version, date),
  };
  if (dryRun) {
    console.log(`dry run: ${current} -> ${version} (tag ${tag}); nothing written, committed or tagged`);
    for (const path of Object.keys(files)) console.log(`  would write ${path}`);
    console.log(`\nRelease notes for ${tag}:\n${notesFor(files['CHANGELOG.md'], version)}`);
    return;
  }
  for (const [path, text] of Object.entries(files)) writeFileSync(resolve(root, path), text);
  if (bundle) execFileSync('npm', ['run', 'bundle'], { cwd: root, stdio: 'inherit' });
  git('add', '--all', '--', ...Object.keys(files), 'dist');
  git('commit', '--quiet', '-m', `Release ${tag}`);
  git('tag', '--annotate', tag, '-m', `TrailSight ${tag}\n\n${notesFor(files['CHANGELOG.md'], version)}`);
  console.log(`Committed "Release ${tag}" and tagged ${tag}. Publish with: git push origin HEAD ${tag}`);
}

function main(argv) {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const args = argv.filter((a) => !a.startsWith('--'));
  const known = new Set(['--dry-run', '--no-bundle', '--check', '--notes', '--help']);
  for (const f of flags) if (!known.has(f)) throw new ReleaseError(`unknown option ${f}; see --help`);
  if (flags.has('--help') || args.length !== 1) {
    console.log(
      'usage: node scripts/release.mjs <X.Y.Z|patch|minor|major> [--dry-run] [--no-bundle]\n' +
        '       node scripts/release.mjs --check vX.Y.Z\n' +
        '       node scripts/release.mjs --notes X.Y.Z',
    );
    if (!flags.has('--help')) process.exitCode = 2;
    return;
  }
  const [arg] = args;
  if (flags.has('--check')) return check(arg);
  if (flags.has('--notes'))
    return void process.stdout.write(`${notesFor(read('CHANGELOG.md'), arg.replace(/^v/, ''))}\n`);
  prepare(arg, { dryRun: flags.has('--dry-run'), bundle: !flags.has('--no-bundle') });
}

try {
  main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof ReleaseError)) throw err;
  console.error(`release: ${err.message}`);
  process.exitCode = 1;
}
