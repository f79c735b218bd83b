/**
 * What the benchmarks share to measure a child process: a wrapper script that runs a script with the child's own
 * arguments and, when it exits (even through process.exit()), writes its peak RSS (getrusage maxRSS) and CPU time
 * to the file named by USAGE_OUT; the CLI's form of a window bound; and reading a whole-number option.
 */

/** Environment variables the wrapper reads: where to write the usage, and the script to run. */
export const USAGE_OUT = 'TS_BENCH_OUT';
export const USAGE_SCRIPT = 'TS_BENCH_SCRIPT';

/** The wrapper's source; write it to a `.mjs` file and run `node wrapper.mjs <the script's arguments>`. */
export const USAGE_WRAPPER = `import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const out = process.env.${USAGE_OUT};
const script = process.env.${USAGE_SCRIPT};
process.argv.splice(1, 1, script);
process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(out, JSON.stringify({ maxRssKb: u.maxRSS, cpuUs: u.userCPUTime + u.systemCPUTime }));
});
await import(pathToFileURL(script).href);
`;

/** A time as the CLI's --start-time / --end-time take it (whole seconds, no milliseconds). */
export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** `--name N` from the command line, a positive whole number (`fallback` when not given). */
export function wholeArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} takes a positive whole number`);
  return v;
}
