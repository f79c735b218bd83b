/**
 * Untrusted text (anything a model wrote or an event carried: user agents, bucket names, error messages)
 * made inert for GitHub-flavoured Markdown, raw HTML contexts and plain text. Nothing it returns can
 * notify anyone, load an image, run HTML, link outside AWS, or break out of a table, list or code block.
 */

/** Hosts whose https links stay live; everything else is defanged so GitHub does not autolink it. */
export const ALLOWED_LINK_HOSTS: readonly string[] = ['aws.amazon.com'];

const ZWJ = '\u200D';

// C0/C1 controls (keeping \t and \n), zero-width and bidi overrides/isolates, BOM, interlinear annotations.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;
const URL_LIKE = /\b(?:[a-z][a-z0-9+.-]{1,15}:\/\/|www\.)[^\s<>"'`]*/gi;
// Trailing punctuation is prose, not part of the URL (same rule as GFM's extended autolinks).
const URL_TRAILING = /[.,;:!?'")\]*_~]+$/;
const SAFE_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][A-Za-z0-9\-._~%!$&'()*+,;=:@/?#]*)?$/;
// Things GitHub turns into notifications or cross-references: @user, @org/team, #123, GH-123, owner/repo#123.
const MENTION = /@(?=[A-Za-z0-9_-])/g;
const ISSUE_REF = /(#|\bGH-)(?=\d)/gi;

/** Removes control, zero-width and bidirectional formatting characters (Trojan Source and friends). */
export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** True when `url` is an https link to an AWS console or documentation host. */
export function isAllowedUrl(url: string): boolean {
  if (!SAFE_URL.test(url)) return false;
  try {
    const u = new URL(url);
    const host = u.hostname.toLowerCase();
    return (
      u.protocol === 'https:' &&
      u.username === '' &&
      u.password === '' &&
      ALLOWED_LINK_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))
    );
  } catch {
    return false;
  }
}

/** `https://evil.example/x` → `hxxps://evil[.]example/x`: readable, never autolinked. */
export function defangUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*):\/\//i, (_m, scheme: string) => `${scheme.replace(/t/gi, 'x')}[:]//`)
    .replace(/\./g, '[.]');
}

function neutraliseReferences(text: string): string {
  return text.replace(MENTION, `@${ZWJ}`).replace(ISSUE_REF, (m) => `${m}${ZWJ}`);
}

/** Splits text into URL and non-URL pieces, so each can be treated on its own. */
function splitUrls(text: string): { text: string; url: boolean }[] {
  const parts: { text: string; url: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_LIKE)) {
    const raw = m[0];
    const trail = URL_TRAILING.exec(raw)?.[0] ?? '';
    const url = raw.slice(0, raw.length - trail.length);
    const start = m.index;
    if (start > last) parts.push({ text: text.slice(last, start), url: false });
    parts.push({ text: url, url: true });
    if (trail) parts.push({ text: trail, url: false });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), url: false });
  return parts;
}

/** HTML-escapes `&`, `<` and `>` (enough for text; we never put untrusted text in attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Every ASCII punctuation character that starts Markdown syntax; CommonMark allows escaping any of them.
const MD_SPECIAL = /[\\`*_[\]{}()!|~$^]/g;

// References first: the entities escapeHtml writes (`&#60;`) must not be split by a neutralised `#`.
function escapeMarkdownPiece(text: string): string {
  return escapeHtml(neutraliseReferences(text)).replace(MD_SPECIAL, (c) => `\\${c}`);
}

// A line that would start a block: heading, list, thematic break, setext underline; or an ordered list.
const BLOCK_START = /^(?:#{1,6}(?=\s|$)|[-+](?=\s|$)|[-=]+\s*$)/;
const ORDERED_START = /^(\d{1,9})([.)])(?=\s|$)/;

/**
 * Untrusted text for one line of Markdown (a table cell, a list item, a heading): newlines folded, all
 * syntax escaped, AWS links kept as autolinks, other URLs defanged.
 */
export function mdInline(text: string, opts: { links?: boolean } = {}): string {
  const clean = stripControl(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\t/g, ' ');
  return splitUrls(clean)
    .map((p) => {
      if (!p.url) return escapeMarkdownPiece(p.text);
      if (opts.links !== false && isAllowedUrl(p.text)) return `<${p.text}>`;
      return escapeMarkdownPiece(defangUrl(p.text));
    })
    .join('')
    .trim()
    .replace(BLOCK_START, (m) => `\\${m}`)
    .replace(ORDERED_START, '$1\\$2');
}

/**
 * Untrusted multi-line text as Markdown paragraphs: blank lines separate paragraphs, single newlines become
 * hard breaks; no line can open a heading, list, quote, fence or indented code block.
 */
export function mdBlock(text: string, opts: { links?: boolean } = {}): string {
  return stripControl(text)
    .split(/\n[ \t]*\n+/)
    .map((para) =>
      para
        .split('\n')
        .map((line) => mdInline(line, opts))
        .filter((line) => line !== '')
        .join('  \n'),
    )
    .filter((p) => p !== '')
    .join('\n\n');
}

/** Untrusted text inside raw HTML (a `<summary>`): escaped, references neutralised, every URL defanged. */
export function htmlText(text: string): string {
  const clean = stripControl(text).replace(/\s+/g, ' ').trim();
  return splitUrls(clean)
    .map((p) => escapeHtml(neutraliseReferences(p.url ? defangUrl(p.text) : p.text)))
    .join('');
}

/**
 * An inline code span that the text cannot close early: the fence is one backtick longer than the longest
 * run inside. `table` escapes `|`, which GFM splits cells on even inside code spans.
 */
export function codeSpan(text: string, opts: { table?: boolean } = {}): string {
  // Code is never autolinked on GitHub, but other renderers of the same text (mail, chat) may be.
  let body = splitUrls(stripControl(text).replace(/\s+/g, ' ').trim())
    .map((p) => (p.url && !isAllowedUrl(p.text) ? defangUrl(p.text) : p.text))
    .join('');
  if (body === '') return '';
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  if (opts.table) body = body.replace(/\|/g, '\\|');
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced code block the content cannot close: the fence is longer than any backtick run inside. */
export function codeBlock(text: string, lang = ''): string {
  const body = stripControl(text).replace(/\n+$/, '');
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body}\n${fence}`;
}

// A tag opener (`<img`, `</script`, `<!--`, `<?`): plain text reaches subscribers that show it as HTML (e-mail
// clients, chat and HTTP hooks), so it becomes `‹` (U+2039, which no normalisation turns back into `<`).
const TAG_OPEN = /<(?=[A-Za-z/!?])/g;

/**
 * Untrusted text for plain-text destinations (SNS, email, terminal): controls stripped, URLs outside AWS
 * defanged, no HTML tag can open.
 */
export function plainText(text: string, opts: { multiline?: boolean } = {}): string {
  let clean = stripControl(text);
  if (!opts.multiline) clean = clean.replace(/\s+/g, ' ').trim();
  return splitUrls(clean)
    .map((p) => (p.url && !isAllowedUrl(p.text) ? defangUrl(p.text) : p.text))
    .join('')
    .replace(TAG_OPEN, '\u2039');
}

/** ASCII only, printable, one line: for SNS subjects and similar headers. */
export function asciiLine(text: string): string {
  return stripControl(text)
    .replace(/\s+/g, ' ')
    .normalize('NFKD')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/ +/g, ' ')
    .trim();
}
