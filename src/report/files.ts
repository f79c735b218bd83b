import { mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Report } from '../types.js';
import { writeJsonFile } from './json-file.js';
import { markdownFileChunks } from './markdown.js';
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
  opts: { redaction: Redaction },
): Promise<{ jsonPath: string; markdownPath: string }> {
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
  return { jsonPath, markdownPath };
}
