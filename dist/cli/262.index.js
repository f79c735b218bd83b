export const id = 262;
export const ids = [262];
export const modules = {

/***/ 7262:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LOOKUP_HISTORY_DAYS: () => (/* binding */ LOOKUP_HISTORY_DAYS),
/* harmony export */   LOOKUP_PACING_MARGIN: () => (/* binding */ LOOKUP_PACING_MARGIN),
/* harmony export */   LOOKUP_RATE_PER_SECOND: () => (/* binding */ LOOKUP_RATE_PER_SECOND),
/* harmony export */   lookupAttribute: () => (/* binding */ lookupAttribute),
/* harmony export */   lookupSource: () => (/* binding */ lookupSource)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudtrail__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7392);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _merge_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2114);
/* harmony import */ var _pacing_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2848);
/* harmony import */ var _scope_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8118);





/** LookupEvents returns at most 50 events a page. */
const PAGE_SIZE = 50;
/** AWS's LookupEvents quota: 2 requests per second per account per region. */
const LOOKUP_RATE_PER_SECOND = 2;
/**
 * Requests are spaced this much wider than the limit: CloudTrail counts arrivals in a sliding second, so a
 * request sent exactly on the 500 ms mark can arrive early enough to be throttled, and one throttle costs a
 * backoff far longer than the margin (measured with bench:lookup: 53% of the limit at 0%, see the README).
 */
const LOOKUP_PACING_MARGIN = 0.08;
/**
 * One lookup attribute may be pushed down (LookupEvents accepts only one): a single exact event source or event
 * name. ReadOnly is not pushed: ReadOnly=false would drop events that carry no readOnly field, which the local
 * filter keeps because they may be writes. The local filters still run on every event.
 */
