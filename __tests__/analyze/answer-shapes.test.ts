/** Pure logic behind real answer shapes: reading replies of both APIs, salvaging cut lists, splitting records. */
import { describe, expect, it } from '@jest/globals';
import { BATCH_QUOTAS, planBatch } from '../../src/analyze/batch-job.js';
import type { DigestBuilder, DigestRecord } from '../../src/analyze/digest.js';
import { foundationModelId, modelFamily } from '../../src/analyze/models.js';
import { FINDINGS_TOOL, parseAnswer, readAnswer, replyOf, salvageFindings } from '../../src/analyze/parse.js';
import { buildPrompt, converseBody, messagesBody, recordTextOf } from '../../src/analyze/prompt.js';
import { splitRecord } from '../../src/analyze/split.js';
import { collect, datasetEvents, makeStats } from './helpers.js';

const window = { start: new Date('2026-11-22T00:00:00Z'), end: new Date('2026-11-23T00:00:00Z') };
const records = (budget = 50_000): DigestRecord[] =>
  (collect(datasetEvents()).collector as DigestBuilder).finish(budget).records;

const finding = (id: string, title = 'Audit logging stopped') => ({
  title,
  severity: 'high',
  technique: 'T1562.008',
  evidence_event_ids: [id],
  description: 'Trail stopped.',
  remediation: 'Start it again.',
  confidence: 0.9,
});

/** The same answer in the two response shapes: Anthropic Messages (InvokeModel) and Converse. */
function shapes(
  blocks: ({ text: string } | { input: unknown; name?: string })[],
  stop: string,
): [string, unknown][] {
  return [
    [
      'messages',
      {
        content: blocks.map((b) =>
          'text' in b
            ? { type: 'text', text: b.text }
            : { type: 'tool_use', id: 'toolu_1', name: b.name ?? FINDINGS_TOOL, input: b.input },
        ),
        stop_reason: stop,
      },
    ],
    [
      'converse',
      {
        output: {
          message: {
            content: blocks.map((b) =>
              'text' in b
                ? { text: b.text }
                : { toolUse: { toolUseId: 't1', name: b.name ?? FINDINGS_TOOL, input: b.input } },
            ),
          },
        },
        // Converse has no refusal stop reason.
        stopReason: stop === 'refusal' ? 'end_turn' : stop,
      },
    ],
  ];
}

