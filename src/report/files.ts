import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Report } from '../types.js';
import { writeJsonFile } from './json-file.js';
import { markdownFileChunks } from './markdown.js';
import { ocsfFindingUids, ocsfPathFor, renderOcsf } from './ocsf.js';
import type { Redaction } from './redact.js';

/** `report.json` → `report.md`; any other name gets `.md` appended. */
export function markdownPathFor(reportPath: string): string {
  return /\.json$/i.test(reportPath) ? reportPath.replace(/\.json$/i, '.md') : `${reportPath}.md`;
}

/**
 * Writes the complete JSON report (never redacted: it is the record) and a Markdown copy beside it
 * (redacted like the destinations, since it is typically uploaded as an artifact). Returns absolute paths.
 */
export async function writeReportFiles(
  report: Report,
  reportPath: string,
  opts: { redaction: Redaction; ocsf?: boolean },
): Promise<{ jsonPath: string; markdownPath: string; ocsfPath?: string }> {
  const jsonPath = resolve(reportPath);
  const markdownPath = resolve(markdownPathFor(reportPath));
  await mkdir(dirname(jsonPath), { recursive: true });
  await writeJsonFile(jsonPath, report);
  // Written piece by piece: the Markdown of thousands of findings runs to tens of MB as one string.
  const fh = await open(markdownPath, 'w');
  try {
    let pending = '';
    for (const chunk of markdownFileChunks(report, opts.redaction)) {
      pending += chunk;
      if (pending.length >= 64 * 1024) {
        await fh.write(pending, null, 'utf8');
        pending = '';
      }
    }
    if (pending) await fh.write(pending, null, 'utf8');
  } finally {
    await fh.close();
  }
  if (!opts.ocsf) return { jsonPath, markdownPath };
  const ocsfPath = resolve(ocsfPathFor(reportPath));
  await writeJsonFile(ocsfPath, renderOcsf(report, { previous: await previousOcsf(ocsfPath) }));
  return { jsonPath, markdownPath, ocsfPath };
}

/**
 * Finding uids of the OCSF file already at `path` (a workflow that restores it from a cache or artifact): those
 * findings are reported as updates. No file, or one that is not OCSF, means every finding is new.
 */
export async function previousOcsf(path: string): Promise<Set<string>> {
  try {
    return ocsfFindingUids(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return new Set();
  }
}
