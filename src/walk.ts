/** File-path helpers shared by `events-file` and `rules-file`, which both take files, directories and globs. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** True when a path entry is a glob rather than a file or directory name. */
export function hasGlob(p: string): boolean {
  return /[*?[\]{}]/.test(p);
}

/** Every file below `dir`, in name order (an unreadable directory gives nothing). */
export async function* walk(dir: string): AsyncGenerator<string> {
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
