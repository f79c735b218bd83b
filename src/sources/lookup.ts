import {
  LookupEventsCommand,
  type LookupAttribute,
  type LookupEventsCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { awsErrorMeta, describeError, isAccessDenied, isThrottle, isUnrecognizedClient } from '../errors.js';
import type { TrailEvent } from '../types.js';
import type { SourceContext } from './index.js';
import { mergeConcurrent } from './merge.js';
import { RateLimiter, retryThrottled } from './pacing.js';
import { Scope, toEvents } from './scope.js';

/** LookupEvents returns at most 50 events a page. */
const PAGE_SIZE = 50;
/** AWS's LookupEvents quota: 2 requests per second per account per region. */
export const LOOKUP_RATE_PER_SECOND = 2;
/**
 * Requests are spaced this much wider than the limit: CloudTrail counts arrivals in a sliding second, so a
 * request sent exactly on the 500 ms mark can arrive early enough to be throttled, and one throttle costs a
 * backoff far longer than the margin (measured with bench:lookup: 53% of the limit at 0%, see the README).
 */
export const LOOKUP_PACING_MARGIN = 0.08;

/**
 * One lookup attribute may be pushed down (LookupEvents accepts only one): a single exact event source or event
 * name. ReadOnly is not pushed: ReadOnly=false would drop events that carry no readOnly field, which the local
 * filter keeps because they may be writes. The local filters still run on every event.
 */
export function lookupAttribute(filters: SourceContext['config']['filters']): LookupAttribute | undefined {
  const exact = (xs: string[]): string | undefined =>
    xs.length === 1 && !/[*?]/.test(xs[0] as string) ? xs[0] : undefined;
  const svc = exact(filters.includeServices);
  if (svc)
    return { AttributeKey: 'EventSource', AttributeValue: svc.includes('.') ? svc : `${svc}.amazonaws.com` };
  const name = exact(filters.includeEvents);
  if (name) return { AttributeKey: 'EventName', AttributeValue: name };
  return undefined;
}

/** Event history, what LookupEvents reads, keeps the last 90 days. */
export const LOOKUP_HISTORY_DAYS = 90;

/** The `lookup` source: every page of LookupEvents in every region, regions in parallel, each paced and retried. */
export function lookupSource(ctx: SourceContext): AsyncGenerator<TrailEvent[]> {
  const { config, deps, scopes, win } = ctx;
  const regions = config.source.regions.length > 0 ? config.source.regions : [deps.clients.region];
  const oldestMs = deps.clock.now().getTime() - LOOKUP_HISTORY_DAYS * 86_400_000;
  const oldest = new Date(oldestMs).toISOString();
  const tasks = [...new Set(regions)].flatMap((region) => {
    const scope = new Scope('lookup', region);
    scopes.push(scope);
    if (win.endMs <= oldestMs) {
      // Event history no longer holds any of the window: an empty answer would look like a quiet window.
      scope.notRead(
        `${region}: not read: the window ends before the ${LOOKUP_HISTORY_DAYS} days LookupEvents keeps (nothing before ${oldest}). Use \`source: s3\` (the trail's archive) for older windows`,
      );
      scope.done = true;
      deps.logger.warning(`lookup ${scope.report.errors[0] ?? ''}`);
      return [];
    }
    return [
      async function* () {
        yield* lookupRegion(ctx, region, scope);
        if (win.startMs < oldestMs && scope.report.complete)
          scope.fail(
            `${region}: the window before ${oldest} was not read: it is past the ${LOOKUP_HISTORY_DAYS} days LookupEvents keeps. Use \`source: s3\` for that part`,
          );
      },
    ];
  });
  return mergeConcurrent(tasks, Math.max(1, tasks.length));
}

async function* lookupRegion(ctx: SourceContext, region: string, scope: Scope): AsyncGenerator<TrailEvent[]> {
  const { config, deps, win } = ctx;
  const { logger, clock, signal } = deps;
  const tuning = deps.tuning ?? {};
  const limiter = new RateLimiter(
    (tuning.lookupRatePerSecond ?? LOOKUP_RATE_PER_SECOND) / (1 + LOOKUP_PACING_MARGIN),
    clock,
  );
  const every = tuning.progressEveryPages ?? 25;
  const client = await deps.clients.cloudtrail(region);
  const attr = lookupAttribute(config.filters);
  const started = clock.now().getTime();
  let token: string | undefined;
  let pages = 0;
  let throttled = 0;
  try {
    do {
      const input = {
        StartTime: new Date(win.startMs),
        EndTime: new Date(win.endMs),
        MaxResults: PAGE_SIZE,
        ...(attr ? { LookupAttributes: [attr] } : {}),
        ...(token ? { NextToken: token } : {}),
      };
      const out: LookupEventsCommandOutput = await retryThrottled(
        async () => {
          await limiter.take(signal);
          return client.send(new LookupEventsCommand(input), signal ? { abortSignal: signal } : {});
        },
        {
          clock,
          attempts: tuning.throttleAttempts ?? 8,
          ...(signal ? { signal } : {}),
          onRetry: (n, ms) => {
            throttled++;
            logger.debug(`lookup ${region}: throttled (attempt ${n}), retrying in ${ms} ms`);
          },
        },
      );
      pages++;
      scope.add('pages', 1);
      const raws: unknown[] = [];
      for (const e of out.Events ?? []) {
        if (!e.CloudTrailEvent) {
          scope.skip('missing-cloudtrail-event');
          continue;
        }
        try {
          raws.push(JSON.parse(e.CloudTrailEvent));
        } catch {
          scope.skip('invalid-json');
        }
      }
      const events = toEvents(raws, scope, win);
      if (pages % every === 0) {
        const secs = Math.max(0.001, (clock.now().getTime() - started) / 1000);
        logger.info(
          `lookup ${region}: ${scope.report.eventsRead} events in ${pages} pages (${(pages / secs).toFixed(2)} requests/s, ${throttled} throttled retries)`,
        );
      }
      if (events.length > 0) yield events;
      token = out.NextToken;
    } while (token);
    scope.done = true;
    logger.info(`lookup ${region}: done, ${scope.report.eventsRead} events in ${pages} pages`);
  } catch (err) {
    scope.done = true;
    const meta = awsErrorMeta(err);
    if (isUnrecognizedClient(err)) {
      // Credentials that work elsewhere but are not recognised here: the region is not enabled for the account.
      const msg = `${region}: not read: the credentials are not recognised in ${region} (${meta.name}), which for credentials that work in other regions means ${region} is not enabled for this account (an opt-in region). Enable it for the account, or remove it from \`regions\``;
      scope.notRead(msg);
      logger.warning(`lookup ${msg}`);
      return;
    }
    const msg = isAccessDenied(err)
      ? `${region}: not read: access denied to cloudtrail:LookupEvents (${meta.name}); allow cloudtrail:LookupEvents for this role in ${region}`
      : isThrottle(err)
        ? `${region}: not read to the end: still throttled after ${tuning.throttleAttempts ?? 8} attempts (${pages} pages read)`
        : `${region}: not read to the end after ${pages} pages: ${describeError(err)}`;
    scope.fail(msg);
    logger.warning(`lookup ${msg}`);
  }
}
