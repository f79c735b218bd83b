/**
 * CloudTrail's delivery delay, modelled: with `POST /_twin/delivery {"delayMinutes": N}` (or
 * `--delivery-delay-minutes N`) each event shows in LookupEvents and Lake only N minutes after its `eventTime`,
 * and in the trail archive in a file delivered (LastModified, and listed from) the first whole minute after
 * that. The twin's clock decides what is delivered; tests inject theirs through `startTwin({ now })`.
 */
import { eventTimeMs, type TrailRecord } from './events.js';
import { jsonResponse } from './protocol.js';
import type { TwinContext, TwinRequest, TwinResponse } from './types.js';

/** The longest delay the control route accepts: a day, past which CloudTrail's own guarantee is moot. */
export const MAX_DELAY_MINUTES = 1440;

/** The records delivered by the twin's `now()`; every record when there is no delay. */
export function deliveredEvents(ctx: TwinContext): TrailRecord[] {
  const all = ctx.loadedEvents ?? ctx.events;
  const delayMs = (ctx.deliveryDelayMinutes ?? 0) * 60_000;
  if (delayMs <= 0) return all;
  const now = (ctx.now ?? Date.now)();
  return all.filter((r) => {
    const t = eventTimeMs(r);
    return t !== undefined && t + delayMs <= now;
  });
}

/** Brings `ctx.events` (what LookupEvents and Lake serve) up to the twin's clock before a request is answered. */
export function refreshDelivered(ctx: TwinContext): void {
  if ((ctx.deliveryDelayMinutes ?? 0) > 0) ctx.events = deliveredEvents(ctx);
}

/** Validates a delay in minutes from the control route or the command line. */
export function parseDelay(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_DELAY_MINUTES)
    throw new Error(`delayMinutes must be a number from 0 to ${MAX_DELAY_MINUTES}, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * `GET /_twin/delivery` and `POST /_twin/delivery {"delayMinutes": N}`; a new delay rewrites the archive through
 * `reload` (which lays out files by delivery time). Undefined for other routes.
 */
export function deliveryControl(
  req: TwinRequest,
  ctx: TwinContext,
  reload: () => void,
): TwinResponse | undefined {
  const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
  if (route === 'GET /_twin/delivery') return jsonResponse(200, describe(ctx));
  if (route !== 'POST /_twin/delivery') return undefined;
  const body = JSON.parse(req.body.toString('utf8') || '{}') as { delayMinutes?: unknown };
  ctx.deliveryDelayMinutes = parseDelay(body.delayMinutes);
  reload();
  return jsonResponse(200, describe(ctx));
}

function describe(ctx: TwinContext): Record<string, unknown> {
  refreshDelivered(ctx);
  const loaded = (ctx.loadedEvents ?? ctx.events).length;
  return {
    delayMinutes: ctx.deliveryDelayMinutes ?? 0,
    now: new Date((ctx.now ?? Date.now)()).toISOString(),
    loaded,
    delivered: deliveredEvents(ctx).length,
  };
}
