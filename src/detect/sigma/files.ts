/** `rules-file` entries (files, directories, globs) as the YAML files they name. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';

const YAML_FILE = /\.ya?ml$/i;
const hasGlob = (p: string): boolean => /[*?[\]{}]/.test(p);

async function* walk(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else if (e.isFile()) yield full;
  }
}

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
