import { describe, expect, it } from '@jest/globals';
import { Marked } from 'marked';
import { LIMITS, NO_REDACTION, renderMarkdown } from '../../src/report/index.js';
import { EVERY_SEVERITY, makeAnalysis, makeFinding, makeIncident, makeReport } from './fixtures.js';
import { HOSTILE, hostileFinding } from './hostile.js';

const marked = new Marked({ gfm: true });
const RUN_URL = 'https://github.com/octo-org/infra/actions/runs/42';

function summaryHtml(): { md: string; html: string } {
  const findings = [hostileFinding(1), ...EVERY_SEVERITY.map((s, i) => makeFinding(s, i + 2))];
  // The hostile finding and two others make one incident whose title, reason and actors are hostile too.
  const story = [findings[0], findings[1], findings[2]].filter((f) => f !== undefined);
  const report = makeReport(findings, {
    analysis: { summary: { ...makeAnalysis().summary, text: HOSTILE, priorities: HOSTILE.split('\n') } },
    incidents: [
      makeIncident(1, story, {
        title: HOSTILE,
        escalatedFrom: 'high',
        escalationReason: HOSTILE,
        principals: ['arn:aws:iam::123456789012:user/```|@octocat|<img src=x>'],
      }),
      ...findings.slice(3).map((f, i) => makeIncident(i + 2, [f])),
    ],
  });
  report.warnings.push(HOSTILE);
  const md = renderMarkdown(report, {
    maxChars: LIMITS.summaryBytes,
    redaction: NO_REDACTION,
    destination: 'summary',
  });
  return { md, html: marked.parse(md, { async: false }) };
}

/** The text a reader sees: tags removed, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

describe('job summary rendered as GitHub-flavoured Markdown', () => {
  const { md, html } = summaryHtml();

  /** The body rows of the table whose header starts with `header`. */
  function rowsOf(header: string): string[] {
    const table = html.slice(html.indexOf(header));
    const body = table.slice(0, table.indexOf('</table>'));
    return body.split('<tr>').slice(1);
  }

  it('renders tables as tables, every incident and rule row keeping its cells', () => {
    const tables = html.match(/<table>/g) ?? [];
    expect(tables.length).toBeGreaterThanOrEqual(5);
    const incidents = rowsOf('<th>Severity</th>\n<th>Incident</th>');
    expect(incidents).toHaveLength(4);
    for (const row of incidents) expect(row.match(/<td/g)).toHaveLength(5);
    const rules = rowsOf('<th>Severity</th>\n<th>Rule</th>');
    expect(rules).toHaveLength(6);
    for (const row of rules) expect(row.match(/<td/g)).toHaveLength(6);
  });

  it('folds finding details and statistics in <details>, balanced', () => {
    const open = html.match(/<details>/g)?.length ?? 0;
    const close = html.match(/<\/details>/g)?.length ?? 0;
    expect(open).toBeGreaterThanOrEqual(7);
    expect(close).toBe(open);
    expect(html.match(/<summary>/g)?.length).toBe(open);
    expect(html).not.toContain('<details open>');
  });

  it('has no live link outside AWS console/docs hosts (and the run link)', () => {
    const hrefs = [...html.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) {
      const ok = href === RUN_URL || /^https:\/\/([a-z0-9-]+\.)*aws\.amazon\.com\//.test(href);
      expect({ href, ok }).toEqual({ href, ok: true });
    }
    expect(hrefs).toContain('https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html');
    // Bare URLs GitHub would autolink are defanged in the visible text.
    expect(visibleText(html)).not.toMatch(/https?:\/\/evil|www\.evil/);
  });

  it('has no image, no raw HTML from the input, no mention', () => {
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<(script|iframe|svg|object|embed|style)\b/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/<b>AccessDenied/);
    // GitHub never turns text inside code into a mention or reference.
    const text = visibleText(html.replace(/<code>[\s\S]*?<\/code>/g, ' '));
    expect(text).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/m);
    expect(text).not.toMatch(/#\d/);
  });

  it('strips bidi controls and keeps fences closed', () => {
    expect(md).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    // No code block opened by the input: every <pre> is one of our Mermaid diagrams.
    const pres = html.match(/<pre>.*/g) ?? [];
    expect(pres.length).toBeGreaterThanOrEqual(2);
    for (const pre of pres) expect(pre).toMatch(/^<pre><code class="language-mermaid">(timeline|---)$/);
    expect(html).not.toMatch(/<h1>|<h[1-6]>heading/);
    expect(html).not.toContain('<blockquote>\n<p>quote');
  });
});
