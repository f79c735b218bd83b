// Builds dist/index.js (the action) and dist/cli.js (the CLI) with ncc. Transpile only: `npm run typecheck`
// checks types once for the whole project, and ncc re-checking it made bundling several times slower. Each entry is bundled into its own
// folder first because ncc always names its output index.js.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, chmodSync } from 'node:fs';
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

rmSync('dist', { recursive: true, force: true });
build('src/index.ts', 'dist');
const tmp = join('dist', '.cli-build');
build('src/cli.ts', tmp);
renameSync(join(tmp, 'index.js'), join('dist', 'cli.js'));
// The CLI bundle's own copies of shared files (licenses, package.json marker) are the same as the action's.
for (const f of readdirSync(tmp)) {
  if (!existsSync(join('dist', f))) cpSync(join(tmp, f), join('dist', f), { recursive: true });
}
rmSync(tmp, { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
chmodSync(join('dist', 'cli.js'), 0o755);