describe('reading replies of both APIs', () => {
  const r = records()[0] as DigestRecord;
  const [a = '', b = '', c = ''] = [...r.events.keys()];

  it('reads the findings tool call first, ignoring prose around it', () => {
    for (const [, out] of shapes(
      [{ text: 'Here is {"findings":[]} in text, ignored.' }, { input: { findings: [finding(a)] } }],
      'tool_use',
    )) {
      const got = readAnswer(r, replyOf(out) ?? { text: '', toolCalls: [] });
      expect(got).toMatchObject({ ok: true, truncated: false });
      expect(got.findings.map((f) => f.evidence.eventIds)).toEqual([[a]]);
    }
  });

  it('a tool call cut at max_tokens keeps what its input holds (also an empty input) and is truncated', () => {
    for (const input of [{ findings: [finding(a), finding(b, 'Another')] }, {}]) {
      for (const [, out] of shapes([{ input }], 'max_tokens')) {
        const got = parseAnswer(replyOf(out) ?? { text: '', toolCalls: [] });
        expect(got).toMatchObject({ ok: true, truncated: true });
        expect(got.findings).toHaveLength('findings' in input ? 2 : 0);
      }
    }
  });

  it('text JSON cut mid-list keeps the complete findings before the cut', () => {
    const full = JSON.stringify({ findings: [finding(a), finding(b, 'Second'), finding(c, 'Third')] });
    const cut = full.slice(0, full.indexOf('"Third"') + 3);
    for (const [, out] of shapes([{ text: `Sure! Here you go:\n\`\`\`json\n${cut}` }], 'max_tokens')) {
      const got = parseAnswer(replyOf(out) ?? { text: '', toolCalls: [] });
      expect(got).toMatchObject({ ok: true, truncated: true, invalidFindings: 0 });
      expect(got.findings.map((f) => f.title)).toEqual(['Audit logging stopped', 'Second']);
    }
    // Without a stop reason (a model that stopped mid-list), the incomplete JSON says it was cut.
    expect(parseAnswer(cut)).toMatchObject({ ok: true, truncated: true });
    expect(salvageFindings('[{"title":"a"},{"ti')).toEqual({ items: [{ title: 'a' }], closed: false });
    expect(salvageFindings('no list here')).toBeUndefined();
  });

  it('names each failure shape, in both formats', () => {
    const cases: [({ text: string } | { input: unknown; name?: string })[], string, string][] = [
      [[], 'end_turn', 'empty'],
      [[{ text: "I'm sorry, but I can't help with analysing this activity." }], 'refusal', 'refused'],
      [[{ text: 'I cannot share the details.' }], 'end_turn', 'refused'],
      [[{ text: 'Nothing stood out to me in this data.' }], 'end_turn', 'no-json'],
      [[{ input: { finding: { title: 'x' } } }], 'tool_use', 'wrong-schema'],
      [[{ input: { findings: 'none' } }], 'tool_use', 'wrong-schema'],
      [[{ input: { findings: [] }, name: 'other_tool' }], 'tool_use', 'wrong-schema'],
      [[{ text: '{"results": []}' }], 'end_turn', 'wrong-schema'],
    ];
    for (const [blocks, stop, failure] of cases) {
      for (const [format, out] of shapes(blocks, stop)) {
        const got = parseAnswer(replyOf(out) ?? { text: '', toolCalls: [] });
        expect({ format, stop, ok: got.ok, failure: got.failure }).toEqual({
          format,
          stop,
          ok: false,
          failure,
        });
      }
    }
  });

  it('a tool input that is a JSON string, or a findings list sent as a string, is still read', () => {
    const list = [finding(a)];
    expect(
      parseAnswer({
        text: '',
        toolCalls: [{ name: FINDINGS_TOOL, input: JSON.stringify({ findings: list }) }],
      }).findings,
    ).toHaveLength(1);
    expect(
      parseAnswer({
        text: '',
        toolCalls: [{ name: FINDINGS_TOOL, input: { findings: JSON.stringify(list) } }],
      }).findings,
    ).toHaveLength(1);
  });

  it('a finding citing an event of another record is dropped and counted, the others kept', () => {
    const [r1, r2] = records(1500);
    if (!r1 || !r2) throw new Error('need two records');
    const mine = [...r1.events.keys()][0] as string;
    const theirs = [...r2.events.keys()].find((id) => !r1.events.has(id)) as string;
    const got = readAnswer(r1, {
      text: '',
      toolCalls: [
        { name: FINDINGS_TOOL, input: { findings: [finding(mine), finding(theirs, 'Elsewhere')] } },
      ],
      stopReason: 'tool_use',
    });
    expect(got).toMatchObject({ ok: true, unverified: 1 });
    expect(got.findings.map((f) => f.evidence.eventIds)).toEqual([[mine]]);
  });
});

describe('request bodies and model families', () => {
  const r = records()[0] as DigestRecord;
  const p = buildPrompt(r, { ruleFindings: [], stats: makeStats(10), window }, 6000);

  it('forces the findings tool in both formats only when asked, with the finding schema as its input schema', () => {
    expect(converseBody(p)).not.toHaveProperty('toolConfig');
    expect(messagesBody(p)).not.toHaveProperty('tools');
    const conv = converseBody(p, 1500, 'tool');
    expect(conv.toolConfig?.toolChoice).toEqual({ tool: { name: 'report_findings' } });
    const schema = conv.toolConfig?.tools[0]?.toolSpec.inputSchema.json as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(schema.properties)).toEqual(['findings']);
    const msg = messagesBody(p, 1500, 'tool');
    expect(msg.tool_choice).toEqual({ type: 'tool', name: 'report_findings' });
    expect(msg.tools?.[0]?.input_schema).toBe(schema);
  });

  it('picks the answer format per family, through inference profiles and ARNs', () => {
    expect(modelFamily('us.anthropic.claude-haiku-4-5-20251001-v1:0').answer).toBe('tool');
    expect(
      modelFamily('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0'),
    ).toMatchObject({ answer: 'tool', batchFormat: 'messages' });
    expect(modelFamily('anthropic.claude-v2:1').answer).toBe('text');
    expect(modelFamily('us.amazon.nova-pro-v1:0')).toMatchObject({ answer: 'tool', batchFormat: 'converse' });
    expect(modelFamily('meta.llama3-1-70b-instruct-v1:0').answer).toBe('text');
    expect(modelFamily('mistral.mistral-large-2407-v1:0').answer).toBe('text');
    expect(foundationModelId('global.anthropic.claude-sonnet-4-5-20250929-v1:0')).toBe(
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
  });

  it('gets the digest text back out of a built prompt (what a cut batch record is split from)', () => {
    for (const rec of records(1500)) {
      const built = buildPrompt(rec, { ruleFindings: [], stats: makeStats(10), window }, 1500);
      expect(recordTextOf(built.user)).toBe(rec.text);
    }
    expect(recordTextOf('not a prompt')).toBeUndefined();
  });
});

