import { LIMITS } from '../report/limits.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Redaction } from '../report/redact.js';
import { codeSpan, mdInline } from '../report/sanitize.js';
import type { Report } from '../types.js';
import type { DestinationResult, PublishDeps } from './types.js';

// Room kept for the delivery section appended after the report.
const DELIVERY_ROOM = 8_192;
/** Per-finding failures listed under the table; the rest are counted, so the section stays within its room. */
export const LISTED_FAILURES = 20;

/** The delivery section: what every other destination did, so a failure shows where people look. */
export function deliveryMarkdown(results: readonly DestinationResult[]): string {
  if (results.length === 0) return '';
  const rows = results.map((d) => {
    const status = d.ok
      ? d.skipped
        ? `skipped: ${mdInline(d.skipped)}`
        : d.detail
          ? `✅ ${mdInline(d.detail)}`
          : '✅ delivered'
      : `❌ failed: ${mdInline(d.error ?? 'unknown error')}`;
    const link = d.url && /^https?:\/\/[^\s<>()]+$/.test(d.url) ? ` ([link](${d.url}))` : '';
    return `| ${d.name} | ${status.slice(0, 1_000)}${link} |`;
  });
  return ['### Delivery', '| Destination | Result |', '|---|---|', ...rows, ...failureLines(results)].join(
    '\n',
  );
}

/** Which findings a destination could not deliver, and the service's reason for each. */
function failureLines(results: readonly DestinationResult[]): string[] {
  const out: string[] = [];
  for (const d of results) {
    const failures = d.failures ?? [];
    if (failures.length === 0) continue;
    out.push('', `**${mdInline(d.name)}: findings not delivered**`, '');
    for (const f of failures.slice(0, LISTED_FAILURES)) {
      out.push(
        `- ${codeSpan(f.id.slice(0, 80))} ${codeSpan(f.code.slice(0, 60))}: ${mdInline(f.message.slice(0, 160))}`,
      );
    }
    if (failures.length > LISTED_FAILURES)
      out.push(`- … and ${failures.length - LISTED_FAILURES} more (see the log)`);
  }
  return out;
}

/** `report-to: summary`: the report, then how the other destinations fared, in the job summary. */
export async function publishSummary(
  report: Report,
  deps: PublishDeps & Required<Pick<PublishDeps, 'summary'>>,
  redaction: Redaction,
  others: readonly DestinationResult[],
): Promise<DestinationResult> {
  const md = renderMarkdown(report, {
    maxChars: LIMITS.summaryBytes - DELIVERY_ROOM,
    redaction,
    destination: 'summary',
  });
  const delivery = deliveryMarkdown(others);
  await deps.summary.write(delivery ? `${md}\n${delivery}\n` : md);
  return { name: 'summary', ok: true };
}
