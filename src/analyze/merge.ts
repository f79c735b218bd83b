/** Combining rule findings with verified AI findings: the rules are the floor, the model can only add. */
import type { Finding } from '../types.js';
import { cut } from './untrusted.js';

function samePrincipal(a: Finding, b: Finding): boolean {
  return (
    a.principal !== undefined &&
    b.principal !== undefined &&
    a.principal.toLowerCase() === b.principal.toLowerCase()
  );
}

/**
 * Rule findings first, each unchanged except for `aiNotes`; then the AI findings that are new. An AI finding
 * that repeats a rule finding (same principal, at least one shared evidence event) becomes a note on it instead
 * of a duplicate; nothing an AI finding says can remove a rule finding or lower its severity.
 */
export function mergeFindings(ruleFindings: Finding[], aiFindings: Finding[]): Finding[] {
  const rules = ruleFindings.map((f) => ({ ...f, ...(f.aiNotes ? { aiNotes: [...f.aiNotes] } : {}) }));
  const added: Finding[] = [];
  for (const ai of aiFindings) {
    if (ai.origin !== 'ai') continue;
    const ids = new Set(ai.evidence.eventIds);
    const match = rules.find((r) => samePrincipal(r, ai) && r.evidence.eventIds.some((id) => ids.has(id)));
    if (match) {
      const conf = ai.confidence !== undefined ? `, confidence ${ai.confidence.toFixed(2)}` : '';
      const note = cut(`${ai.title} (model: ${ai.severity}${conf}): ${ai.description}`, 1500);
      match.aiNotes = [...(match.aiNotes ?? []), note];
      continue;
    }
    // A rule finding's id is never taken over by a model finding.
    if (rules.some((r) => r.id === ai.id) || added.some((a) => a.id === ai.id)) continue;
    added.push(ai);
  }
  return [...rules, ...added];
}
