export const id = 981;
export const ids = [981];
export const modules = {

/***/ 6981:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   archiveRoot: () => (/* binding */ archiveRoot),
/* harmony export */   dateFolders: () => (/* binding */ dateFolders),
/* harmony export */   deliveryStampMs: () => (/* binding */ deliveryStampMs),
/* harmony export */   describeArchive: () => (/* binding */ describeArchive),
/* harmony export */   fileMayOverlap: () => (/* binding */ fileMayOverlap),
/* harmony export */   holdingsText: () => (/* binding */ holdingsText),
/* harmony export */   isLogFile: () => (/* binding */ isLogFile),
/* harmony export */   s3Source: () => (/* binding */ s3Source)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3711);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _bytes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3689);
/* harmony import */ var _json_records_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3649);
/* harmony import */ var _merge_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2114);
/* harmony import */ var _scope_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8118);






const DAY = 86_400_000;
/** `AWSLogs/` or `<trail-prefix>/AWSLogs/`, then `o-org/` for organisation trails. */
function archiveRoot(trailPrefix, organizationId) {
    const p = trailPrefix.replace(/^\/+|\/+$/g, '');
    return `${p ? `${p}/` : ''}AWSLogs/${organizationId ? `${organizationId}/` : ''}`;
}
/** The `YYYY/MM/DD/` folders the window touches, plus one day either side (delivery delay, clock skew). */
function dateFolders(win) {
    const out = [];
    const first = Math.floor(win.startMs / DAY) * DAY - DAY;
    const last = Math.floor((win.endMs - 1) / DAY) * DAY + DAY;
    for (let d = first; d <= last; d += DAY)
        out.push(new Date(d).toISOString().slice(0, 10).replace(/-/g, '/') + '/');
    return out;
}
const STAMP = /_(\d{8})T(\d{4})Z_[^/]*$/;
/** The delivery time in a log file's name (`\u2026_20240102T0305Z_\u2026.json.gz`), or undefined when it has none. */
function deliveryStampMs(key) {
    const m = STAMP.exec(key);
    if (!m)
        return undefined;
    const [d = '', t = ''] = [m[1], m[2]];
    const ms = Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4));
    return Number.isFinite(ms) ? ms : undefined;
}
/** A log file worth reading: `.json.gz` under `CloudTrail/` (digests and insight files live elsewhere). */
function isLogFile(key) {
    return (key.endsWith('.json.gz') && !key.includes('CloudTrail-Digest') && !key.includes('CloudTrail-Insight'));
}
/**
 * Whether a file can hold events of the window: a file delivered before the window starts holds only earlier
 * events; one delivered more than a day after it ends is past any delivery delay.
 */
function fileMayOverlap(key, win) {
    const at = deliveryStampMs(key);
    if (at === undefined)
        return true;
    return at >= win.startMs && at <= win.endMs + DAY;
}
async function* listAll(s3, bucket, prefix, delimiter, maxKeys) {
    let token;
    do {
        const out = await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_4__.ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ...(delimiter ? { Delimiter: delimiter } : {}),
            ...(maxKeys ? { MaxKeys: maxKeys } : {}),
            ...(token ? { ContinuationToken: token } : {}),
        }));
        yield {
            keys: (out.Contents ?? []).flatMap((o) => o.Key
                ? [{ key: o.Key, size: o.Size ?? 0, ...(o.LastModified ? { lastModified: o.LastModified } : {}) }]
                : []),
            prefixes: (out.CommonPrefixes ?? []).flatMap((p) => (p.Prefix ? [p.Prefix] : [])),
        };
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
}
async function childFolders(s3, bucket, prefix) {
    const out = [];
    for await (const page of listAll(s3, bucket, prefix, '/')) {
        for (const p of page.prefixes)
            out.push(p.slice(prefix.length).replace(/\/$/, ''));
    }
    return out;
}
function deniedMessage(what, bucket, prefix, err) {
    const meta = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsErrorMeta */ .D7)(err);
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAccessDenied */ .w7)(err)
        ? `${what}: access denied (${meta.name}) on s3://${bucket}/${prefix}; allow s3:ListBucket on that prefix and s3:GetObject on its objects (and kms:Decrypt for SSE-KMS logs)`
        : `${what}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(err)} (s3://${bucket}/${prefix})`;
}
/** Delivery time, then key: the order objects are read in across scopes. */
function listedBefore(x, y) {
    return x.at < y.at || (x.at === y.at && x.key < y.key);
}
/**
 * Listed keys held at once across scopes while their objects are merged into delivery order (a few hundred bytes
 * each with their listing's metadata): one page per scope, 1,000 keys when there are at most 20 scopes, down to 50
 * (more List calls) for 400 or more.
 */
