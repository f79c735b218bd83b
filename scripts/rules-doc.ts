/** Writes docs/rules.md from the built-in rule pack (`npm run docs:rules`; `-- --check` exits 1 when it is stale). */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { builtinRules } from '../src/detect/index.js';
import { renderRulesDoc } from '../src/detect/rules-doc.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules.md');
// Formatted as `prettier --write .` would leave it, so formatting the repository never makes the file stale.
const text = await prettier.format(renderRulesDoc(builtinRules()), {
  ...(await prettier.resolveConfig(target)),
  filepath: target,
});
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error('docs/rules.md is stale: run npm run docs:rules');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
