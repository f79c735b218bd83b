/** `rules-file` entries (files, directories, globs) as the YAML files they name. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { hasGlob, walk } from '../../walk.js';

const YAML_FILE = /\.ya?ml$/i;

/**
 * Expands `rules-file` entries: a file is kept as given (a missing one is reported when it is read), a directory
 * gives every `.yml`/`.yaml` below it, a glob every file it matches. `unmatched` lists directories and globs
 * that gave nothing, which is a configuration mistake rather than an empty rule set.
 */
export async function expandRuleFiles(
  entries: readonly string[],
  cwd = process.cwd(),
): Promise<{ files: string[]; unmatched: string[] }> {
  const files: string[] = [];
  const seen = new Set<string>();
  const unmatched: string[] = [];
  const add = (f: string): void => {
    const abs = path.resolve(cwd, f);
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push(f);
  };
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const before = files.length;
    if (hasGlob(entry)) {
      // Walk only below the glob's fixed prefix.
      const abs = path.resolve(cwd, entry).split(path.sep).join('/');
      const segs = abs.split('/');
      const base = segs.slice(0, segs.findIndex(hasGlob)).join('/') || '/';
      const isMatch = picomatch(abs, { dot: true });
      for await (const f of walk(base)) if (isMatch(f.split(path.sep).join('/'))) add(f);
      if (files.length === before) unmatched.push(entry);
      continue;
    }
    const st = await stat(path.resolve(cwd, entry)).catch(() => undefined);
    if (st?.isDirectory()) {
      for await (const f of walk(path.resolve(cwd, entry))) if (YAML_FILE.test(f)) add(f);
      if (files.length === before) unmatched.push(entry);
    } else add(entry);
  }
  return { files, unmatched };
}
