/** The direct engine: one Converse call per digest record, a few at a time, for windows too small for batch. */
import { ConverseCommand, type ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { describeError, isThrottle } from '../errors.js';
import type { Finding } from '../types.js';
import type { DigestRecord } from './digest.js';
import type { AnalyzeDeps } from './deps.js';
import { readAnswer } from './parse.js';
import { converseBody, type BuiltPrompt } from './prompt.js';
import { estimateTokens } from './tokens.js';

/** Throttled calls are retried this many times (on top of the SDK's own retries) with jittered backoff. */
export const THROTTLE_RETRIES = 6;

/** What one record produced in direct or batch mode. */
export interface RecordOutcome {
  recordId: string;
  /** analysed: a valid answer was read; invalid: the answer(s) held no findings JSON; failed: no answer. */
  status: 'analysed' | 'invalid' | 'failed';
  findings: Finding[];
  unverified: number;
  /** Invalid answers plus findings that did not match the schema. */
  invalid: number;
  error?: string;
}

export interface EngineRun {
  results: RecordOutcome[];
  inputTokens: number;
  outputTokens: number;
  /** False when some token figures had to be estimated. */
  measured: boolean;
  warnings: string[];
}

function answerText(res: ConverseCommandOutput): string {
  return (res.output?.message?.content ?? []).map((c) => c.text ?? '').join('');
}

/** Runs every record through Converse with at most `concurrency` calls in flight. */
export async function runDirect(
  items: readonly { record: DigestRecord; prompt: BuiltPrompt }[],
  opts: { modelId: string; concurrency: number },
  deps: AnalyzeDeps,
): Promise<EngineRun> {
  const run: EngineRun = { results: [], inputTokens: 0, outputTokens: 0, measured: true, warnings: [] };
  const client = deps.clients.bedrockRuntime();

  const call = async (prompt: BuiltPrompt): Promise<string> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await client.send(
          new ConverseCommand({ modelId: opts.modelId, ...converseBody(prompt) }),
          deps.signal ? { abortSignal: deps.signal } : {},
        );
        const text = answerText(res);
        if (res.usage?.inputTokens !== undefined) {
          run.inputTokens += res.usage.inputTokens;
          run.outputTokens += res.usage.outputTokens ?? estimateTokens(text);
        } else {
          run.measured = false;
          run.inputTokens += prompt.tokens;
          run.outputTokens += estimateTokens(text);
        }
        return text;
      } catch (err) {
        if (!isThrottle(err) || attempt >= THROTTLE_RETRIES || deps.signal?.aborted) throw err;
        // Full jitter: spreads concurrent retries so they do not hit the limit together again.
        const cap = Math.min(20_000, 500 * 2 ** attempt);
        const wait = Math.round(cap / 2 + Math.random() * (cap / 2));
        deps.logger.debug(`Converse throttled (attempt ${attempt + 1}); retrying in ${wait} ms`);
        await deps.clock.sleep(wait, deps.signal);
      }
    }
  };

  const one = async (item: { record: DigestRecord; prompt: BuiltPrompt }): Promise<RecordOutcome> => {
    const { record, prompt } = item;
    let invalid = 0;
    try {
      // An answer with no readable JSON is asked for once more; models usually comply on a second try.
      for (let tries = 0; tries < 2; tries++) {
        const a = readAnswer(record, await call(prompt));
        if (a.ok) {
          return {
            recordId: record.recordId,
            status: 'analysed',
            findings: a.findings,
            unverified: a.unverified,
            invalid: invalid + a.invalidFindings,
          };
        }
        invalid++;
        deps.logger.debug(`Record ${record.recordId}: answer was not valid findings JSON (try ${tries + 1})`);
      }
      return { recordId: record.recordId, status: 'invalid', findings: [], unverified: 0, invalid };
    } catch (err) {
      return {
        recordId: record.recordId,
        status: 'failed',
        findings: [],
        unverified: 0,
        invalid,
        error: describeError(err),
      };
    }
  };

  const queue = [...items];
  const workers = Array.from({ length: Math.max(1, Math.min(opts.concurrency, queue.length)) }, async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      if (deps.signal?.aborted) {
        run.results.push({
          recordId: item.record.recordId,
          status: 'failed',
          findings: [],
          unverified: 0,
          invalid: 0,
          error: 'cancelled',
        });
        continue;
      }
      run.results.push(await one(item));
      const done = run.results.length;
      if (done % 10 === 0 || done === items.length)
        deps.logger.info(`Direct analysis: ${done}/${items.length} records`);
    }
  });
  await Promise.all(workers);
  run.results.sort((a, b) => (a.recordId < b.recordId ? -1 : 1));
  return run;
}