const LISTED_KEYS_BUDGET = 20_000;
const MAX_PAGE = 1000;
const MIN_PAGE = 50;
/** A scope that is done once listing ended and every object it handed out has been read. */
class ArchiveScopeState extends _scope_js__WEBPACK_IMPORTED_MODULE_3__/* .Scope */ .HG {
    listed = false;
    inFlight = 0;
    constructor(scope, location) {
        super('s3', scope);
        this.report.location = location;
    }
    settle() {
        if (this.listed && this.inFlight === 0)
            this.done = true;
    }
}
const ACCOUNT = /^\d{12}$/;
const ORGANIZATION = /^o-[a-z0-9]{10,32}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
// Top-level folder names shown back to the user: plain names only (a bucket's keys are not ours to trust).
const PLAIN_FOLDER = /^[\w.-]{1,100}$/;
/** Accounts whose `CloudTrail/` folder is listed to find the regions the archive holds. */
const HOLDINGS_ACCOUNTS = 10;
const HOLDINGS_ORGANIZATIONS = 5;
/** The `s3` source: the trail's archive, only the date folders the window touches, many objects at once. */
function s3Source(ctx) {
    const { config, deps } = ctx;
    const bucket = config.source.trailBucket;
    return (async function* () {
        if (!bucket)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StageError */ .Zu('sources', 'source `s3` needs `trail-bucket` (the bucket the trail delivers to)');
        const s3 = await deps.clients.s3();
        const tasks = archiveTasks(ctx, s3, bucket);
        yield* (0,_merge_js__WEBPACK_IMPORTED_MODULE_5__/* .mergeConcurrent */ .K)(tasks, deps.tuning?.concurrency ?? 8);
    })();
}
/**
 * What the archive holds under `[trail-prefix/]AWSLogs/`: account and organization folders, and the regions of
 * the first accounts. Listed only when a requested scope is missing, to show the user what to compare with.
 */
