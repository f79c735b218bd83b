import { ConfigError } from '../errors.js';
import { CLI_FLAGS, INPUTS } from './inputs.js';

/** What `--format` accepts: the JSON report, its Markdown rendering, or a page for the terminal. */
export const CLI_FORMATS = ['json', 'markdown', 'text', 'ocsf'] as const;
export type CliFormat = (typeof CLI_FORMATS)[number];

export interface CliArgs {
  command: 'analyze' | 'help' | 'version';
  inputs: Record<string, string>;
  format: CliFormat;
  output: string;
  profile?: string;
}

/**
 * Parses `trailsight analyze --<input-name> value …` (also `--name=value`). Flags carry the action's input
 * names; a flag given twice is joined as a list (so `--regions a --regions b` works). Unknown flags and
 * missing values are reported together.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const problems: string[] = [];
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { command: 'help', inputs: {}, format: 'markdown', output: '-' };
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    return { command: 'version', inputs: {}, format: 'markdown', output: '-' };
  }
  if (first !== 'analyze') {
    throw new ConfigError([
      `unknown command ${JSON.stringify(first)}; use \`trailsight analyze [--<input> value]…\` or \`trailsight --help\``,
    ]);
  }
  const inputNames = new Set(INPUTS.map((i) => i.name));
  const cliNames = new Set(CLI_FLAGS.map((i) => i.name));
  const inputs: Record<string, string> = {};
  const cli: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--help' || arg === '-h')
      return { command: 'help', inputs: {}, format: 'markdown', output: '-' };
    if (!arg.startsWith('--')) {
      problems.push(`unexpected argument ${JSON.stringify(arg)}; flags look like --lookback 24h`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    let value: string | undefined = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (value === undefined) {
      const next = rest[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i++;
      }
    }
    if (!inputNames.has(name) && !cliNames.has(name)) {
      problems.push(`\`--${name}\` is not a flag of trailsight analyze; see \`trailsight --help\``);
      continue;
    }
    if (value === undefined) {
      // A bare boolean flag (`--close-resolved`) means true.
      const spec = INPUTS.find((s) => s.name === name);
      if (spec && (spec.default === 'true' || spec.default === 'false')) value = 'true';
      else {
        problems.push(`\`--${name}\` needs a value`);
        continue;
      }
    }
    const target = inputNames.has(name) ? inputs : cli;
    target[name] = target[name] !== undefined ? `${target[name]},${value}` : value;
  }
  const format = (cli.format ?? 'markdown').toLowerCase();
  const known = CLI_FORMATS.find((f) => f === format);
  if (!known) {
    problems.push(
      `\`--format\`: ${JSON.stringify(cli.format)} is not valid; use ${CLI_FORMATS.slice(0, -1).join(', ')} or ${CLI_FORMATS[CLI_FORMATS.length - 1]}`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    command: 'analyze',
    inputs,
    format: known ?? 'markdown',
    output: cli.output ?? '-',
    ...(cli.profile ? { profile: cli.profile } : {}),
  };
}
