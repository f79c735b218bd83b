import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Report } from '../types.js';
import { writeJsonFile } from './json-file.js';
import { renderMarkdown } from './markdown.js';
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
  const md = renderMarkdown(report, {
    maxChars: Number.POSITIVE_INFINITY,
    redaction: opts.redaction,
    destination: 'file',
  });
  await writeFile(markdownPath, md, 'utf8');
  return { jsonPath, markdownPath };
}
