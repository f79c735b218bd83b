/** Reading user rules and suppressions from YAML, with errors that name the file, line and field. */
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';

type Issue = z.core.$ZodIssue;
type PathKey = string | number;

/** A parsed YAML file: the data, plus a way to find the line of any path in it. */
export interface YamlSource {
  file: string;
  data: unknown;
  /** `file:line:col` of the node at `path` (or of its nearest existing parent); with `key`, of that key in the map. */
  where(path: readonly PathKey[], key?: string): string;
}

/** Parse YAML text; throws ConfigError naming the file, line and column of a syntax error. */
export function parseYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.slice(0, 5).map((err) => {
        const pos = lineCounter.linePos(err.pos[0]);
        return `${file}:${pos.line}:${pos.col}: invalid YAML: ${err.message.split('\n')[0] ?? err.code}`;
      }),
    );
  }
  const where = (path: readonly PathKey[], key?: string): string => {
    const offset = (key !== undefined ? keyOffset(doc, path, key) : undefined) ?? offsetOf(doc, path);
    const pos = lineCounter.linePos(offset);
    return `${file}:${pos.line}:${pos.col}`;
  };
  return { file, data: doc.toJS(), where };
}

function offsetOf(doc: Document, path: readonly PathKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return node.range[0];
  }
  return 0;
}

/** Offset of a key inside the map at `path` (for "unknown field" errors, which point at the key itself). */
function keyOffset(doc: Document, path: readonly PathKey[], key: string): number | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

/** Render a zod path as `rules[0].match.all[1].field`. */
export function dotted(path: readonly PathKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s === '' ? '(top level)' : s;
}

// A condition is a union (all / any / not / field); zod reports every branch. The branch with the fewest issues
// (ties: the one that got deepest) is the one the author meant, so its issues are the ones worth showing.
function flatten(issue: Issue, prefix: readonly PathKey[]): { path: PathKey[]; issue: Issue }[] {
  const path = [...prefix, ...(issue.path as PathKey[])];
  if (
    issue.code === 'invalid_union' &&
    'errors' in issue &&
    Array.isArray(issue.errors) &&
    issue.errors.length > 0
  ) {
    const branches = (issue.errors as Issue[][]).map((b) => b.flatMap((i) => flatten(i, path)));
    branches.sort(
      (a, b) =>
        a.length - b.length ||
        Math.max(...b.map((x) => x.path.length)) - Math.max(...a.map((x) => x.path.length)),
    );
    return branches[0] ?? [];
  }
  return [{ path, issue }];
}

/** Validate parsed YAML against a schema; throws ConfigError listing each problem as `file:line:col: path: message`. */
export function validate<S extends z.ZodType>(src: YamlSource, schema: S): z.output<S> {
  const res = schema.safeParse(src.data);
  if (res.success) return res.data;
  const problems: string[] = [];
  for (const top of res.error.issues) {
    for (const { path, issue } of flatten(top, [])) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          problems.push(`${src.where(path, key)}: ${dotted([...path, key])}: unknown field "${key}"`);
      } else {
        problems.push(`${src.where(path)}: ${dotted(path)}: ${issue.message}`);
      }
    }
  }
  // In file order, so the first problem listed is the first one the author meets.
  const pos = (p: string): number[] => (/:(\d+):(\d+): /.exec(p) ?? []).slice(1).map(Number);
  const sorted = [...new Set(problems)].sort((a, b) => {
    const [la = 0, ca = 0] = pos(a);
    const [lb = 0, cb = 0] = pos(b);
    return la - lb || ca - cb;
  });
  throw new ConfigError(sorted.slice(0, 10));
}

/** Read, parse and validate one YAML file. */
export async function loadYamlFile<S extends z.ZodType>(
  file: string,
  schema: S,
): Promise<{ src: YamlSource; value: z.output<S> }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`${file}: cannot read: ${(err as Error).message}`]);
  }
  const src = parseYaml(file, text);
  // An empty file is an empty list of rules or suppressions, not an error.
  if (src.data === null || src.data === undefined) src.data = schema.safeParse([]).success ? [] : {};
  return { src, value: validate(src, schema) };
}
