/** The direct engine: one Converse call per digest record, a few at a time, for windows too small for batch. */
import { describeError, isThrottle } from '../errors.js';
import type { Finding } from '../types.js';
import type { DigestRecord } from './digest.js';
import type { AnalyzeDeps } from './deps.js';
import type { AnswerFormat } from './models.js';
import { readAnswer, replyOf, type AnswerFailure, type ModelReply, type RecordAnswer } from './parse.js';
import { costUsd, type ModelPrice } from './pricing.js';
import {
  buildPrompt,
  converseBody,
  RECORD_MAX_OUTPUT_TOKENS,
  type BuiltPrompt,
  type PromptContext,
} from './prompt.js';
import { splitRecord } from './split.js';

/** Throttled calls are retried this many times (on top of the SDK's own retries) with jittered backoff. */
export const THROTTLE_RETRIES = 6;

/** What one record produced in direct or batch mode. */
export interface RecordOutcome {
  recordId: string;
  /** analysed: a findings list was read (maybe cut short); invalid: the answer(s) held none; failed: no answer. */
  status: 'analysed' | 'invalid' | 'failed';
  findings: Finding[];
  unverified: number;
  /** Invalid answers plus findings that did not match the schema. */
  invalid: number;
  error?: string;
  /** Why the answer held no findings list (empty, refused, no JSON, a tool call of the wrong shape). */
  failure?: AnswerFailure;
  /** The answer was cut at max_tokens (or its JSON ended mid-list); its complete findings were kept. */
  truncated?: boolean;
  /** Complete findings kept from the cut answer. */
  salvaged?: number;
  /** The record was asked again in two halves after the cut. */
  reasked?: boolean;
  /** Findings may be missing: the cut was not made good (no re-ask, or a half was cut or failed too). */
  lost?: boolean;
}

export interface EngineRun {
  results: RecordOutcome[];
  inputTokens: number;
  outputTokens: number;
  /** False when some token figures had to be estimated. */
  measured: boolean;
  warnings: string[];
  /** On-demand tokens spent re-asking cut batch records (priced as direct calls, unlike the batch's). */
  reask?: { inputTokens: number; outputTokens: number };
}

/** What re-asking a cut record in halves needs: the prompt's context and a share of max-cost-usd. */
export interface ReaskOptions {
  ctx: PromptContext;
  recordTokenBudget: number;
  budget: CostBudget;
}

/** What may still be spent on re-asks (on-demand prices), taken before each one. */
export class CostBudget {
  spent = 0;
  constructor(
    readonly limitUsd: number,
    private readonly price: ModelPrice,
  ) {}
  /** Reserves the worst case of a call (`maxTokens` out); false, reserving nothing, when it does not fit. */
  take(inputTokens: number, maxOutputTokens: number): boolean {
    const usd = costUsd(this.price, inputTokens, maxOutputTokens, false);
    if (this.spent + usd > this.limitUsd) return false;
    this.spent += usd;
    return true;
  }
}

/** One Converse call, throttling retried, tokens added to the run (or to `counters`). */
export type Caller = (
  prompt: BuiltPrompt,
  opts?: { counters?: { inputTokens: number; outputTokens: number }; maxTokens?: number },
) => Promise<ModelReply>;

/**
 * Output tokens a re-asked half may use: twice a record's. Each half holds about half the events and gets twice
 * the room, so an answer cut at up to four times the cap fits; only tokens written are billed.
 */
export const REASK_MAX_OUTPUT_TOKENS = 2 * RECORD_MAX_OUTPUT_TOKENS;

