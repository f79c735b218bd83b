/** Renders action.yml and the README's inputs/outputs tables from src/config/inputs.ts. */
import { stringify } from 'yaml';
import { INPUTS, OUTPUTS } from '../src/config/inputs.js';

export const ACTION_HEADER =
  '# Generated from src/config/inputs.ts by `npm run docs`; edit that file, not this one.\n';

/** The whole action.yml. */
export function renderActionYml(): string {
  const inputs: Record<string, { description: string; required: boolean; default?: string }> = {};
  for (const i of INPUTS) {
    inputs[i.name] = {
      description: i.description,
      required: false,
      ...(i.default !== '' ? { default: i.default } : {}),
    };
  }
  const outputs: Record<string, { description: string }> = {};
  for (const o of OUTPUTS) outputs[o.name] = { description: o.description };
  const doc = {
    name: 'TrailSight — CloudTrail security review',
    description:
      'Reviews AWS CloudTrail activity with a deterministic rule engine and Claude on Amazon Bedrock; reports to the job summary, issues, PR comments and SNS, and gates on severity.',
    author: 'TrailSight',
    branding: { icon: 'shield', color: 'orange' },
    inputs,
    outputs,
    runs: { using: 'node24', main: 'dist/index.js' },
  };
  return ACTION_HEADER + stringify(doc, { lineWidth: 0 });
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The README's inputs table, grouped as in DESIGN.md. */
export function renderInputsTable(): string {
  const rows = ['| input | group | default | description |', '|---|---|---|---|'];
  for (const i of INPUTS) {
    const def = i.defaultNote ?? (i.default === '' ? '' : `\`${i.default}\``);
    rows.push(`| \`${i.name}\` | ${i.group} | ${cell(def)} | ${cell(i.description)} |`);
  }
  return rows.join('\n');
}

/** The README's outputs table. */
export function renderOutputsTable(): string {
  const rows = ['| output | description |', '|---|---|'];
  for (const o of OUTPUTS) rows.push(`| \`${o.name}\` | ${cell(o.description)} |`);
  return rows.join('\n');
}

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
export function replaceBlock(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} block`);
  return `${doc.slice(0, a + start.length)}\n${body}\n${doc.slice(b)}`;
}

/** README with both tables regenerated. */
export function renderReadme(readme: string): string {
  return replaceBlock(replaceBlock(readme, 'inputs', renderInputsTable()), 'outputs', renderOutputsTable());
}