function lookupAttribute(filters) {
    const exact = (xs) => xs.length === 1 && !/[*?]/.test(xs[0]) ? xs[0] : undefined;
    const svc = exact(filters.includeServices);
    if (svc)
        return { AttributeKey: 'EventSource', AttributeValue: svc.includes('.') ? svc : `${svc}.amazonaws.com` };
    const name = exact(filters.includeEvents);
    if (name)
        return { AttributeKey: 'EventName', AttributeValue: name };
    return undefined;
}
/** Event history, what LookupEvents reads, keeps the last 90 days. */
const LOOKUP_HISTORY_DAYS = 90;
/** The `lookup` source: every page of LookupEvents in every region, regions in parallel, each paced and retried. */
function lookupSource(ctx) {
    const { config, deps, scopes, win } = ctx;
    const regions = config.source.regions.length > 0 ? config.source.regions : [deps.clients.region];
    const oldestMs = deps.clock.now().getTime() - LOOKUP_HISTORY_DAYS * 86_400_000;
    const oldest = new Date(oldestMs).toISOString();
    const tasks = [...new Set(regions)].flatMap((region) => {
        const scope = new _scope_js__WEBPACK_IMPORTED_MODULE_2__/* .Scope */ .HG('lookup', region);
        scopes.push(scope);
        if (win.endMs <= oldestMs) {
            // Event history no longer holds any of the window: an empty answer would look like a quiet window.
            scope.notRead(`${region}: not read: the window ends before the ${LOOKUP_HISTORY_DAYS} days LookupEvents keeps (nothing before ${oldest}). Use \`source: s3\` (the trail's archive) for older windows`);
            scope.done = true;
            deps.logger.warning(`lookup ${scope.report.errors[0] ?? ''}`);
            return [];
        }
        return [
            async function* () {
                yield* lookupRegion(ctx, region, scope);
                if (win.startMs < oldestMs && scope.report.complete)
                    scope.fail(`${region}: the window before ${oldest} was not read: it is past the ${LOOKUP_HISTORY_DAYS} days LookupEvents keeps. Use \`source: s3\` for that part`);
            },
        ];
    });
    return (0,_merge_js__WEBPACK_IMPORTED_MODULE_3__/* .mergeConcurrent */ .K)(tasks, Math.max(1, tasks.length));
}
async function* lookupRegion(ctx, region, scope) {
    const { config, deps, win } = ctx;
    const { logger, clock, signal } = deps;
    const tuning = deps.tuning ?? {};
    const limiter = new _pacing_js__WEBPACK_IMPORTED_MODULE_1__/* .RateLimiter */ .v((tuning.lookupRatePerSecond ?? LOOKUP_RATE_PER_SECOND) / (1 + LOOKUP_PACING_MARGIN), clock);
    const every = tuning.progressEveryPages ?? 25;
    const client = await deps.clients.cloudtrail(region);
    const attr = lookupAttribute(config.filters);
    const started = clock.now().getTime();
    let token;
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
            const out = await (0,_pacing_js__WEBPACK_IMPORTED_MODULE_1__/* .retryThrottled */ .X)(async () => {
                await limiter.take(signal);
                return client.send(new _aws_sdk_client_cloudtrail__WEBPACK_IMPORTED_MODULE_4__/* .LookupEventsCommand */ .nau(input), signal ? { abortSignal: signal } : {});
            }, {
                clock,
                attempts: tuning.throttleAttempts ?? 8,
                ...(signal ? { signal } : {}),
                onRetry: (n, ms) => {
                    throttled++;
                    logger.debug(`lookup ${region}: throttled (attempt ${n}), retrying in ${ms} ms`);
                },
            });
            pages++;
            scope.add('pages', 1);
            const raws = [];
            for (const e of out.Events ?? []) {
                if (!e.CloudTrailEvent) {
                    scope.skip('missing-cloudtrail-event');
                    continue;
                }
                try {
                    raws.push(JSON.parse(e.CloudTrailEvent));
                }
                catch {
                    scope.skip('invalid-json');
                }
            }
            const events = (0,_scope_js__WEBPACK_IMPORTED_MODULE_2__/* .toEvents */ .Rc)(raws, scope, win);
            if (pages % every === 0) {
                const secs = Math.max(0.001, (clock.now().getTime() - started) / 1000);
                logger.info(`lookup ${region}: ${scope.report.eventsRead} events in ${pages} pages (${(pages / secs).toFixed(2)} requests/s, ${throttled} throttled retries)`);
            }
            if (events.length > 0)
                yield events;
            token = out.NextToken;
        } while (token);
        scope.done = true;
        logger.info(`lookup ${region}: done, ${scope.report.eventsRead} events in ${pages} pages`);
    }
    catch (err) {
        scope.done = true;
        const meta = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsErrorMeta */ .D7)(err);
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isUnrecognizedClient */ .Hr)(err)) {
            // Credentials that work elsewhere but are not recognised here: the region is not enabled for the account.
            const msg = `${region}: not read: the credentials are not recognised in ${region} (${meta.name}), which for credentials that work in other regions means ${region} is not enabled for this account (an opt-in region). Enable it for the account, or remove it from \`regions\``;
            scope.notRead(msg);
            logger.warning(`lookup ${msg}`);
            return;
        }
        const msg = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAccessDenied */ .w7)(err)
            ? `${region}: not read: access denied to cloudtrail:LookupEvents (${meta.name}); allow cloudtrail:LookupEvents for this role in ${region}`
            : (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isThrottle */ .p0)(err)
                ? `${region}: not read to the end: still throttled after ${tuning.throttleAttempts ?? 8} attempts (${pages} pages read)`
                : `${region}: not read to the end after ${pages} pages: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(err)}`;
        scope.fail(msg);
        logger.warning(`lookup ${msg}`);
    }
}


/***/ }),

/***/ 2848:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ retryThrottled),
/* harmony export */   v: () => (/* binding */ RateLimiter)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/** Spaces calls at most `ratePerSecond` apart on the injected clock (so tests pace on virtual time). */
class RateLimiter {
    clock;
    next = 0;
    gapMs;
    constructor(ratePerSecond, clock) {
        this.clock = clock;
        this.gapMs = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
    }
    /** Waits until the next call is allowed, then books the slot after it. */
    async take(signal) {
        const now = this.clock.now().getTime();
        const at = Math.max(now, this.next);
        this.next = at + this.gapMs;
        if (at > now)
            await this.clock.sleep(at - now, signal);
    }
}
/** Retries `fn` on throttling only, with full-jitter exponential backoff on the injected clock; bounded by `attempts`. */
async function retryThrottled(fn, opts) {
    const base = opts.baseMs ?? 500;
    const cap = opts.capMs ?? 20_000;
    const random = opts.random ?? Math.random;
    for (let attempt = 1;; attempt++) {
        try {
            return await fn();
        }
        catch (err) {
            if (!(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isThrottle */ .p0)(err) || attempt >= opts.attempts)
                throw err;
            // Full jitter keeps parallel regions from retrying in lock-step against the same quota.
            const delay = Math.round(random() * Math.min(cap, base * 2 ** (attempt - 1))) + base;
            opts.onRetry?.(attempt, delay, err);
            await opts.clock.sleep(delay, opts.signal);
        }
    }
}


/***/ })

};
