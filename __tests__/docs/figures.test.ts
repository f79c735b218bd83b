/**
 * Figures the docs state about the rule engine are the code's: each phrase below is found in the doc with the
 * constant's value, so changing a limit without its documentation (or the reverse) fails here.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  MAX_EVIDENCE_IDS,
  MAX_FINDINGS_PER_RULE,
  MAX_GROUPS,
  MAX_SAMPLES,
  MAX_VALUES_PER_KEY,
} from '../../src/detect/engine.js';

const WORDS: Record<number, string> = { 3: 'three' };
/** `20000` -> `20,000`, as the docs write figures. */
const figure = (n: number): string => WORDS[n] ?? n.toLocaleString('en-US');

// [doc, what the figure is, the constant, a pattern with `N` where the figure stands]
const FIGURES: [string, string, number, string][] = [
  [
    'docs/rules-format.md',
    'findings a rule opens per run',
    MAX_FINDINGS_PER_RULE,
    'A rule opens at most N findings in a run',
  ],
  ['docs/rules-format.md', 'evidence ids per finding', MAX_EVIDENCE_IDS, 'up to N evidence event ids'],
  ['docs/rules-format.md', 'evidence samples per finding', MAX_SAMPLES, '`omitted`), N evidence samples'],
  ['docs/rules-format.md', 'groups per threshold rule', MAX_GROUPS, 'at most N groups per rule'],
  ['docs/rules-format.md', 'keys per first-seen rule', MAX_GROUPS, 'Bounded: N keys'],
  ['docs/rules-format.md', 'values per first-seen key', MAX_VALUES_PER_KEY, 'N values per key'],
];

describe('figures in the docs match the code', () => {
  it.each(FIGURES)('%s: %s', (doc, _what, value, phrase) => {
    const text = readFileSync(doc, 'utf8').replace(/\s+/g, ' ');
    const [before, after] = phrase.split('N') as [string, string];
    const esc = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`${esc(before)}([\\d,]+|[a-z]+)${esc(after)}`).exec(text);
    expect({ phrase, found: m?.[1] }).toEqual({ phrase, found: figure(value) });
  });
});
