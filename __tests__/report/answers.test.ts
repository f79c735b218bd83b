import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../schemas/report.schema.json' with { type: 'json' };
import { LIMITS, NO_REDACTION, renderMarkdown } from '../../src/report/index.js';
import { makeFinding, makeReport } from './fixtures.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
const validate = ajv.compile(schema);

const answers = {
  truncated: 4,
  salvaged: 3,
  findingsSalvaged: 17,
  reasked: 4,
  unrecovered: 1,
  empty: 2,
  refused: 1,
  wrongSchema: 1,
  noJson: 0,
};

describe('analysis.answers in the report', () => {
  it('is carried into the report JSON, validates against the schema, and is shown in the coverage table', () => {
    const report = makeReport([makeFinding('high', 1)], { analysis: { status: 'partial', answers } });
    expect(report.analysis.answers).toEqual(answers);
    expect(validate(report) ? '' : ajv.errorsText(validate.errors)).toBe('');
    const md = renderMarkdown(report, {
      maxChars: LIMITS.summaryBytes,
      redaction: NO_REDACTION,
      destination: 'summary',
    });
    expect(md).toContain(
      '- **Model answers:** 4 cut at max_tokens (17 findings kept, 4 re-asked in halves, 1 unrecovered) · 2 empty · 1 refused · 1 unreadable',
    );
  });

  it('is absent (and no row is shown) when the model was not asked or answered cleanly', () => {
    const none = makeReport([]);
    expect(none.analysis).not.toHaveProperty('answers');
    expect(validate(none)).toBe(true);
    const clean = makeReport([], {
      analysis: { answers: { ...answers, truncated: 0, empty: 0, refused: 0, wrongSchema: 0 } },
    });
    expect(
      renderMarkdown(clean, {
        maxChars: LIMITS.summaryBytes,
        redaction: NO_REDACTION,
        destination: 'summary',
      }),
    ).not.toContain('Model answers');
  });
});