describe('splitting a record in two', () => {
  it("by principal blocks, or by halves of one principal's lines; every line and event lands in exactly one half", () => {
    const all = [...records(3000), ...records(1000)];
    const multi = all.find((r) => r.text.includes('\n\n'));
    const single = all.find((r) => !r.text.includes('\n\n') && r.text.split('\n').length > 4);
    for (const rec of [multi, single]) {
      if (!rec) throw new Error('no record of that kind in the datasets');
      const halves = splitRecord(rec);
      if (!halves) throw new Error('not split');
      const [x, y] = halves;
      expect([x.recordId, y.recordId]).toEqual([`${rec.recordId}a`, `${rec.recordId}b`]);
      const ids = [...x.events.keys(), ...y.events.keys()].sort();
      expect(ids).toEqual([...rec.events.keys()].sort());
      for (const id of x.events.keys()) expect(y.events.has(id)).toBe(false);
      const body = (t: string) => t.split('\n').filter((l) => l && !l.startsWith('## '));
      expect([...body(x.text), ...body(y.text)]).toEqual(body(rec.text));
      expect(x.text.length).toBeLessThan(rec.text.length);
      expect(y.text.length).toBeLessThan(rec.text.length);
      if (rec === single) expect(y.text.split('\n')[0]).toMatch(/ \(continued\)$/);
    }
    const one = { ...all[0]!, text: '## p account=1\nid=x 01:00:00 s3:GetObject' };
    expect(splitRecord(one)).toBeUndefined();
  });
});

describe('laying a window out under the batch quotas', () => {
  const q = {
    recordsPerFile: 50,
    recordsPerJob: 200,
    bytesPerFile: 10_000,
    bytesPerJob: 30_000,
    minRecordsPerJob: 100,
  };
  const ranges = (p: ReturnType<typeof planBatch>) => p.jobs.map((j) => [j.start, j.end, j.files.length]);

  it('one job of one file when everything fits (the defaults, a normal window)', () => {
    expect(
      ranges(
        planBatch(
          Array.from({ length: 5000 }, () => 4000),
          BATCH_QUOTAS,
        ),
      ),
    ).toEqual([[0, 5000, 1]]);
  });

  it('several files per job by record count and by bytes; several jobs shared evenly', () => {
    // 450 records of 100 bytes: 3 jobs by record count (200 each at most), 150 each, files of 50 records.
    const p = planBatch(
      Array.from({ length: 450 }, () => 100),
      q,
    );
    expect(ranges(p)).toEqual([
      [0, 150, 3],
      [150, 300, 3],
      [300, 450, 3],
    ]);
    // 200 records of 290 bytes: 58,000 bytes need 2 jobs by size; files hold 34 records (10,000 bytes).
    const b = planBatch(
      Array.from({ length: 200 }, () => 290),
      q,
    );
    expect(b.jobs.map((j) => j.end - j.start)).toEqual([100, 100]);
    for (const j of b.jobs)
      for (const f of j.files) expect((f.end - f.start) * 290).toBeLessThanOrEqual(10_000);
    // Every record is in exactly one file, in order.
    const flat = b.jobs.flatMap((j) =>
      j.files.flatMap((f) => Array.from({ length: f.end - f.start }, (_, i) => f.start + i)),
    );
    expect(flat).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('refuses a layout that would leave a job under the minimum, or a record over the file quota', () => {
    expect(() =>
      planBatch(
        Array.from({ length: 250 }, () => 100),
        { ...q, recordsPerJob: 120 },
      ),
    ).toThrow(/cannot be split into batch jobs of at least 100 records/);
    expect(() => planBatch([100, 20_000], q)).toThrow(
      /record 2 is 20000 bytes, over the 10000-byte file quota/,
    );
  });
});

describe('refusal wording', () => {
  it('labels a declined answer as refused, but not prose that merely has no JSON', () => {
    for (const t of [
      "I'm sorry, but I can't help with that.",
      'I cannot assist with this request.',
      "I won't analyse this data.",
    ])
      expect(parseAnswer(t).failure).toBe('refused');
    for (const t of ['I cannot find anything suspicious here.', 'I reviewed the data; all looks routine.'])
      expect(parseAnswer(t).failure).toBe('no-json');
  });
});
