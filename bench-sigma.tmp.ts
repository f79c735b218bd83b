import { createDetector } from './src/detect/index.js';
import { loadDataset, testConfig, silentLogger, fixedClock } from './__tests__/detect/helpers.js';
const FOLDERS = ['panther_cloudtrail_tests','panther_test_scenarios','stratus_red_team_detonations','streamalert_rule_tests','awsdocs_cloudtrail_userguide_examples'];
const base = FOLDERS.flatMap((f) => loadDataset(f).map((l) => l.event));
const events = [];
for (let i = 0; i < 240; i++) for (const e of base) events.push({ ...e, id: `${e.id}-${i}` });
async function time(label: string, rulesFiles: string[], builtinRules: boolean) {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const d = await createDetector(testConfig({ rulesFiles, builtinRules }), { logger: silentLogger, clock: fixedClock() });
    const t0 = performance.now();
    for (const e of events) d.observe(e);
    d.finish();
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`${label}: ${events.length} events, best of 3 ${best.toFixed(0)} ms, ${(events.length / best * 1000).toFixed(0)} events/s`);
  return best;
}
const a = await time('built-in pack', [], true);
const b = await time('built-in + 19 SigmaHQ', ['__fixtures__/sigma/sigmahq'], true);
const c = await time('19 SigmaHQ only', ['__fixtures__/sigma/sigmahq'], false);
console.log(`ratio (built-in + Sigma) / built-in: ${(b / a).toFixed(2)}; Sigma only / built-in: ${(c / a).toFixed(2)}`);
