// `npm run docs` regenerates action.yml and the README tables; `npm run docs -- --check` fails if stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderActionYml, renderReadme } from './docs-lib.js';

const check = process.argv.includes('--check');
const targets: [string, string][] = [
  ['action.yml', renderActionYml()],
  ['README.md', renderReadme(readFileSync('README.md', 'utf8'))],
];
let stale = 0;
for (const [path, want] of targets) {
  const have = readFileSync(path, 'utf8');
  if (have === want) continue;
  if (check) {
    console.error(`${path} is stale: run \`npm run docs\``);
    stale++;
  } else {
    writeFileSync(path, want);
    console.log(`updated ${path}`);
  }
}
process.exitCode = stale ? 1 : 0;
