/** The report stage: the versioned Report and its renderings (Markdown, plain text, OCSF), sanitised and redacted. */
export { buildReport, compareFindings, countBySeverity, incompleteReasons, maxSeverity } from './build.js';
export type { IncompleteReason, ReportInput } from './build.js';
export { writeReportFiles, markdownPathFor, previousOcsf } from './files.js';
export { renderOcsf, ocsfPathFor, OCSF_VERSION } from './ocsf.js';
export type { OcsfDetectionFinding, OcsfOptions } from './ocsf.js';
export { renderMarkdown, renderFindingMarkdown, headline, severityPhrase } from './markdown.js';
export type { MarkdownOptions } from './markdown.js';
export { renderText } from './text.js';
export { renderIncidentMarkdown } from './incident.js';
export type { TextOptions } from './text.js';
export { renderTerminal } from './terminal.js';
export type { TerminalOptions } from './terminal.js';
export { redactReport, redactText, NO_REDACTION, FULL_REDACTION } from './redact.js';
export type { Redaction } from './redact.js';
export { LIMITS, SEVERITY_ORDER } from './limits.js';
export type { RenderDestination } from './limits.js';
export { explainWindow, nothingNewMarkdown, windowNote } from './window.js';
