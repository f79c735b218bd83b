/**
 * The datasets' attack runs as one window: every Stratus Red Team detonation and Panther's compromised-root scenario
 * (from __fixtures__/datasets, with their provenance), put into one account and re-timed into one day as
 * scripts/demo-data.ts does — the detonations were all run by one person, whom the anonymisation spread over
 * made-up accounts.
 */
import { freshIds, readDataset, remapAccount, retime } from '../../scripts/demo-data.js';

export type RawRecord = Record<string, unknown>;
export const ACCOUNT = '123456789012';
/** The window ends here; the runs lie in the 10 hours before. */
export const END = Date.parse('2026-12-04T11:00:00Z');

export function attackRuns(): RawRecord[] {
  const stratus = readDataset('stratus_red_team_detonations').map((r) =>
    remapAccount(r, String(r.recipientAccountId ?? '')),
  );
  const root = freshIds(
    readDataset('panther_test_scenarios').map((r) => remapAccount(r, String(r.recipientAccountId ?? ''))),
  );
  retime(stratus, END - 10 * 3_600_000, END - 3_600_000);
  retime(root, END - 5 * 3_600_000, END - 4 * 3_600_000);
  return [...stratus, ...root];
}

/** A deterministic shuffle, so a failure can be replayed. */
export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  let s = seed;
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = Math.floor((s / 2 ** 32) * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
