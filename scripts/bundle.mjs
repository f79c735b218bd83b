// Builds dist/index.js (the action) and dist/cli/index.js (the CLI, started by dist/cli.js) with ncc, each with
// the chunks it loads on demand beside it. Transpile only: `npm run typecheck` checks types once for the whole
// project, and ncc re-checking it made bundling several times slower.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const build = (entry, outDir) =>
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      entry,
      '-o',
      outDir,
      '--license',
      'licenses.txt',
      '--quiet',
      '--target',
      'es2022',
      '--transpile-only',
    ],
    {
      stdio: 'inherit',
    },
  );

/**
 * Writes every character above U+007F of a bundle as a `\uXXXX` escape. V8 keeps a script's whole source in memory
 * (functions compile lazily from it), as one byte per character only when every character is Latin-1: the few
 * hundred `’`, `…` and `🟥` in messages and comments made it two bytes per character, 12 MB instead of 6 for the
 * CLI (measured: peak RSS of a 1,000,000-event run about 10 MB lower). The characters sit in strings, templates and
 * comments, where the escape means the same; a tagged template reading `.raw` would see the escape, and
 * one after a backslash would be escaped twice, so the build stops on either.
 */
function asciiOnly(file) {
  const src = readFileSync(file, 'utf8');
  const raw = /String\.raw`[^`]*[\u0080-\uffff][^`]*`/.exec(src);
  if (raw)
    throw new Error(`${file}: a String.raw template holds a non-ASCII character: ${raw[0].slice(0, 80)}`);
  // After a backslash (`'\’'`) the escape would read as an escaped backslash followed by `u2019`.
  const escaped = /\\[\u0080-\uffff]/.exec(src);
  if (escaped) throw new Error(`${file}: a backslash before a non-ASCII character at ${escaped.index}`);
  const out = src.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(file, out);
}

rmSync('dist', { recursive: true, force: true });
build('src/index.ts', 'dist');
// The CLI gets a folder of its own: ncc numbers modules per build, so the two builds' chunks (the AWS SDK's
// packages, Octokit and the stages that use them, loaded when a run needs them) share names but not contents.
build('src/cli.ts', join('dist', 'cli'));
writeFileSync(
  join('dist', 'cli.js'),
  `#!/usr/bin/env node\n// The CLI's bundle and its chunks are in cli/ (scripts/bundle.mjs builds both).\nimport './cli/index.js';\n`,
);
for (const dir of ['dist', join('dist', 'cli')]) {
  for (const f of readdirSync(dir)) if (f.endsWith('.js')) asciiOnly(join(dir, f));
}
chmodSync(join('dist', 'cli.js'), 0o755);
