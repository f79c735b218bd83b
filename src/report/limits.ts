import type { Severity } from '../types.js';

/** Where a rendering goes; each has its own size limit and unit. */
export type RenderDestination = 'summary' | 'issue' | 'comment' | 'file';

/**
 * Size limits of each destination. GitHub rejects a job summary over 1 MiB (bytes) and an issue or
 * comment body over 65,536 characters; SNS takes 256 KiB per message including its attributes; an SNS
 * subject must be under 100 ASCII characters.
 */
export const LIMITS = {
  summaryBytes: 1_048_576,
  issueBodyChars: 65_536,
  commentBodyChars: 65_536,
  snsMessageBytes: 262_144,
  snsSubjectChars: 99,
} as const;

/** How a destination measures its limit: GitHub's issue limit counts characters, the rest count bytes. */
export const MEASURE: Record<RenderDestination, (s: string) => number> = {
  summary: (s) => Buffer.byteLength(s, 'utf8'),
  issue: (s) => s.length,
  comment: (s) => s.length,
  file: (s) => s.length,
};

/** How each severity is shown: an emoji that survives every Markdown renderer, and a label. */
export const SEVERITY_STYLE: Record<Severity, { icon: string; label: string }> = {
  critical: { icon: '🟥', label: 'Critical' },
  high: { icon: '🟧', label: 'High' },
  medium: { icon: '🟨', label: 'Medium' },
  low: { icon: '🟦', label: 'Low' },
  info: { icon: '⬜', label: 'Info' },
};

/** Severities from most to least severe, the order of every table and of what a size limit keeps. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Detail caps that keep one finding readable however many events it has. */
export const DETAIL = {
  /** Evidence samples shown as a table. */
  samples: 10,
  /** Further event ids listed as links. */
  eventIds: 20,
  /** Rows of each statistics table. */
  statRows: 10,
  /** Incidents (most severe first) with a section and timeline; GitHub draws each Mermaid chart in a frame of its own. */
  incidentSections: 25,
  /** Findings shown in a plain-text (SNS) body before "and N more". */
  textFindings: 10,
} as const;
