/** The closing parts of the Markdown report: activity over time, access patterns and coverage. */
import type { CountEntry, Report, SourceReport } from '../types.js';
import { bytes, num, plural, shortArn, usd, utc } from './format.js';
import { DETAIL } from './limits.js';
import { activityBuckets, activityChart } from './mermaid.js';
import { codeSpan, mdInline } from './sanitize.js';

/** `<details>` with a summary, or nothing when there is nothing to fold (GitHub shows an empty fold as a dead end). */
export function fold(summary: string, body: string): string {
  return body.trim() === '' ? '' : `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** Events and errors over time: a Mermaid chart, the peak in words, the busiest buckets folded. */
export function activity(r: Report, h: string): string {
  const chart = activityChart(r.stats.hourly);
  if (!chart) return '';
  const { stepHours, buckets } = activityBuckets(r.stats.hourly);
  const unit = stepHours === 1 ? 'hour' : stepHours === 24 ? 'day' : `${stepHours} hours`;
  const busiest = [...buckets].sort((a, b) => b.count - a.count || a.start - b.start).slice(0, 5);
  const peak = busiest[0];
  const errors = buckets.reduce((a, b) => a + b.errors, 0);
  const at = (ms: number): string => utc(new Date(ms).toISOString(), { seconds: false }) ?? '';
  const words = peak
    ? `Busiest ${unit}: ${plural(peak.count, 'event')} from ${at(peak.start)}; ${plural(errors, 'error')} in all.`
    : '';
  const table = [
    `| ${unit === 'hour' ? 'Hour' : 'From'} | Events | Errors |`,
    '|---|--:|--:|',
    ...busiest.map((b) => `| ${at(b.start)} | ${num(b.count)} | ${num(b.errors)} |`),
  ].join('\n');
  return [`${h} Activity over time`, chart, words, fold(`The ${busiest.length} busiest`, table)]
    .filter((x) => x !== '')
    .join('\n\n');
}

function countTable(title: string, rows: readonly CountEntry[], code: boolean, arn: boolean): string {
  if (rows.length === 0) return '';
  const lines = [`| ${title} | Events |`, '|---|--:|'];
  for (const e of rows.slice(0, DETAIL.statRows)) {
    const key = arn ? shortArn(e.key, 60) : e.key;
    lines.push(`| ${code ? codeSpan(key, { table: true }) : mdInline(key)} | ${num(e.count)} |`);
  }
  return lines.join('\n');
}

// The access-pattern tables, as data: which list, its column title, and whether its keys are identifiers.
// `arn` keys are shown as short ARNs, so the tables keep to the page's width.
const COUNT_TABLES: readonly {
  key: keyof Report['stats'];
  title: string;
  many: string;
  code: boolean;
  arn?: boolean;
}[] = [
  { key: 'topEventNames', title: 'Event name', many: 'event names', code: true },
  { key: 'topPrincipals', title: 'Principal', many: 'principals', code: true, arn: true },
  { key: 'topServices', title: 'Service', many: 'services', code: false },
  { key: 'topResources', title: 'Resource', many: 'resources', code: true, arn: true },
  { key: 'topSourceIps', title: 'Source IP', many: 'source IPs', code: true },
  { key: 'topUserAgents', title: 'User agent', many: 'user agents', code: true },
  { key: 'regions', title: 'Region', many: 'regions', code: false },
  { key: 'accounts', title: 'Account', many: 'accounts', code: true },
];

/** Console logins, reads/writes and errors at a glance; the top-k tables folded (and left out when all empty). */
export function accessPatterns(r: Report, h: string): string {
  const s = r.stats;
  if (s.totalEvents === 0) return '';
  const tables = COUNT_TABLES.map((t) => ({
    many: t.many,
    md: countTable(t.title, s[t.key] as CountEntry[], t.code, t.arn === true),
  })).filter((t) => t.md !== '');
  const principals =
    s.principals.length > 0
      ? [
          '| Principal | Events | Errors | Denied | Writes | Services | Source IPs |',
          '|---|--:|--:|--:|--:|--:|--:|',
          ...s.principals
            .slice(0, DETAIL.statRows)
            .map(
              (p) =>
                `| ${codeSpan(shortArn(p.principal), { table: true })} | ${num(p.events)} | ${num(p.errors)} | ${num(p.accessDenied)} | ${num(p.writes)} | ${num(p.services)} | ${num(p.sourceIps)} |`,
            ),
        ].join('\n')
      : '';
  const c = s.consoleLogins;
  const overview = [
    '| Console logins | Failed | Without MFA | Root | Reads | Writes | Errors | AccessDenied |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|',
    `| ${num(c.success)} | ${num(c.failure)} | ${num(c.withoutMfa)} | ${num(c.root)} | ${num(s.readOnly.read)} | ${num(s.readOnly.write)} | ${num(s.errors.total)} | ${num(s.errors.accessDenied)} |`,
  ].join('\n');
  const approx = s.approximate
    ? '_Counts below the top of each table are approximate (bounded sketch)._'
    : '';
  const titles = [...tables.map((t) => t.many), ...(principals ? ['activity per principal'] : [])];
  const body = [...tables.map((t) => t.md), principals, approx].filter((x) => x !== '').join('\n\n');
  return [`${h} Access patterns`, overview, titles.length > 0 ? fold(`Top ${titles.join(', ')}`, body) : '']
    .filter((x) => x !== '')
    .join('\n\n');
}

/**
 * A scope's state after its name: "not read" (and where it was looked for) is never shown as "0 events", a quiet
 * scope says so, and one cut short says why.
 */
function scopeState(s: SourceReport): string {
  const where = s.location ? ` (looked under ${codeSpan(s.location)})` : '';
  const why = s.errors.length > 0 ? `: ${mdInline(s.errors.join('; '))}` : '';
  if (s.coverage === 'not-read') return ` **not read**${where}${why}`;
  if (s.coverage === 'no-activity') return ' no activity in the window';
  return s.complete ? '' : ` **not read to its end**${why}`;
}

// Beyond this many scopes of one source kind, the scopes are folded and the line says how many accounts.
const SCOPES_INLINE = 3;

/** One line per source kind (its scopes inline when few, folded when many); incomplete scopes always named. */
function sourceLines(sources: readonly SourceReport[]): string[] {
  const kinds = [...new Set(sources.map((s) => s.source))];
  const out: string[] = [];
  for (const kind of kinds) {
    const of = sources.filter((s) => s.source === kind);
    const events = of.reduce((a, s) => a + s.eventsRead, 0);
    const incomplete = of.filter((s) => !s.complete);
    const scope = (s: SourceReport): string => `${codeSpan(s.scope)}${scopeState(s)}`;
    if (of.length <= SCOPES_INLINE) {
      out.push(`- **${kind}:** ${plural(events, 'event')} from ${of.map(scope).join(', ')}`);
      continue;
    }
    // s3 scopes are `account/region`: count the accounts so a long organisation list reads as one figure.
    const accounts = new Set(of.map((s) => s.scope.split('/')[0] ?? s.scope));
    const summary = `${plural(of.length, 'scope')}${accounts.size > 1 && accounts.size < of.length ? ` in ${plural(accounts.size, 'account')}` : ''}`;
    const status =
      incomplete.length === 0
        ? 'all read to the end'
        : `${num(incomplete.length)} not read to the end: ${incomplete.map(scope).join(', ')}`;
    out.push(`- **${kind}:** ${plural(events, 'event')} from ${summary}, ${status}`);
    out.push(
      fold(
        `The ${plural(of.length, `${kind} scope`)}`,
        of
          .map(
            (s) =>
              `- ${codeSpan(s.scope)}: ${s.coverage === 'not-read' || s.coverage === 'no-activity' ? '' : plural(s.eventsRead, 'event')}${scopeState(s)}`,
          )
          .join('\n'),
      ),
    );
  }
  return out;
}

/** `source: athena`: queries, rows back, bytes scanned and their cost; the rules SQL could not test, folded. */
function athenaLines(sources: readonly SourceReport[]): string[] {
  const out: string[] = [];
  for (const s of sources) {
    const a = s.athena;
    if (!a) continue;
    out.push(
      `- **Athena:** ${plural(a.queries, 'query', 'queries')} in workgroup ${codeSpan(a.workgroup)} · ${num(a.rowsReturned)} rows returned (${num(a.candidates)} candidate events of ${num(a.windowEvents)} in the window, the rest GROUP BY rows) · ${bytes(a.bytesScanned)} scanned · ${usd(a.costUsd)} at $5 per TB (10 MB billed at least per query) · ${mdInline(a.pruning)}`,
    );
    if (a.fallbacks.length > 0)
      out.push(
        fold(
          `${plural(a.fallbacks.length, 'rule')} with conditions SQL cannot test (they fetch what their other conditions select; the rules run on it as on a full scan)`,
          a.fallbacks
            .map((f) => `- ${codeSpan(f.ruleId)}: ${mdInline(f.reason)}; fetches ${mdInline(f.fetches)}`)
            .join('\n'),
        ),
      );
  }
  return out;
}

/** What was read, analysed and spent, compactly; warnings and suppressed findings folded. */
export function coverage(r: Report, h: string): string {
  const lines = [...sourceLines(r.sources), ...athenaLines(r.sources)];
  const list = lines.filter((l) => l.startsWith('- '));
  const folds = lines.filter((l) => !l.startsWith('- ') && l !== '');
  const c = r.counts;
  list.push(
    `- **Events:** ${num(c.eventsRead)} read · ${num(c.eventsAnalyzed)} analysed · ${num(c.eventsFiltered)} filtered · ${num(c.duplicates)} duplicates · ${num(c.eventsSkipped)} skipped`,
  );
  const skipped = r.sources.flatMap((s) =>
    Object.entries(s.skipped).map(([k, v]) => `${mdInline(k)}: ${num(v)}`),
  );
  if (skipped.length > 0) list.push(`- **Skipped records:** ${skipped.join(', ')}`);
  const a = r.analysis;
  const d = a.digests;
  const digests =
    d.records > 0 || d.eventsOmitted > 0
      ? ` · ${plural(d.records, 'digest')} covering ${num(d.eventsCovered)} events (${num(d.eventsFolded)} folded, ${num(d.eventsOmitted)} over the token budget)`
      : '';
  list.push(
    `- **Analysis:** ${a.engine}, ${a.status}${a.modelId ? ` with ${codeSpan(a.modelId)}` : ''}${digests}`,
  );
  if (a.dropped.unverifiedEvidence + a.dropped.invalid > 0) {
    list.push(
      `- **AI findings dropped:** ${num(a.dropped.unverifiedEvidence)} citing events outside their digest · ${num(a.dropped.invalid)} invalid`,
    );
  }
  const ans = a.answers;
  if (ans && ans.truncated + ans.empty + ans.refused + ans.wrongSchema + ans.noJson > 0) {
    list.push(
      `- **Model answers:** ${num(ans.truncated)} cut at max_tokens (${num(ans.findingsSalvaged)} findings kept, ${num(ans.reasked)} re-asked in halves, ${num(ans.unrecovered)} unrecovered) · ${num(ans.empty)} empty · ${num(ans.refused)} refused · ${num(ans.wrongSchema + ans.noJson)} unreadable`,
    );
  }
  for (const j of r.jobs) {
    list.push(
      `- **Job:** ${j.engine}${j.jobArn ? ` ${codeSpan(j.jobArn)}` : ''} ${mdInline(j.status)}, ${plural(j.records, 'record')}${j.recordsFailed ? ` (${num(j.recordsFailed)} failed)` : ''}`,
    );
  }
  list.push(
    `- **Tokens and cost:** ${num(r.usage.inputTokens)} in · ${num(r.usage.outputTokens)} out · ${usd(r.usage.costUsd)}${r.usage.estimated ? ' (estimated)' : ''}`,
  );
  if (r.counts.suppressed > 0) list.push(`- **Suppressed:** ${plural(r.counts.suppressed, 'finding')}`);
  const extra: string[] = [...folds];
  if (r.errors.length > 0) extra.push(`**Errors:**\n\n${r.errors.map((e) => `- ${mdInline(e)}`).join('\n')}`);
  extra.push(
    fold(plural(r.warnings.length, 'warning'), r.warnings.map((w) => `- ${mdInline(w)}`).join('\n')),
  );
  extra.push(
    fold(
      plural(r.suppressed.length, 'suppressed finding'),
      r.suppressed
        .map((s) => `- ${mdInline(s.title)} (${codeSpan(s.suppression)}): ${mdInline(s.reason)}`)
        .join('\n'),
    ),
  );
  return [`${h} Coverage`, list.join('\n'), ...extra].filter((x) => x !== '').join('\n\n');
}
