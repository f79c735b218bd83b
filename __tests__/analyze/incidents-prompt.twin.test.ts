/**
 * The model sees incidents, and never an escape it could echo: the datasets' attack runs (see
 * __tests__/correlate/attack-runs.ts) reviewed with `engine: direct` against the twin's scripted model, which
 * repeats what the summary prompt lists. The rule pack's remediations are full of `<placeholder>` and
 * `console: A > B`; before the fix they reached the model as `\u003c…\u003e` and came back into the summary so.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { readConfig } from '../../src/config/index.js';
import { runPipeline } from '../../src/pipeline.js';
import { NO_REDACTION, renderMarkdown, renderText } from '../../src/report/index.js';
import { realClock, type Logger, type Report } from '../../src/types.js';
import { attackRuns, END } from '../correlate/attack-runs.js';
import { startTestTwin, twinClients, type TestTwin } from './twin-helpers.js';

const quiet: Logger = { debug: () => {}, info: () => {}, warning: () => {}, error: () => {} };
const ESCAPE = /\\u003[ce]/i;

let t: TestTwin;
let dir: string;
let report: Report;
let summaryMarkdown = '';
const prompts: { system: string; user: string }[] = [];

beforeAll(async () => {
  t = await startTestTwin();
  await t.model('diligent');
  dir = await mkdtemp(join(tmpdir(), 'trailsight-incident-prompts-'));
  const events = join(dir, 'attack.jsonl');
  await writeFile(
    events,
    attackRuns()
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
  const clients = twinClients(t.twin.url);
  // Observe what the model is sent (the real client and the twin still do the work).
  (await clients.bedrockRuntime()).middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Partial<ConverseCommandInput>;
      if (input.messages) {
        prompts.push({
          system: (input.system ?? []).map((s) => ('text' in s ? (s.text ?? '') : '')).join('\n'),
          user: input.messages
            .flatMap((m) => m.content ?? [])
            .map((c) => ('text' in c ? (c.text ?? '') : ''))
            .join('\n'),
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordPrompts' },
  );
  const config = readConfig(
    {
      'aws-region': 'us-east-1',
      source: 'file',
      'events-file': events,
      engine: 'direct',
      'start-time': new Date(END - 24 * 3_600_000).toISOString(),
      'end-time': new Date(END).toISOString(),
      'report-to': 'summary',
      'report-path': join(dir, 'report.json'),
      redact: 'none',
      'fail-on': 'none',
    },
    { now: new Date(END + 3_600_000), env: {} },
  );
  const result = await runPipeline(config, {
    clients,
    logger: quiet,
    clock: realClock,
    publish: { summary: { write: async (md) => void (summaryMarkdown += md) }, context: {} },
  });
  report = result.results[0]?.report as Report;
}, 180_000);

afterAll(async () => {
  await t.twin.close();
  await rm(dir, { recursive: true, force: true });
});

describe('incidents in the prompts', () => {
  it('the model wrote the summary, over digest records that name their incidents', () => {
    expect(report.summary.origin).toBe('model');
    const records = prompts.filter((p) => !/executive summary/i.test(p.system));
    expect(records.length).toBeGreaterThan(0);
    const withIncidents = records.filter((p) =>
      p.user.includes('incidents (rule findings tied by actor and time):'),
    );
    expect(withIncidents.length).toBeGreaterThan(0);
    // The compromised-root story: its record names the incident with its tactics and both principals.
    const root = withIncidents.find((p) =>
      /- incident inc-[0-9a-f]{16} critical tactics=initial-access,/.test(p.user),
    );
    expect(root?.user).toMatch(/principals=root@123456789012,arn:aws:iam::123456789012:user\/tracy_stone/);
  });

  it('the summary prompt lists the final incidents, ids and tactics, before the findings', () => {
    const summary = prompts.find((p) => /executive summary/i.test(p.system));
    expect(summary?.system).toContain('lead with the incidents');
    const user = summary?.user ?? '';
    expect(user).toContain(`incidents (${report.incidents.length}), most severe first:`);
    for (const i of report.incidents.slice(0, 5)) {
      expect(user).toContain(`- incident ${i.id} ${i.severity}`);
      expect(user).toContain(`tactics=${i.tactics.join(',') || 'none'}`);
    }
    expect(user.indexOf('incidents (')).toBeLessThan(user.indexOf('findings ('));
  });
});

describe('no escape the model could echo', () => {
  it('no prompt holds \\u003c or \\u003e, and no raw angle bracket inside the data fence', () => {
    expect(prompts.length).toBeGreaterThan(1);
    for (const p of prompts) {
      expect(p.user).not.toMatch(ESCAPE);
      const inner = p.user
        .replace(/^[\s\S]*?<(data-[0-9a-f]{16}|summary-data)>\n/, '')
        .replace(/\n<\/(data-[0-9a-f]{16}|summary-data)>[\s\S]*$/, '');
      expect(inner).not.toMatch(/[<>]/);
      expect(inner.length).toBeLessThan(p.user.length);
    }
    // The placeholders reached the model as readable look-alikes.
    expect(prompts.some((p) => p.user.includes('‹'))).toBe(true);
  });

  it('no rendered text holds them: summary, priorities, job summary, Markdown and terminal renderings', () => {
    // The scripted model repeated the finding lines, placeholders included.
    expect(report.summary.priorities.join('\n')).toMatch(/‹[a-z-]+›/);
    const texts = [
      report.summary.text,
      ...report.summary.priorities,
      summaryMarkdown,
      renderMarkdown(report, { maxChars: 1_000_000, redaction: NO_REDACTION, destination: 'summary' }),
      renderText(report, { maxBytes: 1_000_000, redaction: NO_REDACTION }),
      ...report.findings.flatMap((f) => [f.title, f.description, f.remediation, ...(f.aiNotes ?? [])]),
      ...report.incidents.map((i) => i.title),
    ];
    for (const text of texts) expect(text).not.toMatch(ESCAPE);
  });
});
