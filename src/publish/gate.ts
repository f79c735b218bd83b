import type { Config } from '../config/types.js';
import { incompleteReasons } from '../report/build.js';
import { SEVERITY_STYLE } from '../report/limits.js';
import { severityRank, type Finding, type Report } from '../types.js';

/** The gate's decision: whether the step fails, why (`findings` or `incomplete`), and a message naming what. */
export interface GateResult {
  failed: boolean;
  reason?: 'findings' | 'incomplete';
  message: string;
}

// Enough names for the step's failure message to say what to look at, without flooding the log.
const NAMED = 10;

/** Findings that count toward `fail-on`: at or above it, and AI findings only when `ai-findings-gate` allows. */
export function gatingFindings(report: Report, config: Config): Finding[] {
  const failOn = config.gate.failOn;
  if (failOn === 'none') return [];
  return report.findings.filter(
    (f) =>
      severityRank(f.severity) >= severityRank(failOn) &&
      (f.origin === 'rule' || config.analysis.aiFindingsGate),
  );
}

/**
 * `fail-on` over the (already suppressed) findings; with `fail-on-error`, a run that could not review its
 * whole window fails too, otherwise it only warns. An intended pending batch job is never an error.
 */
export function evaluateGate(report: Report, config: Config): GateResult {
  const hits = gatingFindings(report, config);
  const gaps = incompleteReasons(report);
  const errors = gaps.filter((g) => g.error);
  const parts: string[] = [];
  if (hits.length > 0) {
    const names = hits
      .slice(0, NAMED)
      .map(
        (f) => `[${SEVERITY_STYLE[f.severity].label}] ${f.title}${f.principal ? ` (${f.principal})` : ''}`,
      );
    const more = hits.length > NAMED ? `; and ${hits.length - NAMED} more` : '';
    parts.push(
      `${hits.length} finding${hits.length === 1 ? '' : 's'} at or above fail-on: ${config.gate.failOn}: ${names.join('; ')}${more}`,
    );
  } else if (config.gate.failOn === 'none') {
    parts.push(`${report.findings.length} finding(s); fail-on is none`);
  } else {
    parts.push(
      `No findings at or above fail-on: ${config.gate.failOn} (${report.findings.length} finding(s) in total)`,
    );
  }
  if (errors.length > 0) {
    const why = errors.map((g) => g.reason).join('; ');
    parts.push(
      config.gate.failOnError
        ? `the window was not fully analysed (fail-on-error is true): ${why}`
        : `warning: the window was not fully analysed: ${why}`,
    );
  } else if (gaps.length > 0) {
    parts.push(gaps.map((g) => g.reason).join('; '));
  }
  const message = parts.join('. ');
  if (hits.length > 0) return { failed: true, reason: 'findings', message };
  if (errors.length > 0 && config.gate.failOnError) return { failed: true, reason: 'incomplete', message };
  return { failed: false, message };
}
