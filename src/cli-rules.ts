/** `trailsight rules export --format sigma --output DIR`: the rule pack (and rules-file rules) written as Sigma. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseBool, parseList, Problems } from './config/parse.js';
import { builtinRules } from './detect/index.js';
import { loadYamlFile } from './detect/load.js';
import { rulesFileSchema, type Rule } from './detect/schema.js';
import { exportSigma, type ExportResult } from './detect/sigma/export.js';
import { loadSigma } from './detect/sigma/index.js';
import { ConfigError } from './errors.js';
import type { Logger } from './types.js';

export const RULES_USAGE =
  'Usage: trailsight rules export --format sigma --output DIR [--rules-file PATH]… [--builtin-rules true|false]';

interface ExportArgs {
  output: string;
  rulesFiles: string[];
  builtin: boolean;
}

/** Parses the flags of `rules export`; throws ConfigError listing every problem. */
export function parseRulesArgs(argv: readonly string[]): ExportArgs {
  const [sub, ...rest] = argv;
  if (sub !== 'export')
    throw new ConfigError([`unknown rules command ${JSON.stringify(sub ?? '')}; ${RULES_USAGE}`]);
  const p = new Problems();
  const flags: Record<string, string[]> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq > 0 ? eq : undefined) : '';
    if (!['format', 'output', 'rules-file', 'builtin-rules'].includes(name)) {
      p.add(`rules export: ${JSON.stringify(arg)} is not a flag of rules export; ${RULES_USAGE}`);
      continue;
    }
    let value = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (value === undefined && rest[i + 1] !== undefined && !(rest[i + 1] as string).startsWith('--'))
      value = rest[++i];
    if (value === undefined) {
      if (name === 'builtin-rules') value = 'true';
      else {
        p.add(`\`--${name}\` needs a value`);
        continue;
      }
    }
    (flags[name] ??= []).push(value);
  }
  const format = flags.format?.at(-1);
  if (format === undefined) p.add('`--format` is required; the format written is sigma');
  else if (format.toLowerCase() !== 'sigma') p.bad('--format', format, 'use sigma');
  const output = flags.output?.at(-1);
  if (output === undefined) p.add('`--output` is required: the directory to write the Sigma files to');
  const builtin = parseBool('--builtin-rules', flags['builtin-rules']?.at(-1) ?? 'true', p) ?? true;
  if (p.list.length > 0) throw new ConfigError(p.list);
  return { output: output as string, rulesFiles: (flags['rules-file'] ?? []).flatMap(parseList), builtin };
}

/** Loads the rules to export: the built-in pack (unless off), our-format rules files and Sigma rules files. */
export async function exportRules(args: ExportArgs): Promise<ExportResult> {
  const ours: { rule: Rule; origin: string }[] = args.builtin
    ? builtinRules().map((rule) => ({ rule, origin: 'built-in pack' }))
    : [];
  const sigma = await loadSigma(args.rulesFiles, (f) => readFile(f, 'utf8'));
  if (sigma.problems.length > 0) throw new ConfigError(sigma.problems);
  for (const file of sigma.ownFormat) {
    const { value } = await loadYamlFile(file, rulesFileSchema);
    for (const rule of value.rules) ours.push({ rule, origin: `rules file ${file}` });
  }
  return exportSigma(ours, [...sigma.meta.values()]);
}

/** Runs `trailsight rules …`; returns the exit code. */
export async function rulesMain(argv: readonly string[], logger: Logger): Promise<number> {
  const args = parseRulesArgs(argv);
  const result = await exportRules(args);
  await mkdir(args.output, { recursive: true });
  for (const f of result.files) await writeFile(join(args.output, f.name), f.text);
  for (const s of result.skipped) logger.warning(`${s.id} is not exported: ${s.reason}.`);
  logger.info(
    `Wrote ${result.ids.size} Sigma rules to ${args.output} (${result.skipped.length} skipped, listed in SKIPPED.yml).`,
  );
  return 0;
}