async function describeArchive(s3, bucket, trailPrefix) {
    const root = archiveRoot(trailPrefix);
    const out = {
        root: `s3://${bucket}/${root}`,
        accounts: [],
        organizationIds: [],
        regions: [],
    };
    try {
        const top = await childFolders(s3, bucket, root);
        const accountRoots = top
            .filter((f) => ACCOUNT.test(f))
            .map((a) => ({ account: a, prefix: `${root}${a}/` }));
        out.organizationIds = top.filter((f) => ORGANIZATION.test(f)).sort();
        for (const org of out.organizationIds.slice(0, HOLDINGS_ORGANIZATIONS)) {
            for (const a of (await childFolders(s3, bucket, `${root}${org}/`)).filter((f) => ACCOUNT.test(f)))
                accountRoots.push({ account: a, prefix: `${root}${org}/${a}/` });
        }
        out.accounts = [...new Set(accountRoots.map((r) => r.account))].sort();
        const regions = new Set();
        for (const r of accountRoots.slice(0, HOLDINGS_ACCOUNTS)) {
            for (const reg of await childFolders(s3, bucket, `${r.prefix}CloudTrail/`))
                if (REGION.test(reg))
                    regions.add(reg);
        }
        out.regions = [...regions].sort();
        if (accountRoots.length > HOLDINGS_ACCOUNTS || out.organizationIds.length > HOLDINGS_ORGANIZATIONS)
            out.truncated = true;
        // Nothing under the configured prefix: show where the trail's folders are instead.
        if (top.length === 0)
            out.topLevel = (await childFolders(s3, bucket, '')).filter((f) => PLAIN_FOLDER.test(f)).slice(0, 20);
    }
    catch {
        // A partial picture is still a useful hint; the scope's own error already says what failed.
    }
    return out;
}
const list = (xs, max = 10) => xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`;
/** One sentence saying what the archive holds, for a message beside a scope that is not in it. */
function holdingsText(h) {
    if (h.accounts.length === 0 && h.organizationIds.length === 0) {
        const top = h.topLevel?.length
            ? `; the bucket's top-level folders are ${list(h.topLevel.map((t) => `${t}/`))}`
            : '';
        return `${h.root} holds no account folders${top}`;
    }
    const parts = [`account${h.accounts.length === 1 ? '' : 's'} ${list(h.accounts)}`];
    if (h.organizationIds.length)
        parts.push(`organization trail folder${h.organizationIds.length === 1 ? '' : 's'} ${list(h.organizationIds)}`);
    const regions = h.regions.length
        ? `, regions ${list(h.regions, 20)}${h.truncated ? ' (in the first accounts)' : ''}`
        : '';
    return `${h.root} holds ${parts.join(' and ')}${regions}`;
}
/** Whether a prefix holds any log object at all, on any day. */
async function holdsAnyLog(s3, bucket, prefix) {
    const out = await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_4__.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 100 }));
    return (Boolean(out.IsTruncated) || (out.Contents ?? []).some((o) => o.Key !== undefined && isLogFile(o.Key)));
}
/** Lists account/region scopes (discovering them when not given), then every log file of the window in each. */
async function* archiveTasks(ctx, s3, bucket) {
    const { config, deps, win, scopes } = ctx;
    const { logger } = deps;
    const base = archiveRoot(config.source.trailPrefix, config.source.organizationId);
    // What the archive holds is listed once, and only if some requested scope turns out not to be in it.
    let holdings;
    const holds = () => (holdings ??= describeArchive(s3, bucket, config.source.trailPrefix));
    const discovered = await discoverScopes(ctx, s3, bucket, base, holds);
    if (discovered.length === 0)
        return;
    const folders = dateFolders(win);
    // Requested regions are looked for one by one; discovered ones exist by construction, so only the archive as a
    // whole can be silent for the window.
    const regionsGiven = config.source.regions.length > 0;
    const accountsGiven = config.source.accounts.length > 0;
    let files = 0;
    /**
     * One scope's log objects for the window, in the order S3 lists them, which within a prefix is the delivery time
     * in their names. Ends by settling what the scope's listing found (or failed to).
     */
    async function* scopeObjects(a) {
        const prefix = `${a.root}${a.account}/CloudTrail/${a.region}/`;
        let yielded = 0;
        try {
            for (const day of folders) {
                for await (const page of listAll(s3, bucket, `${prefix}${day}`, undefined, pageSize)) {
                    for (const o of page.keys) {
                        if (!isLogFile(o.key)) {
                            a.scope.skip('object-not-a-log-file');
                            continue;
                        }
                        // An object the previous since-last-run run never listed may hold events it never saw (late-arrivals.ts).
                        const late = ctx.late?.observe(o.key, o.lastModified?.getTime()) ?? false;
                        if (!late && !fileMayOverlap(o.key, win))
                            continue;
                        files++;
                        yielded++;
                        yield { key: o.key, at: deliveryStampMs(o.key) ?? o.lastModified?.getTime() ?? 0, a, late };
                    }
                }
            }
            if (yielded === 0 && regionsGiven && !(await holdsAnyLog(s3, bucket, prefix))) {
                const h = await holds();
                // An account found by listing that never used a region other accounts use: no activity, not a typo.
                if (!accountsGiven && h.regions.includes(a.region)) {
                    logger.info(`s3: ${a.account} has no logs in ${a.region}, which other accounts of the archive use`);
                    a.scope.listed = true;
                    a.scope.settle();
                    return;
                }
                const what = h.accounts.includes(a.account)
                    ? `region ${a.region} of account ${a.account}`
                    : `account ${a.account}`;
                const check = h.accounts.includes(a.account) ? '`regions`' : '`accounts` and `organization-id`';
                a.scope.report.archive = h;
                a.scope.notRead(`${a.account}/${a.region}: not read: the archive holds no CloudTrail log for ${what} on any day (nothing under s3://${bucket}/${prefix}). ${holdingsText(h)}. Check ${check}`);
                logger.warning(`s3 ${a.scope.report.errors[0] ?? ''}`);
            }
        }
        catch (err) {
            const msg = deniedMessage(`${a.account}/${a.region}`, bucket, prefix, err);
            a.scope.fail(msg);
            logger.warning(`s3 ${msg}`);
        }
        // Objects of this scope may still be in flight; the scope is done when its last object is read.
        a.scope.listed = true;
        a.scope.settle();
    }
    // Every scope's objects merged by delivery time, so that one principal's events arrive close to time order
    // whatever regions and accounts it used: a threshold rule's group keeps only its last few dozen arrivals, and
    // reading one region's days after another's let a busy principal's cross-region bursts slip past it (measured on
    // 1M events: 17 of 101 recon bursts found). Each scope holds one page of its listing, smaller when there are many.
    const pageSize = Math.max(MIN_PAGE, Math.min(MAX_PAGE, Math.floor(LISTED_KEYS_BUDGET / discovered.length)));
    for await (const o of (0,_merge_js__WEBPACK_IMPORTED_MODULE_5__/* .mergeOrdered */ .c)(discovered.map(scopeObjects), listedBefore))
        yield () => readObject(ctx, s3, bucket, o.key, o.a.scope, o.late);
    if (files === 0 && !regionsGiven) {
        // Every discovered prefix is silent for the window: that is a trail that stopped delivering or the wrong
        // archive, never an empty window. One scope says so, in place of the prefixes that were looked at.
        const quiet = discovered.filter((a) => a.scope.report.errors.length === 0).map((a) => a.scope);
        if (quiet.length > 0) {
            for (const q of quiet)
                scopes.splice(scopes.indexOf(q), 1);
            const root = new ArchiveScopeState(`s3://${bucket}/${base}`, `s3://${bucket}/${base}`);
            scopes.push(root);
            root.report.archive = await holds();
            const names = quiet.map((q) => q.report.scope);
            root.notRead(`s3://${bucket}/${base}: not read: no CloudTrail log object was delivered during the window (${dayRange(folders)}) under any of its ${names.length} account/region prefixes (${list(names, 5)}). Check that the trail is logging and delivers to this bucket and prefix (cloudtrail:GetTrailStatus shows IsLogging and LatestDeliveryTime), and the window`);
            root.listed = true;
            root.settle();
            logger.warning(`s3 ${root.report.errors[0] ?? ''}`);
        }
    }
    else if (files === 0) {
        logger.warning(`s3: no CloudTrail log files for the window under s3://${bucket}/${base} (${discovered.length} account/region prefixes looked at)`);
    }
}
function dayRange(folders) {
    const day = (f) => (f ?? '').replace(/\/$/, '').replace(/\//g, '-');
    return `${day(folders[0])} .. ${day(folders[folders.length - 1])}`;
}
async function discoverScopes(ctx, s3, bucket, base, holds) {
    const { config, deps, scopes } = ctx;
    const { logger } = deps;
    const roots = [];
    const notRead = async (scope, message) => {
        scopes.push(scope);
        scope.report.archive = await holds();
        scope.notRead(`${message}. ${holdingsText(scope.report.archive)}`);
        scope.listed = true;
        scope.settle();
        logger.warning(`s3 ${scope.report.errors[0] ?? ''}`);
    };
    try {
        if (config.source.accounts.length > 0) {
            roots.push({ root: base, accounts: config.source.accounts });
        }
        else {
            const found = await childFolders(s3, bucket, base);
            const accounts = found.filter((f) => ACCOUNT.test(f));
            if (accounts.length)
                roots.push({ root: base, accounts });
            // An organisation trail read without `organization-id`: look inside the `o-\u2026` folder too.
            if (!config.source.organizationId) {
                for (const org of found.filter((f) => /^o-[a-z0-9]+$/.test(f))) {
                    const root = `${base}${org}/`;
                    const orgAccounts = (await childFolders(s3, bucket, root)).filter((f) => ACCOUNT.test(f));
                    if (orgAccounts.length) {
                        logger.info(`s3: found organisation trail logs under ${root} (${orgAccounts.length} accounts)`);
                        roots.push({ root, accounts: orgAccounts });
                    }
                }
            }
        }
    }
    catch (err) {
        const scope = new ArchiveScopeState(`s3://${bucket}/${base}`, `s3://${bucket}/${base}`);
        scopes.push(scope);
        scope.fail(deniedMessage('could not list accounts', bucket, base, err));
        scope.listed = true;
        scope.settle();
        logger.warning(`s3: ${scope.report.errors[0]}`);
        return [];
    }
    const out = [];
    for (const { root, accounts } of roots) {
        for (const account of accounts) {
            let regions = config.source.regions;
            if (regions.length === 0) {
                const prefix = `${root}${account}/CloudTrail/`;
                try {
                    regions = await childFolders(s3, bucket, prefix);
                }
                catch (err) {
                    const scope = new ArchiveScopeState(account, `s3://${bucket}/${prefix}`);
                    scopes.push(scope);
                    scope.fail(deniedMessage(`${account}: could not list regions`, bucket, prefix, err));
                    scope.listed = true;
                    scope.settle();
                    logger.warning(`s3: ${scope.report.errors[0]}`);
                    continue;
                }
                if (regions.length === 0) {
                    await notRead(new ArchiveScopeState(account, `s3://${bucket}/${prefix}`), `${account}: not read: the archive holds no CloudTrail logs for account ${account} (nothing under s3://${bucket}/${prefix}). Check \`accounts\`, \`organization-id\` and \`trail-prefix\``);
                    continue;
                }
            }
            for (const region of regions) {
                const prefix = `${root}${account}/CloudTrail/${region}/`;
                const scope = new ArchiveScopeState(`${account}/${region}`, `s3://${bucket}/${prefix}`);
                scopes.push(scope);
                out.push({ root, account, region, scope });
            }
        }
    }
    if (out.length === 0 && scopes.length === 0) {
        await notRead(new ArchiveScopeState(`s3://${bucket}/${base}`, `s3://${bucket}/${base}`), `s3://${bucket}/${base}: not read: no account folders under it. Check \`trail-prefix\` and \`organization-id\` (and that \`trail-bucket\` is the bucket the trail delivers to)`);
    }
    return out;
}
async function* readObject(ctx, s3, bucket, key, scope, late = false) {
    const { deps } = ctx;
    // A late object's events from before the window are reviewed too: no earlier run saw them.
    const win = late ? { startMs: Number.NEGATIVE_INFINITY, endMs: ctx.win.endMs } : ctx.win;
    let lateEvents = 0;
    const st = scope;
    st.inFlight++;
    let completed = false;
    try {
        const out = await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_4__.GetObjectCommand({ Bucket: bucket, Key: key }), deps.signal ? { abortSignal: deps.signal } : {});
        scope.add('objects', 1);
        if (out.ContentLength !== undefined)
            scope.add('bytes', out.ContentLength);
        const body = out.Body;
        if (body) {
            for await (const batch of (0,_json_records_js__WEBPACK_IMPORTED_MODULE_2__/* .readRecords */ .T3)((0,_bytes_js__WEBPACK_IMPORTED_MODULE_1__/* .maybeGunzip */ .o6)(body), 'json', (r, n) => scope.skip(r, n))) {
                const events = (0,_scope_js__WEBPACK_IMPORTED_MODULE_3__/* .toEvents */ .Rc)(batch, scope, win);
                if (late)
                    for (const e of events)
                        if (e.timeMs < ctx.win.startMs)
                            lateEvents++;
                if (events.length > 0)
                    yield events;
            }
        }
        completed = true;
    }
    catch (err) {
        const name = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsErrorMeta */ .D7)(err).name;
        const why = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAccessDenied */ .w7)(err)
            ? 'object-access-denied'
            : err instanceof _json_records_js__WEBPACK_IMPORTED_MODULE_2__/* .TruncatedInputError */ .vm
                ? 'object-truncated'
                : /unexpected end|incorrect header|zlib|Z_/i.test((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(err))
                    ? 'object-corrupt-gzip'
                    : 'object-read-error';
        scope.skip(why);
        const msg = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAccessDenied */ .w7)(err)
            ? deniedMessage(key, bucket, key, err)
            : `${key}: ${why} (${name}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(err)})`;
        scope.fail(msg);
        deps.logger.warning(`s3 ${msg}`);
        completed = true;
    }
    finally {
        if (scope.repaired > 0) {
            deps.logger.warning(`s3 ${key}: ${scope.repaired} records held bytes that are not UTF-8; kept with U+FFFD in their place`);
            scope.repaired = 0;
        }
        st.inFlight--;
        ctx.late?.add(lateEvents);
        // Stopped early (max-events): this object was not finished, so its scope must not count as done.
        if (completed)
            st.settle();
        else
            st.listed = false;
    }
}


/***/ })

};