/** A Converse caller for `modelId`, asking for findings the way its family answers best. */
export function converseCaller(
  opts: { modelId: string; answer: AnswerFormat },
  deps: AnalyzeDeps,
  run: Pick<EngineRun, 'inputTokens' | 'outputTokens' | 'measured'>,
): Caller {
  return async (prompt, callOpts = {}) => {
    // The client and its SDK package are built and loaded at the first call (see AwsClients).
    const { ConverseCommand } = await import('@aws-sdk/client-bedrock-runtime');
    const client = await deps.clients.bedrockRuntime();
    const counters = callOpts.counters ?? run;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await client.send(
          new ConverseCommand({
            modelId: opts.modelId,
            ...converseBody(prompt, callOpts.maxTokens, opts.answer),
          }),
          deps.signal ? { abortSignal: deps.signal } : {},
        );
        const reply = replyOf(res) ?? { text: '', toolCalls: [] };
        if (res.stopReason && !reply.stopReason) reply.stopReason = res.stopReason;
        const outChars = reply.text.length + JSON.stringify(reply.toolCalls.map((c) => c.input)).length;
        if (res.usage?.inputTokens !== undefined) {
          counters.inputTokens += res.usage.inputTokens;
          counters.outputTokens += res.usage.outputTokens ?? Math.ceil(outChars / 4);
        } else {
          run.measured = false;
          counters.inputTokens += prompt.tokens;
          counters.outputTokens += Math.ceil(outChars / 4);
        }
        return reply;
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
}

/**
 * A record whose answer was cut: its complete findings are kept, and (when `reask` allows and the budget holds)
 * it is asked again as two halves, once. Findings count as lost only when that does not make the cut good.
 */
export async function recoverCut(
  record: DigestRecord,
  cut: RecordAnswer,
  call: Caller,
  reask: ReaskOptions | undefined,
  deps: AnalyzeDeps,
  counters?: { inputTokens: number; outputTokens: number },
): Promise<RecordOutcome> {
  const out: RecordOutcome = {
    recordId: record.recordId,
    status: 'analysed',
    findings: [...cut.findings],
    unverified: cut.unverified,
    invalid: cut.invalidFindings,
    truncated: true,
    salvaged: cut.findings.length,
  };
  const halves = reask && record.text ? splitRecord(record) : undefined;
  const prompts =
    reask && halves
      ? halves.map((h) => ({ half: h, prompt: buildPrompt(h, reask.ctx, reask.recordTokenBudget) }))
      : undefined;
  const worst = (prompts ?? []).reduce((n, p) => n + p.prompt.tokens, 0);
  if (!prompts || !reask?.budget.take(worst, 2 * REASK_MAX_OUTPUT_TOKENS)) {
    out.lost = true;
    deps.logger.debug(
      `Record ${record.recordId}: answer cut at max_tokens; ${cut.findings.length} complete finding(s) kept, ${prompts ? 'no budget left to re-ask' : 'cannot be split further'}`,
    );
    return out;
  }
  out.reasked = true;
  for (const { half, prompt } of prompts) {
    try {
      const a = readAnswer(
        half,
        await call(prompt, { ...(counters ? { counters } : {}), maxTokens: REASK_MAX_OUTPUT_TOKENS }),
      );
      if (!a.ok) {
        out.invalid++;
        out.lost = true;
        continue;
      }
      out.findings.push(...a.findings);
      out.unverified += a.unverified;
      out.invalid += a.invalidFindings;
      if (a.truncated) out.lost = true;
    } catch (err) {
      out.lost = true;
      deps.logger.debug(`Record ${half.recordId} (re-ask): ${describeError(err)}`);
    }
  }
  return out;
}

/** Runs every record through Converse with at most `concurrency` calls in flight. */
export async function runDirect(
  items: readonly { record: DigestRecord; prompt: BuiltPrompt }[],
  opts: { modelId: string; concurrency: number; answer?: AnswerFormat; reask?: ReaskOptions },
  deps: AnalyzeDeps,
): Promise<EngineRun> {
  const run: EngineRun = { results: [], inputTokens: 0, outputTokens: 0, measured: true, warnings: [] };
  const call = converseCaller({ modelId: opts.modelId, answer: opts.answer ?? 'text' }, deps, run);

  const one = async (item: { record: DigestRecord; prompt: BuiltPrompt }): Promise<RecordOutcome> => {
    const { record, prompt } = item;
    let invalid = 0;
    let failure: AnswerFailure | undefined;
    try {
      // An answer with no readable findings is asked for once more; models usually comply on a second try.
      for (let tries = 0; tries < 2; tries++) {
        const a = readAnswer(record, await call(prompt));
        if (a.ok && a.truncated) {
          const r = await recoverCut(record, a, call, opts.reask, deps);
          r.invalid += invalid;
          return r;
        }
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
        failure = a.failure;
        deps.logger.debug(
          `Record ${record.recordId}: answer held no findings (${a.failure ?? 'invalid'}, try ${tries + 1})`,
        );
        // The same prompt is refused the same way again: not worth paying for twice.
        if (a.failure === 'refused') break;
      }
      return {
        recordId: record.recordId,
        status: 'invalid',
        findings: [],
        unverified: 0,
        invalid,
        ...(failure ? { failure } : {}),
      };
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
