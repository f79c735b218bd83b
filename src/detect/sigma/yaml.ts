/** Sigma files as YAML documents (a file may hold several, e.g. base rules and their correlation), with line lookup. */
import { isMap, isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { ConfigError } from '../../errors.js';
import type { Where } from './detection.js';

/** One YAML document of a Sigma file. */
export interface SigmaDoc {
  file: string;
  /** 1-based index of the document in its file. */
  index: number;
  data: Record<string, unknown>;
  where: Where;
  /** The document's own text, as written (what an export of a loaded rule reproduces, credits included). */
  text: string;
}

function offsetOf(doc: Document, path: readonly (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return node.range[0];
  }
  return doc.range?.[0] ?? 0;
}

function keyOffset(doc: Document, path: readonly (string | number)[], key: string): number | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

const SIGMA_KEYS = ['detection', 'correlation', 'logsource'];

/** True when a YAML text is Sigma by its shape: a document with `detection`, `logsource` or `correlation`. */
export function looksLikeSigma(text: string): boolean {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return false;
  return docs.some((d) => {
    const c = d.contents;
    return isMap(c) && c.items.some((p) => isScalar(p.key) && SIGMA_KEYS.includes(String(p.key.value)));
  });
}

/** Parse every document of a Sigma file; throws ConfigError naming file:line:col for YAML errors. */
export function parseSigmaFile(file: string, text: string): SigmaDoc[] {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  const pos = (offset: number): string => {
    const p = lineCounter.linePos(offset);
    return `${file}:${p.line}:${p.col}`;
  };
  const problems: string[] = [];
  for (const d of docs)
    for (const err of d.errors)
      problems.push(`${pos(err.pos[0])}: invalid YAML: ${err.message.split('\n')[0] ?? err.code}`);
  if (problems.length > 0) throw new ConfigError(problems.slice(0, 5));
  const out: SigmaDoc[] = [];
  docs.forEach((doc, i) => {
    const data = doc.toJS() as unknown;
    if (data === null || data === undefined) return;
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw new ConfigError([
        `${pos(doc.range[0])}: document ${i + 1} is not a map; a Sigma rule is a map with title, id, logsource and detection (or correlation)`,
      ]);
    }
    out.push({
      file,
      index: i + 1,
      data: data as Record<string, unknown>,
      where: (path, key) =>
        pos((key !== undefined ? keyOffset(doc, path, key) : undefined) ?? offsetOf(doc, path)),
      text: text.slice(doc.range[0], doc.range[2]).replace(/\s+$/, '') + '\n',
    });
  });
  return out;
}
