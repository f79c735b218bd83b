export const id = 231;
export const ids = [231];
export const modules = {

/***/ 9231:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  athenaSource: () => (/* binding */ athenaSource)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-athena/dist-cjs/index.js
var dist_cjs = __webpack_require__(2204);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-glue/dist-cjs/index.js
var client_glue_dist_cjs = __webpack_require__(6542);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/detect/match.ts
var match = __webpack_require__(7086);
// EXTERNAL MODULE: ./src/detect/suppress.ts
var suppress = __webpack_require__(6216);
// EXTERNAL MODULE: ./src/sources/filters.ts
var filters = __webpack_require__(1073);
// EXTERNAL MODULE: ./src/sources/normalize.ts
var normalize = __webpack_require__(745);
// EXTERNAL MODULE: ./src/sources/pacing.ts
var pacing = __webpack_require__(2848);
// EXTERNAL MODULE: ./src/sources/scope.ts
var sources_scope = __webpack_require__(8118);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/sources/athena/run.ts
/**
 * Runs Athena queries: StartQueryExecution (throttling backed off), GetQueryExecution polled with backoff,
 * GetQueryResults paged; at most `concurrency` queries at once, and every query still running is stopped
 * (StopQueryExecution) when the run is cancelled or stops reading. Counts queries, rows and bytes scanned.
 */



/** Athena bills $5 per TB scanned, at least 10 MB per query. */
const USD_PER_TB = 5;
const MIN_BILLED_BYTES = 10 * 1024 * 1024;
/** What a query cost: $5/TB of the bytes scanned, each query billed for at least 10 MB. */
function queryCostUsd(bytesScanned) {
    return (Math.max(bytesScanned, MIN_BILLED_BYTES) / 1024 ** 4) * USD_PER_TB;
}
/** A query that ended FAILED or CANCELLED, with Athena's reason. */
class QueryFailed extends Error {
    queryId;
    state;
    reason;
    label;
    constructor(queryId, state, reason, label) {
        super(`the ${label} query (${queryId}) ended ${state}${reason ? `: ${reason}` : ''}`);
        this.queryId = queryId;
        this.state = state;
        this.reason = reason;
        this.label = label;
        this.name = 'QueryFailed';
    }
}
class AthenaRunner {
    o;
    queries = [];
    running = new Set();
    active = 0;
    waiting = [];
    /** Set by close(): no query starts any more. */
    closed = false;
    constructor(o) {
        this.o = o;
    }
    /** Rows returned over every query (header rows not counted). */
    get rows() {
        return this.queries.reduce((n, q) => n + q.rows, 0);
    }
    get bytesScanned() {
        return this.queries.reduce((n, q) => n + q.bytesScanned, 0);
    }
    get costUsd() {
        return this.queries.reduce((n, q) => n + (q.state === 'SUCCEEDED' || q.bytesScanned > 0 ? queryCostUsd(q.bytesScanned) : 0), 0);
    }
    retry() {
        return {
            clock: this.o.clock,
            attempts: this.o.throttleAttempts,
            ...(this.o.signal ? { signal: this.o.signal } : {}),
            onRetry: (attempt, delay) => this.o.logger.debug(`athena: throttled, retry ${attempt} in ${delay} ms`),
        };
    }
    async slot() {
        if (this.active < this.o.concurrency) {
            this.active++;
            return;
        }
        await new Promise((resolve) => this.waiting.push(resolve));
    }
    release() {
        const next = this.waiting.shift();
        if (next)
            next();
        else
            this.active--;
    }
    /** Runs one query to its end and hands back every row (pages read as they come). */
    async *run(sql, label) {
        await this.slot();
        if (this.closed) {
            this.release();
            throw new Error(`the ${label} query was not started: the source stopped reading`);
        }
        const opts = this.o.signal ? { abortSignal: this.o.signal } : {};
        const client = this.o.client;
        const record = { id: '', label, state: 'QUEUED', rows: 0, bytesScanned: 0 };
        try {
            const started = await (0,pacing/* retryThrottled */.X)(() => client.send(new dist_cjs/* StartQueryExecutionCommand */.Wjk({
                QueryString: sql,
                QueryExecutionContext: { Database: this.o.database, Catalog: 'AwsDataCatalog' },
                WorkGroup: this.o.workgroup,
                ...(this.o.output ? { ResultConfiguration: { OutputLocation: this.o.output } } : {}),
                // A retried start after a lost answer must not run the query twice.
                ClientRequestToken: (0,external_node_crypto_.randomUUID)(),
            })), this.retry());
            const id = started.QueryExecutionId;
            if (!id)
                throw new Error('StartQueryExecution returned no QueryExecutionId');
            record.id = id;
            this.queries.push(record);
            this.running.add(id);
            if (this.o.signal?.aborted)
                throw this.o.signal.reason instanceof Error ? this.o.signal.reason : new Error('cancelled');
            this.o.logger.debug(`athena: ${label} query ${id}: ${sql}`);
            const exec = await this.wait(id, record);
            record.bytesScanned = exec.Statistics?.DataScannedInBytes ?? 0;
            this.running.delete(id);
            let token;
            let first = true;
            do {
                const page = await (0,pacing/* retryThrottled */.X)(() => client.send(new dist_cjs/* GetQueryResultsCommand */.sAK({
                    QueryExecutionId: id,
                    MaxResults: 1000,
                    ...(token ? { NextToken: token } : {}),
                }), opts), this.retry());
                const names = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
                const raw = page.ResultSet?.Rows ?? [];
                // The first row of a SELECT's first page is the header.
                const rows = (first ? raw.slice(1) : raw).map((r) => {
                    const m = new Map();
                    (r.Data ?? []).forEach((d, i) => m.set(names[i] ?? String(i), d.VarCharValue));
                    return m;
                });
                first = false;
                record.rows += rows.length;
                if (rows.length > 0)
                    yield rows;
                token = page.NextToken;
            } while (token);
        }
        finally {
            if (record.id && this.running.has(record.id))
                await this.stop(record.id, record);
            this.release();
        }
    }
    /** Polls until the query ends; throws QueryFailed unless it SUCCEEDED. */
    async wait(id, record) {
        let delay = this.o.pollMs;
        for (;;) {
            const out = await (0,pacing/* retryThrottled */.X)(() => this.o.client.send(new dist_cjs/* GetQueryExecutionCommand */.mRu({ QueryExecutionId: id }), this.o.signal ? { abortSignal: this.o.signal } : {}), this.retry());
            const exec = out.QueryExecution ?? {};
            const state = exec.Status?.State ?? 'UNKNOWN';
            record.state = state;
            if (state === 'SUCCEEDED')
                return exec;
            if (state === 'FAILED' || state === 'CANCELLED') {
                record.bytesScanned = exec.Statistics?.DataScannedInBytes ?? 0;
                this.running.delete(id);
                const reason = exec.Status?.AthenaError?.ErrorMessage ?? exec.Status?.StateChangeReason ?? '';
                throw new QueryFailed(id, state, reason, record.label);
            }
            await this.o.clock.sleep(delay, this.o.signal);
            delay = Math.min(delay * 2, 5000);
        }
    }
    /** Stops a query still running (the run was cancelled or stopped reading); never throws. */
    async stop(id, record) {
        this.running.delete(id);
        try {
            // Not on the run's signal: a cancelled run must still tell Athena to stop.
            await this.o.client.send(new dist_cjs/* StopQueryExecutionCommand */.aaO({ QueryExecutionId: id }));
            record.state = 'CANCELLED';
            this.o.logger.info(`athena: stopped the ${record.label} query ${id}`);
        }
        catch (err) {
            this.o.logger.warning(`athena: could not stop query ${id}: ${String(err)}`);
        }
    }
    /** Starts no more queries and stops those running (a query failed, or the run stopped reading). */
    async close() {
        this.closed = true;
        await this.stopAll();
    }
    /** Stops every query still running. */
    async stopAll() {
        await Promise.all([...this.running].map((id) => {
            const r = this.queries.find((q) => q.id === id);
            return r ? this.stop(id, r) : Promise.resolve();
        }));
    }
}

;// CONCATENATED MODULE: ./src/sources/athena/table.ts
/**
 * The CloudTrail table AWS documents for Athena (columns lower-case, nested records as STRUCTs, request and response
 * payloads as JSON text), described as data: which record field each column holds, so conditions on record paths
 * compile to column expressions and result rows turn back into CloudTrail records.
 */
const STRING = { kind: 'string' };
const JSON_TEXT = { kind: 'json' };
const s = (name, sql = name.toLowerCase()) => ({ name, sql, type: STRING });
const struct = (name, fields, sql = name.toLowerCase()) => ({
    name,
    sql,
    type: { kind: 'struct', fields },
});
/** The documented table's columns, in its order (partition keys are not record fields). */
const CLOUDTRAIL_COLUMNS = [
    s('eventVersion'),
    struct('userIdentity', [
        s('type'),
        s('principalId'),
        s('arn'),
        s('accountId'),
        s('invokedBy'),
        s('accessKeyId'),
        s('userName'),
        struct('onBehalfOf', [s('userId'), s('identityStoreArn')]),
        struct('sessionContext', [
            struct('attributes', [s('mfaAuthenticated'), s('creationDate')]),
            struct('sessionIssuer', [s('type'), s('principalId'), s('arn'), s('accountId'), s('userName')]),
            s('ec2RoleDelivery'),
            struct('webIdFederationData', [
                s('federatedProvider'),
                { name: 'attributes', sql: 'attributes', type: { kind: 'map' } },
            ]),
            s('sourceIdentity'),
        ]),
    ]),
    s('eventTime'),
    s('eventSource'),
    s('eventName'),
    s('awsRegion'),
    s('sourceIPAddress'),
    s('userAgent'),
    s('errorCode'),
    s('errorMessage'),
    { name: 'requestParameters', sql: 'requestparameters', type: JSON_TEXT },
    { name: 'responseElements', sql: 'responseelements', type: JSON_TEXT },
    { name: 'additionalEventData', sql: 'additionaleventdata', type: JSON_TEXT },
    s('requestID'),
    s('eventID'),
    { name: 'readOnly', sql: 'readonly', type: { kind: 'bool' } },
    {
        name: 'resources',
        sql: 'resources',
        type: { kind: 'array', of: { kind: 'struct', fields: [s('ARN', 'arn'), s('accountId'), s('type')] } },
    },
    s('eventType'),
    s('apiVersion'),
    s('recipientAccountId'),
    { name: 'serviceEventDetails', sql: 'serviceeventdetails', type: JSON_TEXT },
    s('sharedEventID'),
    s('vpcEndpointId'),
    s('vpcEndpointAccountId'),
    s('eventCategory'),
    struct('addendum', [s('reason'), s('updatedFields'), s('originalRequestID'), s('originalEventID')]),
    { name: 'sessionCredentialFromConsole', sql: 'sessioncredentialfromconsole', type: { kind: 'bool' } },
    { name: 'edgeDeviceDetails', sql: 'edgedevicedetails', type: JSON_TEXT },
    struct('tlsDetails', [
        s('tlsVersion'),
        s('cipherSuite'),
        s('clientProvidedHostHeader', 'clienthostheader'),
    ]),
];
/** The partition keys the setup kit projects from the trail's S3 layout. */
const PARTITION_KEYS = { account: 'account', region: 'region', day: 'timestamp' };
/** A SQL identifier, double-quoted when it is not a plain lower-case name (`"timestamp"` is a reserved word). */
function ident(name) {
    return /^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
const RESERVED = new Set(['timestamp', 'date', 'time', 'user', 'values', 'table', 'order', 'group']);
/** A SQL string literal: single quotes doubled, the only escape Trino string literals have. */
function sqlString(v) {
    return `'${v.replace(/'/g, "''")}'`;
}
/** How a column comes back: scalars as they are, everything nested as JSON text (Athena prints ROWs as `{a=b}`). */
function selectExpr(f) {
    const col = ident(f.sql);
    return f.type.kind === 'struct' || f.type.kind === 'array' || f.type.kind === 'map'
        ? `json_format(CAST(${col} AS JSON)) AS ${col}`
        : col;
}
/** Record values rebuilt from JSON-cast nested columns: lower-case keys back to the record's, SQL NULLs dropped. */
function rebuild(v, type) {
    if (v === null || v === undefined)
        return undefined;
    switch (type.kind) {
        case 'string':
            return typeof v === 'string' ? v : JSON.stringify(v);
        case 'bool':
            return v === 'true' || v === true ? true : v === 'false' || v === false ? false : v;
        case 'json':
            return v;
        case 'map':
            return typeof v === 'object' ? v : undefined;
        case 'array': {
            if (!Array.isArray(v))
                return undefined;
            return v.map((x) => rebuild(x, type.of)).filter((x) => x !== undefined);
        }
        case 'struct': {
            if (typeof v !== 'object' || Array.isArray(v))
                return undefined;
            const o = v;
            const out = {};
            for (const f of type.fields) {
                const x = rebuild(o[f.sql] ?? o[f.sql.toLowerCase()], f.type);
                if (x !== undefined)
                    out[f.name] = x;
            }
            // A struct whose every field is NULL is how the table stores an absent object.
            return Object.keys(out).length > 0 ? out : undefined;
        }
    }
}
/** JSON payload columns hold the record's object as text; a value that is not JSON is kept as the string it is. */
function parsePayload(text) {
    const c = text.trimStart()[0];
    if (c !== '{' && c !== '[')
        return text;
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
/**
 * A CloudTrail record from one result row (column name -> text, undefined for SQL NULL). Fields the table has no
 * column for are not in the record; fields that were absent stay absent (NULL is never turned into a value).
 */
function rowToRecord(row, columns) {
    const rec = {};
    for (const f of columns) {
        const text = row.get(f.sql);
        if (text === undefined)
            continue;
        let v;
        switch (f.type.kind) {
            case 'string':
                v = text;
                break;
            case 'bool':
                v = rebuild(text, f.type);
                break;
            case 'json':
                v = parsePayload(text);
                break;
            default: {
                let parsed;
                try {
                    parsed = JSON.parse(text);
                }
                catch {
                    parsed = undefined;
                }
                v = rebuild(parsed, f.type);
            }
        }
        if (v !== undefined)
            rec[f.name] = v;
    }
    return rec;
}

;// CONCATENATED MODULE: ./src/sources/athena/compile.ts


const TRUE = 'TRUE';
const FALSE = 'FALSE';
/** AND of parts, with TRUE/FALSE folded away. */
function and(parts) {
    if (parts.includes(FALSE))
        return FALSE;
    const rest = [...new Set(parts.filter((p) => p !== TRUE))];
    if (rest.length === 0)
        return TRUE;
    return rest.length === 1 ? rest[0] : `(${rest.join(' AND ')})`;
}
/** OR of parts, with TRUE/FALSE folded away. */
function or(parts) {
    if (parts.includes(TRUE))
        return TRUE;
    const rest = [...new Set(parts.filter((p) => p !== FALSE))];
    if (rest.length === 0)
        return FALSE;
    return rest.length === 1 ? rest[0] : `(${rest.join(' OR ')})`;
}
/** NOT of a never-NULL boolean. */
function not(p) {
    return p === TRUE ? FALSE : p === FALSE ? TRUE : `(NOT ${p})`;
}
const EVENT = { kind: 'event' };
// normalize.ts treats '' as absent (str()); so does this (NULLIF is not among the functions the source may emit).
const blank = (col) => `(CASE WHEN ${col} <> '' THEN ${col} END)`;
// normalize.ts's bool(): 'true'/'false' in any case, else absent.
const boolText = (col) => `(CASE lower(${col}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' END)`;
/** The service of an event source (normalize.ts serviceOf): the part before `.amazonaws.com` when it starts later. */
const SERVICE_SQL = "(CASE WHEN strpos(eventsource, '.amazonaws.com') > 1 THEN substr(eventsource, 1, strpos(eventsource, '.amazonaws.com') - 1) WHEN eventsource <> '' THEN eventsource END)";
/** The normalised event's typed fields that SQL can compute exactly (principal.key and account it cannot). */
const TYPED = {
    id: { kind: 'scalar', sql: blank('eventid') },
    time: { kind: 'scalar', sql: blank('eventtime') },
    name: { kind: 'scalar', sql: blank('eventname') },
    source: { kind: 'scalar', sql: blank('eventsource') },
    service: { kind: 'scalar', sql: SERVICE_SQL },
    region: { kind: 'scalar', sql: blank('awsregion') },
    sourceIp: { kind: 'scalar', sql: blank('sourceipaddress') },
    userAgent: { kind: 'scalar', sql: blank('useragent') },
    errorCode: { kind: 'scalar', sql: blank('errorcode') },
    errorMessage: { kind: 'scalar', sql: blank('errormessage') },
    eventType: { kind: 'scalar', sql: blank('eventtype') },
    readOnly: { kind: 'scalar', sql: boolText('readonly') },
    'principal.type': {
        kind: 'scalar',
        sql: "(CASE WHEN useridentity.type <> '' THEN useridentity.type ELSE 'Unknown' END)",
    },
    'principal.arn': { kind: 'scalar', sql: blank('useridentity.arn') },
    'principal.principalId': { kind: 'scalar', sql: blank('useridentity.principalid') },
    'principal.userName': { kind: 'scalar', sql: blank('useridentity.username') },
    'principal.accessKeyId': { kind: 'scalar', sql: blank('useridentity.accesskeyid') },
    'principal.invokedBy': { kind: 'scalar', sql: blank('useridentity.invokedby') },
    'principal.sessionIssuerArn': {
        kind: 'scalar',
        sql: blank('useridentity.sessioncontext.sessionissuer.arn'),
    },
    'principal.sessionIssuerName': {
        kind: 'scalar',
        sql: blank('useridentity.sessioncontext.sessionissuer.username'),
    },
    'principal.sessionIssuerType': {
        kind: 'scalar',
        sql: blank('useridentity.sessioncontext.sessionissuer.type'),
    },
    'principal.mfaAuthenticated': {
        kind: 'scalar',
        sql: boolText('useridentity.sessioncontext.attributes.mfaauthenticated'),
    },
    resources: {
        kind: 'array',
        sql: 'resources',
        of: {
            kind: 'struct',
            fields: [
                { name: 'arn', sql: 'arn', type: { kind: 'string' } },
                { name: 'accountId', sql: 'accountid', type: { kind: 'string' } },
                { name: 'type', sql: 'type', type: { kind: 'string' } },
            ],
        },
    },
};
const COLUMN_NAMES = new Set(CLOUDTRAIL_COLUMNS.map((c) => c.sql));
/** The column a typed field reads (service reads eventsource). */
function typedColumn(n) {
    if (n.kind === 'unknown')
        return undefined;
    return (n.sql.match(/[a-z]+/g) ?? []).find((w) => COLUMN_NAMES.has(w));
}
/** What a struct field (or column) is as a node. */
function fieldNode(sql, type) {
    switch (type.kind) {
        case 'string':
            return { kind: 'scalar', sql };
        case 'bool':
            // The record holds a boolean; the matcher compares it by its text, which is what the column holds.
            return { kind: 'scalar', sql };
        case 'json':
            return { kind: 'json', sql };
        case 'map':
            return { kind: 'unknown', why: `${sql} is a MAP` };
        case 'struct':
            return { kind: 'struct', sql, fields: type.fields };
        case 'array':
            return { kind: 'array', sql, of: type.of };
    }
}
/** Walks the rest of a path from a node; the walk stops at arrays (fanned out by the caller) and JSON. */
function descend(node, segs, i) {
    let n = node;
    for (let k = i; k < segs.length; k++) {
        const seg = segs[k];
        if (n.kind === 'array')
            return { node: n, rest: segs.slice(k) };
        if (n.kind === 'json')
            return { node: n, rest: [] };
        if (n.kind === 'unknown')
            return { node: n, rest: [] };
        if (n.kind === 'scalar')
            // The matcher would parse an embedded JSON string here: containment on the text is what SQL can do.
            return { node: { kind: 'json', sql: n.sql }, rest: [] };
        if (seg === '*')
            return { node: { kind: 'unknown', why: `\`*\` in a struct path` }, rest: [] };
        const f = n.fields.find((x) => x.name === seg);
        if (!f)
            return {
                node: { kind: 'unknown', why: `no column holds ${segs.slice(0, k + 1).join('.')}` },
                rest: [],
            };
        n = fieldNode(`${n.sql}.${ident(f.sql)}`, f.type);
    }
    return { node: n, rest: [] };
}
/** Resolves a condition's field path in a scope. */
function resolve(scope, path, columns) {
    const segs = (0,match/* splitPath */.Uf)(path);
    if (scope.kind === 'json')
        return { node: { kind: 'json', sql: scope.sql }, rest: [] };
    if (scope.kind === 'struct')
        return descend({ kind: 'struct', sql: scope.sql, fields: scope.fields }, segs, 0);
    const typed = TYPED[path];
    if (typed) {
        // The column a typed field is computed from (`useridentity` for principal.*): a table without it cannot say.
        const col = path.startsWith('principal.') ? 'useridentity' : typedColumn(typed);
        if (col !== undefined && !columns.has(col))
            return { node: { kind: 'unknown', why: `the table has no column ${col}` }, rest: [] };
        return { node: typed, rest: [] };
    }
    if (segs[0] === 'resources')
        return descend(TYPED.resources, segs, 1);
    if (segs[0] !== 'raw' || segs.length < 2)
        return { node: { kind: 'unknown', why: `${path} is derived on the runner (not a column)` }, rest: [] };
    const f = CLOUDTRAIL_COLUMNS.find((c) => c.name === segs[1]);
    if (!f || !columns.has(f.sql))
        return {
            node: { kind: 'unknown', why: `the table has no column for ${segs.slice(0, 2).join('.')}` },
            rest: [],
        };
    return descend(fieldNode(ident(f.sql), f.type), segs, 2);
}
const exact = (sql) => ({ upper: sql, lower: sql, notes: [] });
const approx = (upper, note) => ({
    upper,
    lower: FALSE,
    // Only presence (or nothing) left to test: the field's own test is not in the SQL.
    notes: [{ kind: upper === TRUE || / IS NOT NULL\)$/.test(upper) ? 'fallback' : 'superset', text: note }],
});
const never = (e) => `coalesce(${e}, false)`;
// Characters every JSON encoder writes as themselves, so a value made of them appears verbatim in JSON text (also
// inside an embedded JSON string, where only quotes and backslashes gain an escape).
const JSON_SAFE = /^[A-Za-z0-9 _.:@+=,;!#$%*()[\]{}|~^?/-]+$/;
const ASCII = /^[\x20-\x7e]*$/;
/** A glob (`*`, `?`) as a LIKE pattern with `\` as its escape. */
function likePattern(glob) {
    let out = '';
    for (const ch of glob) {
        if (ch === '*')
            out += '%';
        else if (ch === '?')
            out += '_';
        else if (ch === '%' || ch === '_' || ch === '\\')
            out += `\\${ch}`;
        else
            out += ch;
    }
    return out;
}
const asList = (v) => (Array.isArray(v) ? v : [v]);
/**
 * Regexes SQL may run: ASCII, no look-around, back-references, named groups or inline flags, and only the escapes
 * Java, RE2 and JavaScript read alike (`\d`, `\D`, escaped punctuation, `\n`, `\t`, `\r`).
 */
function portableRegex(re) {
    if (!ASCII.test(re) || /\(\?/.test(re))
        return false;
    for (let i = 0; i < re.length; i++) {
        if (re[i] !== '\\')
            continue;
        const next = re[i + 1] ?? '';
        if (!/[dDntr.\\/\-[\](){}*+?^$|]/.test(next))
            return false;
        i++;
    }
    return true;
}
/** One field condition on a scalar (VARCHAR) expression. */
function scalarTest(c, x, params, other) {
    const ic = c.ignoreCase === true;
    const lx = `lower(${x})`;
    if (c.exists !== undefined) {
        const present = `(${x} IS NOT NULL AND ${x} <> '')`;
        return exact(c.exists ? present : not(present));
    }
    if (c.equals !== undefined || c.in !== undefined) {
        let list;
        if (c.equals !== undefined)
            list = [c.equals];
        else if (typeof c.in === 'string') {
            const p = params[c.in.slice(1)];
            if (!p)
                throw new Error(`unknown parameter ${c.in}`);
            list = p;
        }
        else
            list = c.in;
        if (list.includes(null))
            return approx(TRUE, `${c.field}: a test for null`);
        const values = list.map(String);
        if (ic && !values.every((v) => ASCII.test(v)))
            return approx(TRUE, `${c.field}: a case-insensitive test of non-ASCII text`);
        const lits = (ic ? values.map((v) => v.toLowerCase()) : values).map(sqlString);
        if (lits.length === 0)
            return exact(FALSE);
        const subject = ic ? lx : x;
        return exact(never(lits.length === 1 ? `${subject} = ${lits[0]}` : `${subject} IN (${lits.join(', ')})`));
    }
    if (c.glob !== undefined) {
        const globs = asList(c.glob);
        if (ic && !globs.every((g) => ASCII.test(g)))
            return approx(TRUE, `${c.field}: a case-insensitive glob of non-ASCII text`);
        return exact(or(globs.map((g) => never(`${ic ? lx : x} LIKE ${sqlString(likePattern(ic ? g.toLowerCase() : g))} ESCAPE '\\'`))));
    }
    if (c.contains !== undefined) {
        const needles = asList(c.contains);
        if (ic && !needles.every((n) => ASCII.test(n)))
            return approx(TRUE, `${c.field}: a case-insensitive test of non-ASCII text`);
        return exact(or(needles.map((n) => never(`strpos(${ic ? lx : x}, ${sqlString(ic ? n.toLowerCase() : n)}) > 0`))));
    }
    if (c.regex !== undefined) {
        if (!portableRegex(c.regex))
            return approx(TRUE, `${c.field}: a regex outside the subset SQL engines share`);
        // Java and JavaScript regexes differ at the edges ('.' and line terminators): the SQL is a bound, not the test.
        return approx(never(`regexp_like(${x}, ${sqlString(`${ic ? '(?i)' : ''}${c.regex}`)})`), `${c.field}: regex`);
    }
    if (c.gt !== undefined || c.gte !== undefined || c.lt !== undefined || c.lte !== undefined) {
        const [op, n] = c.gt !== undefined
            ? ['>', c.gt]
            : c.gte !== undefined
                ? ['>=', c.gte]
                : c.lt !== undefined
                    ? ['<', c.lt]
                    : ['<=', c.lte];
        // JavaScript reads more numbers than a cast does (hex, surrounding space): an uncastable value stays a candidate.
        return approx(`coalesce(try_cast(${x} AS DOUBLE) ${op} ${String(n)}, ${x} IS NOT NULL)`, `${c.field}: a numeric comparison`);
    }
    if (c.cidr !== undefined || c.cidrCovers !== undefined)
        return approx(`(${x} IS NOT NULL)`, `${c.field}: an IP network test`);
    if (c.equalsField !== undefined || c.endsWithField !== undefined || c.notContainsField !== undefined) {
        const path = (c.equalsField ?? c.endsWithField ?? c.notContainsField);
        const o = other(path);
        if (o.kind !== 'scalar')
            return approx(`(${x} IS NOT NULL)`, `${c.field}: compared with ${path}, which SQL cannot read exactly`);
        const a = ic ? lx : x;
        const b = ic ? `lower(${o.sql})` : o.sql;
        const has = `(${o.sql} IS NOT NULL AND ${o.sql} <> '')`;
        if (c.equalsField !== undefined)
            return exact(never(`(${has} AND ${a} = ${b})`));
        if (c.endsWithField !== undefined)
            return exact(never(`(${has} AND (${a} = ${b} OR (length(${a}) > length(${b}) AND substr(${a}, length(${a}) - length(${b})) = concat('/', ${b}))))`));
        return exact(never(`(${has} AND ${x} IS NOT NULL AND strpos(${a}, ${b}) = 0)`));
    }
    return approx(TRUE, `${c.field}: an operator SQL does not carry`);
}
/** One field condition on JSON text: the value must appear in the text (sound whenever the value is JSON-safe). */
function jsonTest(c, j, params) {
    const ic = c.ignoreCase === true;
    const present = `(${j} IS NOT NULL)`;
    const contains = (v) => never(ic ? `strpos(lower(${j}), ${sqlString(v.toLowerCase())}) > 0` : `strpos(${j}, ${sqlString(v)}) > 0`);
    const note = `${c.field}: a test inside a JSON payload`;
    const anyOf = (values) => values.every((v) => v !== '' && JSON_SAFE.test(v))
        ? approx(or(values.map(contains)), note)
        : approx(present, note);
    if (c.exists === false)
        return approx(TRUE, note);
    if (c.exists === true) {
        const key = (0,match/* splitPath */.Uf)(c.field)
            .filter((s) => s !== '*')
            .pop();
        return key && JSON_SAFE.test(key) ? approx(contains(key), note) : approx(present, note);
    }
    if (c.equals !== undefined || c.in !== undefined) {
        let list;
        if (c.equals !== undefined)
            list = [c.equals];
        else if (typeof c.in === 'string')
            list = params[c.in.slice(1)] ?? [];
        else
            list = c.in;
        if (list.some((v) => v === null || typeof v === 'number'))
            return approx(present, note);
        return anyOf(list.map(String));
    }
    if (c.contains !== undefined)
        return anyOf(asList(c.contains));
    if (c.glob !== undefined) {
        const parts = asList(c.glob).map((g) => g.split(/[*?]+/).filter((s) => s !== ''));
        if (parts.some((p) => p.length === 0 || !p.every((s) => JSON_SAFE.test(s))))
            return approx(present, note);
        return approx(or(parts.map((p) => and(p.map(contains)))), note);
    }
    return approx(present, note);
}
/** Compiles `cond` in a scope; `depth` names lambda variables. */
function compileIn(cond, scope, params, columns, depth) {
    if ('all' in cond) {
        const parts = cond.all.map((c) => compileIn(c, scope, params, columns, depth));
        return {
            upper: and(parts.map((p) => p.upper)),
            lower: and(parts.map((p) => p.lower)),
            notes: parts.flatMap((p) => p.notes),
        };
    }
    if ('any' in cond) {
        const parts = cond.any.map((c) => compileIn(c, scope, params, columns, depth));
        return {
            upper: or(parts.map((p) => p.upper)),
            lower: or(parts.map((p) => p.lower)),
            notes: parts.flatMap((p) => p.notes),
        };
    }
    if ('not' in cond) {
        const inner = compileIn(cond.not, scope, params, columns, depth);
        return { upper: not(inner.lower), lower: not(inner.upper), notes: inner.notes };
    }
    return fieldIn(cond, scope, params, columns, depth);
}
function fieldIn(c, scope, params, columns, depth) {
    const { node, rest } = resolve(scope, c.field, columns);
    const other = (p) => resolve(EVENT, p, columns).node;
    return onNode(c, node, rest, params, columns, depth, other);
}
function onNode(c, node, rest, params, columns, depth, other) {
    if (node.kind === 'unknown')
        return approx(c.exists === false ? TRUE : TRUE, `${c.field}: ${node.why}`);
    if (node.kind === 'array') {
        // The matcher fans out over the elements: some element passes.
        const v = `x${depth}`;
        const elem = node.of.kind === 'struct' ? { kind: 'struct', sql: v, fields: node.of.fields } : fieldNode(v, node.of);
        const inner = rest.length > 0 || c.some === undefined
            ? (() => {
                const d = descend(elem, rest, 0);
                return onNode(c, d.node, d.rest, params, columns, depth + 1, other);
            })()
            : c.some !== undefined
                ? compileIn(c.some, elem.kind === 'struct'
                    ? { kind: 'struct', sql: v, fields: elem.fields }
                    : { kind: 'json', sql: v }, params, columns, depth + 1)
                : approx(TRUE, c.field);
        if (c.exists === false) {
            // "No element has it" is not "some element lacks it": only the exact answer may be negated.
            const has = onNode({ ...c, exists: true }, node, rest, params, columns, depth, other);
            return { upper: not(has.lower), lower: not(has.upper), notes: has.notes };
        }
        const wrap = (p) => p === TRUE
            ? `coalesce(cardinality(${node.sql}) > 0, false)`
            : p === FALSE
                ? FALSE
                : never(`any_match(${node.sql}, ${v} -> ${p})`);
        return { upper: wrap(inner.upper), lower: wrap(inner.lower), notes: inner.notes };
    }
    if (c.some !== undefined) {
        if (node.kind === 'struct')
            return compileIn(c.some, { kind: 'struct', sql: node.sql, fields: node.fields }, params, columns, depth);
        return compileIn(c.some, { kind: 'json', sql: node.sql }, params, columns, depth);
    }
    if (node.kind === 'struct')
        return c.exists === false
            ? approx(TRUE, `${c.field}: an object`)
            : approx(`(${node.sql} IS NOT NULL)`, `${c.field}: an object`);
    if (node.kind === 'json')
        return jsonTest(c, node.sql, params);
    return scalarTest(c, node.sql, params, other);
}
/** Compiles a rule condition over the table's columns (lower-case names as GetTable lists them). */
function compileCondition(cond, params, columns) {
    return compileIn(cond, EVENT, params, columns, 1);
}
/** The SQL of a field path that is one scalar value (what stringAt reads, NULL for ''), or undefined. */
function scalarExpr(path, columns) {
    const { node, rest } = resolve(EVENT, path, columns);
    return node.kind === 'scalar' && rest.length === 0 ? node.sql : undefined;
}
const UI = 'useridentity';
const SLR = (arn) => `(strpos(${arn}, ':role/aws-service-role/') > 0 OR starts_with(${arn}, 'AWSServiceRoleFor') OR strpos(${arn}, '/AWSServiceRoleFor') > 0)`;
/**
 * engine.ts isAwsServiceCall in SQL: AWSService, an `invokedBy` service that is not a person's front end, a
 * service-linked role (by issuer name, or `AWSServiceRoleFor\u2026`/`aws-service-role/` in the ARN or the issuer's ARN).
 */
const AWS_SERVICE_CALL_SQL = `coalesce((${UI}.type = 'AWSService' OR (${UI}.invokedby <> '' AND ${UI}.invokedby NOT IN ('signin.amazonaws.com', 'console.amazonaws.com', 'cloudformation.amazonaws.com')) OR starts_with(${UI}.sessioncontext.sessionissuer.username, 'AWSServiceRoleFor') OR coalesce(${SLR(`${UI}.arn`)}, false) OR coalesce(${SLR(`${UI}.sessioncontext.sessionissuer.arn`)}, false)), false)`;
/**
 * instance-credentials.ts instanceSession() and the part of networkOf() SQL can say, as a superset: an assumed-role
 * session named after an instance (or delivered by EC2) calling from some address, not through a VPC endpoint.
 * The correlator sees only such calls of its rule.
 */
const INSTANCE_SESSION_SQL = `coalesce((${UI}.type = 'AssumedRole' AND (regexp_like(${UI}.arn, '/[iI]-[0-9a-fA-F]{8,17}$') OR regexp_like(${UI}.principalid, '^[^:]*:[iI]-[0-9a-fA-F]{8,17}(:|$)') OR ${UI}.sessioncontext.ec2roledelivery <> '') AND sourceipaddress <> '' AND coalesce(vpcendpointid, '') = ''), false)`;

;// CONCATENATED MODULE: ./src/sources/athena/plan.ts



/** Parses Glue's Hive type text (`struct<a:string,b:array<struct<c:string>>>`). */
function parseHiveType(text) {
    let i = 0;
    const t = text.replace(/\s+/g, '');
    const parse = () => {
        const m = /^[a-z_]+/i.exec(t.slice(i));
        const name = (m?.[0] ?? '').toLowerCase();
        i += name.length;
        if (t[i] !== '<')
            return { name };
        i++;
        if (name === 'struct') {
            const fields = [];
            while (i < t.length && t[i] !== '>') {
                const colon = t.indexOf(':', i);
                const fname = t.slice(i, colon).toLowerCase();
                i = colon + 1;
                fields.push({ name: fname, type: parse() });
                if (t[i] === ',')
                    i++;
            }
            i++;
            return { name, fields };
        }
        const of = parse();
        // map<k,v>: the value type is what the record holds.
        let val = of;
        if (t[i] === ',') {
            i++;
            val = parse();
        }
        i++;
        return { name, of: val };
    };
    return parse();
}
/** A Glue column as a record field, named as CloudTrail names it where the documented table knows it. */
function toField(name, hive, known) {
    const kt = known?.type;
    const type = (() => {
        if (hive.name === 'struct')
            return {
                kind: 'struct',
                fields: (hive.fields ?? []).map((f) => toField(f.name, f.type, kt?.kind === 'struct' ? kt.fields.find((k) => matches(k, f.name)) : undefined)),
            };
        if (hive.name === 'array') {
            const inner = kt?.kind === 'array' ? kt.of : undefined;
            return {
                kind: 'array',
                of: toField('', hive.of ?? { name: 'string' }, inner ? { name: '', sql: '', type: inner } : undefined)
                    .type,
            };
        }
        if (hive.name === 'map')
            return { kind: 'map' };
        // Strings: payload columns hold JSON text, `readonly` a boolean; the documented table says which.
        return kt && (kt.kind === 'json' || kt.kind === 'bool') ? kt : { kind: 'string' };
    })();
    return { name: known?.name ?? name, sql: name, type };
}
const matches = (f, sqlName) => f.sql === sqlName || f.name.toLowerCase() === sqlName;
/** What GetTable says, as the source uses it. */
function tableInfo(database, table, columns, partitionKeys) {
    const fields = columns
        .filter((c) => c.Name)
        .map((c) => {
        const name = c.Name.toLowerCase();
        return toField(name, parseHiveType(c.Type ?? 'string'), CLOUDTRAIL_COLUMNS.find((k) => matches(k, name)));
    });
    const keys = new Set(partitionKeys.map((k) => (k.Name ?? '').toLowerCase()));
    const partitions = {};
    if (keys.has('account'))
        partitions.account = 'account';
    if (keys.has('region'))
        partitions.region = 'region';
    if (keys.has('timestamp'))
        partitions.day = 'timestamp';
    return { database, table, fields, columns: new Set(fields.map((f) => f.sql)), partitions };
}
/** `YYYY/MM/DD` of a time, the `timestamp` partition's format. */
function day(ms) {
    return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '/');
}
// Only CloudTrail's own time format is read (the archive has no other); anything else would make the cast fail the query.
const EVENT_TIME = `(CASE WHEN regexp_like(eventtime, '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$') THEN from_iso8601_timestamp(eventtime) END)`;
/** The service of an event as the filters see it (normalize.ts: the source without `.amazonaws.com`; '' when absent). */
const FILTER_SERVICE = "(CASE WHEN strpos(coalesce(eventsource, ''), '.amazonaws.com') > 1 THEN substr(eventsource, 1, strpos(eventsource, '.amazonaws.com') - 1) ELSE coalesce(eventsource, '') END)";
/** A case-insensitive glob list (filters.ts) as SQL over some expressions. */
function globsSql(globs, subjects) {
    const clean = globs.map((g) => g.trim()).filter(Boolean);
    return or(clean.flatMap((g) => subjects.map((s) => `coalesce(lower(${s}) LIKE ${sqlString(likePattern(g.toLowerCase()))} ESCAPE '\\', false)`)));
}
function servicePatterns(list) {
    return list.flatMap((s) => {
        const t = s.trim();
        return t === '' ? [] : t.endsWith('.amazonaws.com') ? [t] : [t, `${t}.amazonaws.com`];
    });
}
/** The WHERE every query shares. */
function whereClause(info, config, win) {
    const parts = [];
    const pruned = [];
    const p = info.partitions;
    const { accounts, regions } = config.source;
    if (accounts.length > 0) {
        if (p.account) {
            parts.push(`${ident(p.account)} IN (${accounts.map(sqlString).join(', ')})`);
            pruned.push('account');
        }
        else
            parts.push(`coalesce(recipientaccountid, useridentity.accountid) IN (${accounts.map(sqlString).join(', ')})`);
    }
    if (regions.length > 0) {
        if (p.region) {
            parts.push(`${ident(p.region)} IN (${regions.map(sqlString).join(', ')})`);
            pruned.push('region');
        }
        else
            parts.push(`awsregion IN (${regions.map(sqlString).join(', ')})`);
    }
    if (p.day) {
        // One day either side, as the S3 source reads: delivery delay and clock skew put events in neighbouring folders.
        parts.push(`${ident(p.day)} BETWEEN ${sqlString(day(win.startMs - 86_400_000))} AND ${sqlString(day(win.endMs - 1 + 86_400_000))}`);
        pruned.push('day');
    }
    parts.push(`${EVENT_TIME} >= from_iso8601_timestamp(${sqlString(new Date(win.startMs).toISOString())})`);
    parts.push(`${EVENT_TIME} < from_iso8601_timestamp(${sqlString(new Date(win.endMs).toISOString())})`);
    // Records without a name are unusable (normalize.ts): not events, on either path.
    parts.push(`eventname <> ''`);
    const f = config.filters;
    if (!f.includeReadOnly)
        parts.push(`NOT coalesce(lower(readonly) = 'true', false)`);
    const svc = [FILTER_SERVICE, `coalesce(eventsource, '')`];
    if (f.includeServices.some((s) => s.trim()))
        parts.push(globsSql(servicePatterns(f.includeServices), svc));
    if (f.excludeServices.some((s) => s.trim()))
        parts.push(not(globsSql(servicePatterns(f.excludeServices), svc)));
    if (f.includeEvents.some((s) => s.trim()))
        parts.push(globsSql(f.includeEvents, ['eventname']));
    if (f.excludeEvents.some((s) => s.trim()))
        parts.push(not(globsSql(f.excludeEvents, ['eventname'])));
    const missing = ['account', 'region', 'day'].filter((k) => !p[k]);
    const pruning = missing.length === 0
        ? `partitions pruned by ${pruned.length ? pruned.join(', ') : 'nothing'} (the table is partitioned by account, region and day)`
        : `the table has no ${missing.map((k) => (k === 'day' ? '`timestamp`' : `\`${k}\``)).join(', ')} partition key: Athena cannot prune on ${missing.join(', ')} and reads ${missing.includes('day') ? 'every day of the table' : 'more than the window needs'}${pruned.length ? `; pruned by ${pruned.join(', ')}` : ''}`;
    return {
        sql: and(parts),
        pruning,
        principalFilters: f.includePrincipals.some((s) => s.trim()) || f.excludePrincipals.some((s) => s.trim()),
    };
}
const NOT_FAILED = `(coalesce(errorcode, '') = '' AND coalesce(errormessage, '') = '')`;
/** Compiles every rule's match and exclude; a rule that SQL cannot express fetches its event names' rows. */
function planRules(rules, params, columns) {
    return rules.map((r) => {
        if (r.predicate) {
            // A Sigma rule: its own matcher decides (case-insensitively, with Sigma's modifiers).
            return {
                ruleId: r.id,
                sql: TRUE,
                exact: false,
                fallback: true,
                notes: ['a Sigma rule, matched by its own matcher'],
                fetches: 'every event of the window',
            };
        }
        const m = compileCondition(r.match, params, columns);
        const parts = [m.upper];
        const notes = [...m.notes];
        if (r.exclude) {
            const x = compileCondition(r.exclude, params, columns);
            parts.push(not(x.lower));
            notes.push(...x.notes.map((n) => ({ ...n, text: `exclude: ${n.text}` })));
        }
        if (!r.includeErrors)
            parts.push(NOT_FAILED);
        if (!r.includeAwsServices && columns.has('useridentity'))
            parts.push(not(AWS_SERVICE_CALL_SQL));
        // The correlator judges only instance sessions' calls (its rule's match is every role session).
        if (r.correlate === 'instance-credentials' && columns.has('useridentity') && columns.has('vpcendpointid'))
            parts.push(INSTANCE_SESSION_SQL);
        const sql = and(parts);
        const fallback = [...new Set(notes.filter((n) => n.kind === 'fallback').map((n) => n.text))];
        const superset = [...new Set(notes.filter((n) => n.kind === 'superset').map((n) => n.text))];
        const plan = {
            ruleId: r.id,
            sql,
            exact: notes.length === 0,
            fallback: fallback.length > 0,
            notes: (fallback.length > 0 ? fallback : superset).slice(0, 3),
        };
        if (plan.fallback) {
            const names = (0,match/* requiredNames */.m_)(r.match);
            const prefixes = names ? undefined : (0,match/* namePrefixes */.Gn)(r.match);
            plan.fetches =
                sql === TRUE
                    ? 'every event of the window'
                    : names
                        ? `the rows of ${[...names].slice(0, 6).join(', ')}${names.size > 6 ? ', \u2026' : ''} that its other conditions select`
                        : prefixes
                            ? `the rows of ${prefixes.map((p) => `${p}*`).join(', ')} that its other conditions select`
                            : 'the rows its other conditions select';
        }
        return plan;
    });
}
/** The candidate query: every column of the events some rule may match (or `extra` selects), in time order. */
function candidateQuery(info, where, rules, extra = []) {
    const predicate = or([...rules.map((r) => r.sql), ...extra]);
    const cols = info.fields.map(selectExpr).join(', ');
    return `SELECT ${cols} FROM ${ident(info.database)}.${ident(info.table)} WHERE ${and([where, predicate === FALSE ? FALSE : predicate])} ORDER BY eventtime, eventid`;
}
/**
 * The identity columns the principal key, type and the filters read (normalize.ts). Unless the principal filters
 * need them, a role session's own ARN and id are dropped where the issuer's ARN decides the key: a row per role,
 * not per session.
 */
function identityColumns(keepSessions) {
    const issuerDecides = "(useridentity.type IN ('AssumedRole', 'FederatedUser') AND useridentity.sessioncontext.sessionissuer.arn <> '' AND coalesce(useridentity.accountid, '') <> '')";
    const perSession = (col) => keepSessions ? col : `(CASE WHEN ${issuerDecides} THEN NULL ELSE ${col} END)`;
    return [
        ['ui_type', 'useridentity.type'],
        ['ui_arn', perSession('useridentity.arn')],
        ['ui_principalid', perSession('useridentity.principalid')],
        ['ui_accountid', 'useridentity.accountid'],
        ['ui_username', 'useridentity.username'],
        ['ui_invokedby', 'useridentity.invokedby'],
        ['ui_issuer_arn', 'useridentity.sessioncontext.sessionissuer.arn'],
        ['ui_issuer_name', 'useridentity.sessioncontext.sessionissuer.username'],
        ['ui_issuer_type', 'useridentity.sessioncontext.sessionissuer.type'],
        ['ui_obo_userid', 'useridentity.onbehalfof.userid'],
        ['ui_obo_store', 'useridentity.onbehalfof.identitystorearn'],
        ['recipientaccountid', 'recipientaccountid'],
    ];
}
function identityOf(row) {
    const g = (k) => row.get(k);
    const drop = (o) => {
        for (const k of Object.keys(o))
            if (o[k] === undefined)
                delete o[k];
        return Object.keys(o).length > 0 ? o : undefined;
    };
    const issuer = drop({ arn: g('ui_issuer_arn'), userName: g('ui_issuer_name'), type: g('ui_issuer_type') });
    const obo = drop({ userId: g('ui_obo_userid'), identityStoreArn: g('ui_obo_store') });
    return (drop({
        type: g('ui_type'),
        arn: g('ui_arn'),
        principalId: g('ui_principalid'),
        accountId: g('ui_accountid'),
        userName: g('ui_username'),
        invokedBy: g('ui_invokedby'),
        ...(issuer ? { sessionContext: { sessionIssuer: issuer } } : {}),
        ...(obo ? { onBehalfOf: obo } : {}),
    }) ?? {});
}
/** Placeholders for parts whose rows carry no time or name (the record must still normalise). */
const PLACEHOLDER_NAME = '(grouped)';
/** The columns whose equality makes two rows one record delivered twice (the grouped queries count each once). */
const COPY_KEY = [
    'eventid',
    'eventtime',
    'eventsource',
    'eventname',
    'awsregion',
    'recipientaccountid',
    'requestid',
    'sourceipaddress',
    'useragent',
    'errorcode',
    'requestparameters',
    'responseelements',
];
/** The GROUP BY queries; `principalFilters`: the runner filters on principals, so every part carries the identity. */
function groupedQueries(info, windowWhere, win, principalFilters, digest = false) {
    const table = `${ident(info.database)}.${ident(info.table)}`;
    const identity = identityColumns(principalFilters);
    const time = new Date(win.startMs).toISOString();
    // Each record once: CloudTrail sometimes delivers an event twice, and the S3 source counts the copy once (by its
    // bytes); rows equal in every field below are one record here.
    // Never empty: a table without eventtime and eventname is refused before any query (index.ts).
    const copyKey = COPY_KEY.filter((c) => info.columns.has(c));
    const from = `(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY ${copyKey.join(', ')}) AS ts_copy FROM ${table} WHERE ${windowWhere}) WHERE ts_copy = 1)`;
    // The window's conditions are inside \`from\`.
    const where = TRUE;
    const q = (part, dims, record, extraWhere) => {
        const select = dims.map(([alias, expr]) => `${expr} AS ${alias}`).join(', ');
        const group = dims.map((_, i) => String(i + 1)).join(', ');
        return {
            part,
            sql: `SELECT ${select}, count(*) AS n FROM ${from} WHERE ${extraWhere ? and([where, extraWhere]) : where} GROUP BY ${group} ORDER BY n DESC, ${group}`,
            record,
        };
    };
    const withIdentity = (dims) => principalFilters ? [...identity, ...dims] : dims;
    const base = (row, name) => {
        const rec = { eventTime: time, eventName: name ?? PLACEHOLDER_NAME };
        if (principalFilters || row.has('ui_type')) {
            rec.userIdentity = identityOf(row);
            const r = row.get('recipientaccountid');
            if (r !== undefined)
                rec.recipientAccountId = r;
        }
        return rec;
    };
    const set = (rec, key, v) => {
        if (v !== undefined)
            rec[key] = v;
    };
    const list = (row, key) => {
        try {
            const v = JSON.parse(row.get(key) ?? '[]');
            return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
        }
        catch {
            return [];
        }
    };
    const distinct = (expr) => `json_format(CAST(array_agg(DISTINCT (CASE WHEN ${expr} <> '' THEN ${expr} END)) AS JSON))`;
    const out = [
        // The window's calls: every table of the statistics but the per-principal ones, and the accounts rules judge
        // grants against. The principal's account decides an event's account only when the record names no recipient.
        q('calls', withIdentity([
            ['eventsource', 'eventsource'],
            ['eventname', 'eventname'],
            ['awsregion', 'awsregion'],
            ['recipientaccountid', 'recipientaccountid'],
            ['ui_accountid', `(CASE WHEN coalesce(recipientaccountid, '') = '' THEN useridentity.accountid END)`],
            [
                'ui_arn',
                `(CASE WHEN coalesce(recipientaccountid, '') = '' AND coalesce(useridentity.accountid, '') = '' THEN useridentity.arn END)`,
            ],
            ['errorcode', 'errorcode'],
            ['readonly', 'readonly'],
        ]).filter((d, i, all) => all.findIndex((x) => x[0] === d[0]) === i), (row) => {
            const rec = base(row, row.get('eventname'));
            if (!principalFilters) {
                const ui = {};
                if (row.get('ui_accountid') !== undefined)
                    ui.accountId = row.get('ui_accountid');
                if (row.get('ui_arn') !== undefined)
                    ui.arn = row.get('ui_arn');
                rec.userIdentity = ui;
                set(rec, 'recipientAccountId', row.get('recipientaccountid'));
            }
            set(rec, 'eventSource', row.get('eventsource'));
            set(rec, 'awsRegion', row.get('awsregion'));
            set(rec, 'errorCode', row.get('errorcode'));
            const ro = row.get('readonly');
            if (ro !== undefined)
                rec.readOnly = ro === 'true' ? true : ro === 'false' ? false : ro;
            return rec;
        }),
        // Per principal: events, errors, writes, and the distinct services, regions and addresses it used.
        {
            part: 'principals',
            sql: `SELECT ${identity.map(([a, e]) => `${e} AS ${a}`).join(', ')}, count(*) AS n, count_if(errorcode <> '') AS errors, count_if(regexp_like(errorcode, '(?i)AccessDenied|UnauthorizedOperation|UnauthorizedAccess|Forbidden|NotAuthorized')) AS denied, count_if(lower(readonly) = 'false') AS writes, json_format(CAST(array_agg(DISTINCT ${FILTER_SERVICE}) AS JSON)) AS services, ${distinct('awsregion')} AS regions, ${distinct('sourceipaddress')} AS ips FROM ${from} WHERE ${where} GROUP BY ${identity.map((_, i) => String(i + 1)).join(', ')} ORDER BY n DESC, ${identity.map((_, i) => String(i + 1)).join(', ')}`,
            record: (row) => base(row),
            detail: (row) => ({
                errors: Number(row.get('errors') ?? '0'),
                accessDenied: Number(row.get('denied') ?? '0'),
                writes: Number(row.get('writes') ?? '0'),
                services: list(row, 'services'),
                regions: list(row, 'regions'),
                sourceIps: list(row, 'ips'),
            }),
        },
        // Source addresses, and whether a person (instance-credentials.ts isHuman) used them: the correlator compares
        // instance sessions' addresses with people's.
        q('sourceIps', withIdentity([
            ['sourceipaddress', 'sourceipaddress'],
            ['vpce', 'vpcendpointid'],
            [
                'human',
                `(CASE WHEN useridentity.type IN ('IAMUser', 'Root', 'IdentityCenterUser', 'FederatedUser', 'SAMLUser', 'WebIdentityUser') OR (useridentity.type = 'AssumedRole' AND starts_with(useridentity.sessioncontext.sessionissuer.username, 'AWSReservedSSO_')) THEN 'y' ELSE 'n' END)`,
            ],
        ]), (row) => {
            const rec = base(row);
            // Without the identity, the row says only whether a person made the calls: a stand-in type says so.
            if (!principalFilters)
                rec.userIdentity = { type: row.get('human') === 'y' ? 'IAMUser' : 'AWSService' };
            set(rec, 'sourceIPAddress', row.get('sourceipaddress'));
            set(rec, 'vpcEndpointId', row.get('vpce'));
            return rec;
        }, `sourceipaddress <> ''`),
        q('userAgents', withIdentity([['useragent', 'useragent']]), (row) => {
            const rec = base(row);
            set(rec, 'userAgent', row.get('useragent'));
            return rec;
        }, `useragent <> ''`),
        q('hours', withIdentity([
            ['hour', 'substr(eventtime, 1, 13)'],
            ['failed', `(CASE WHEN errorcode <> '' THEN 'y' ELSE 'n' END)`],
        ]), (row) => {
            const rec = base(row);
            rec.eventTime = `${row.get('hour') ?? ''}:00:00Z`;
            if (row.get('failed') === 'y')
                rec.errorCode = 'grouped';
            return rec;
        }),
        q('logins', withIdentity([
            ['ui_type', 'useridentity.type'],
            ['outcome', `json_extract_scalar(responseelements, '$.ConsoleLogin')`],
            ['errorcode', 'errorcode'],
            ['mfa', `json_extract_scalar(additionaleventdata, '$.MFAUsed')`],
        ]).filter((d, i, all) => all.findIndex((x) => x[0] === d[0]) === i), (row) => {
            const rec = base(row, 'ConsoleLogin');
            rec.userIdentity = {
                ...rec.userIdentity,
                ...(row.get('ui_type') ? { type: row.get('ui_type') } : {}),
            };
            const outcome = row.get('outcome');
            if (outcome !== undefined)
                rec.responseElements = { ConsoleLogin: outcome };
            set(rec, 'errorCode', row.get('errorcode'));
            const mfa = row.get('mfa');
            if (mfa !== undefined)
                rec.additionalEventData = { MFAUsed: mfa };
            return rec;
        }, `eventname = 'ConsoleLogin'`),
    ];
    if (digest) {
        // The digests' per-principal call counts (only when a model reads them).
        const dims = [
            ...identity,
            ['eventsource', 'eventsource'],
            ['eventname', 'eventname'],
        ];
        const group = dims.map((_, i) => String(i + 1)).join(', ');
        out.push({
            part: 'principalCalls',
            sql: `SELECT ${dims.map(([a, e]) => `${e} AS ${a}`).join(', ')}, count(*) AS n, count_if(errorcode <> '') AS errors, count_if(coalesce(lower(readonly), '') = 'false') AS writes, min(eventtime) AS first, max(eventtime) AS last FROM ${from} WHERE ${where} GROUP BY ${group} ORDER BY n DESC, ${group}`,
            record: (row) => {
                const rec = base(row, row.get('eventname'));
                set(rec, 'eventSource', row.get('eventsource'));
                set(rec, 'eventTime', row.get('first'));
                return rec;
            },
            calls: (row) => ({
                errors: Number(row.get('errors') ?? '0'),
                writes: Number(row.get('writes') ?? '0'),
                firstMs: Date.parse(row.get('first') ?? ''),
                lastMs: Date.parse(row.get('last') ?? ''),
            }),
        });
    }
    if (info.columns.has('resources'))
        out.push(q('resources', withIdentity([['resources', 'json_format(CAST(resources AS JSON))']]), (row) => {
            const rec = base(row);
            const text = row.get('resources');
            try {
                const list = text ? JSON.parse(text) : undefined;
                if (Array.isArray(list))
                    rec.resources = list.map((r) => {
                        const o = (r ?? {});
                        const res = {};
                        if (typeof o.arn === 'string')
                            res.ARN = o.arn;
                        if (typeof o.accountid === 'string')
                            res.accountId = o.accountid;
                        if (typeof o.type === 'string')
                            res.type = o.type;
                        return res;
                    });
            }
            catch {
                // Not JSON: counted as an event without resources.
            }
            return rec;
        }, `cardinality(resources) > 0`));
    return out;
}
/** concat() of any number of parts, nested in eights (engines cap its arguments). */
function concatAll(parts) {
    if (parts.length <= 8)
        return `concat(${parts.join(', ')})`;
    const groups = [];
    for (let i = 0; i < parts.length; i += 8)
        groups.push(concatAll(parts.slice(i, i + 8)));
    return concatAll(groups);
}
// Between the parts of a tuple: a character no CloudTrail value holds.
const SEP = '\u001f';
/** The two-step plan of a first-seen rule, or undefined when its SQL is not exact or a path is not a column. */
function planFirstSeen(r, plan, info, where, win) {
    if (!r.firstSeen || !plan.exact)
        return undefined;
    const value = scalarExpr(r.firstSeen.value, info.columns);
    if (!value)
        return undefined;
    const keys = [];
    for (const k of r.firstSeen.key) {
        if (k === 'principal.key')
            keys.push({ path: k });
        else {
            const sql = scalarExpr(k, info.columns);
            if (!sql)
                return undefined;
            keys.push({ path: k, sql });
        }
    }
    const identity = identityColumns(true);
    const dims = [
        ...identity,
        ...keys.flatMap((k, i) => (k.sql ? [[`k${i}`, k.sql]] : [])),
        ['v', value],
    ];
    const warmEnd = win.startMs + (win.endMs - win.startMs) * (r.firstSeen.warmupShare ?? 0.5);
    const group = dims.map((_, i) => String(i + 1)).join(', ');
    const from = `${ident(info.database)}.${ident(info.table)}`;
    const sql = `SELECT ${dims.map(([a, e]) => `${e} AS ${a}`).join(', ')}, count_if(${EVENT_TIME} < from_iso8601_timestamp(${sqlString(new Date(warmEnd).toISOString())})) AS warm, count(*) AS n FROM ${from} WHERE ${and([where, plan.sql, `${value} <> ''`])} GROUP BY ${group}`;
    const tupleSql = concatAll(dims.flatMap(([, e], i) => (i === 0 ? [`coalesce(${e}, '')`] : [`'${SEP}'`, `coalesce(${e}, '')`])));
    return {
        ruleId: r.id,
        sql,
        tupleSql,
        identity: true,
        keyOf: (row, principalKey) => keys.map((k, i) => (k.sql ? (row.get(`k${i}`) ?? '') : principalKey())).join('\u0000'),
        tupleOf: (row) => dims.map(([a]) => row.get(a) ?? '').join(SEP),
    };
}
/** The identity a first-seen row carries, as a record's userIdentity (for the principal key and the allow-list). */
function rowIdentity(row) {
    const rec = {
        eventTime: '1970-01-01T00:00:00Z',
        eventName: PLACEHOLDER_NAME,
        userIdentity: identityOf(row),
    };
    const r = row.get('recipientaccountid');
    if (r !== undefined)
        rec.recipientAccountId = r;
    return rec;
}

;// CONCATENATED MODULE: ./src/sources/athena/index.ts
/**
 * `source: athena`: the rules and statistics run in Athena over the trail archive's Glue table; only candidate
 * events (those some rule may match) come back as records, and everything that needs every event of the window
 * (statistics, the accounts and addresses rules judge against, call counts) comes back as GROUP BY rows.
 */













/** Characters of (key, value) pairs one first-seen rule may put in the candidate statement (Athena's limit is 256 KB). */
const PAIRS_BUDGET = 60_000;
/** Glue's answer for an unknown database or table. */
const NO_TABLE = new Set(['EntityNotFoundException']);
/** The `athena` source. */
function athenaSource(ctx) {
    const { config, deps, win, scopes } = ctx;
    const { logger, clock, signal } = deps;
    const tuning = deps.tuning ?? {};
    return (async function* () {
        const a = config.source.athena;
        if (!a)
            throw new errors/* StageError */.Zu('sources', 'source `athena` needs `athena-table` and `athena-workgroup`');
        const pushdown = ctx.pushdown;
        if (!pushdown)
            throw new errors/* StageError */.Zu('sources', 'source `athena` runs inside the pipeline, which hands it the rules');
        const name = `${a.database}.${a.table}`;
        const scope = new sources_scope/* Scope */.HG('athena', name);
        scope.report.location = `${name} (workgroup ${a.workgroup})`;
        scopes.push(scope);
        const region = deps.clients.region;
        const retry = { clock, attempts: tuning.throttleAttempts ?? 8, ...(signal ? { signal } : {}) };
        const opts = signal ? { abortSignal: signal } : {};
        const notRead = (msg) => {
            scope.notRead(msg);
            scope.done = true;
            logger.warning(`athena ${msg}`);
        };
        // The table: its columns and partition keys.
        let info;
        try {
            const t = await (0,pacing/* retryThrottled */.X)(async () => (await deps.clients.glue()).send(new client_glue_dist_cjs/* GetTableCommand */.QuZ({ DatabaseName: a.database, Name: a.table }), opts), retry);
            const sd = t.Table?.StorageDescriptor;
            info = tableInfo(a.database, a.table, sd?.Columns ?? [], t.Table?.PartitionKeys ?? []);
        }
        catch (err) {
            const meta = (0,errors/* awsErrorMeta */.D7)(err);
            if (NO_TABLE.has(meta.name)) {
                notRead(`${name}: not read: \`athena-table\` ${name} is not in the Glue Data Catalog in ${region} (${meta.name}: ${meta.message}). Check \`athena-table\` (database.table) and \`aws-region\`; the setup kit creates the table`);
                return;
            }
            notRead((0,errors/* isAccessDenied */.w7)(err)
                ? `${name}: not read: access denied to glue:GetTable (${meta.name}); allow glue:GetTable and glue:GetDatabase on the catalog, database and table`
                : `${name}: not read: glue:GetTable failed: ${(0,errors/* describeError */.Uc)(err)}`);
            return;
        }
        if (!info.columns.has('eventtime') || !info.columns.has('eventname')) {
            notRead(`${name}: not read: \`athena-table\` ${name} has no eventtime/eventname columns; it is not a CloudTrail table (use the DDL AWS documents, as the setup kit does)`);
            return;
        }
        // Where results go: `athena-output`, else the workgroup's own location.
        let output = a.output;
        try {
            const wg = await (0,pacing/* retryThrottled */.X)(async () => (await deps.clients.athena()).send(new dist_cjs/* GetWorkGroupCommand */.oCq({ WorkGroup: a.workgroup }), opts), retry);
            const conf = wg.WorkGroup?.Configuration;
            const own = conf?.ResultConfiguration?.OutputLocation;
            // A workgroup that enforces its settings ignores the client's location: it is the one that counts.
            if (conf?.EnforceWorkGroupConfiguration && own)
                output = undefined;
            else if (!output && !own) {
                notRead(`${name}: not read: \`athena-workgroup\` ${a.workgroup} has no output location for query results; set \`athena-output\` to an S3 URI (such as s3://my-athena-results/trailsight/) or give the workgroup one`);
                return;
            }
        }
        catch (err) {
            const meta = (0,errors/* awsErrorMeta */.D7)(err);
            if (meta.name === 'InvalidRequestException' || meta.name === 'ResourceNotFoundException') {
                notRead(`${name}: not read: \`athena-workgroup\` ${a.workgroup} does not exist in ${region} (${meta.name}: ${meta.message}). Check \`athena-workgroup\` and \`aws-region\``);
                return;
            }
            if (!(0,errors/* isAccessDenied */.w7)(err) || !output) {
                notRead((0,errors/* isAccessDenied */.w7)(err)
                    ? `${name}: not read: access denied to athena:GetWorkGroup (${meta.name}); allow it, or set \`athena-output\``
                    : `${name}: not read: athena:GetWorkGroup failed: ${(0,errors/* describeError */.Uc)(err)}`);
                return;
            }
        }
        const where = whereClause(info, config, win);
        const rules = planRules(pushdown.rules, pushdown.params, info.columns);
        const fallbacks = rules
            .filter((r) => r.fallback)
            .map((r) => ({ ruleId: r.ruleId, reason: r.notes.join('; '), fetches: r.fetches ?? '' }));
        if (fallbacks.length > 0)
            logger.info(`athena: ${fallbacks.length} of ${rules.length} rules have conditions SQL cannot test, so they fetch the rows their other conditions select (the engine matches them again): ${fallbacks
                .slice(0, 10)
                .map((f) => `${f.ruleId} (${f.reason}) fetches ${f.fetches}`)
                .join('; ')}${fallbacks.length > 10 ? '; \u2026' : ''}`);
        const grouped = groupedQueries(info, where.sql, win, where.principalFilters, pushdown.digest === true);
        // First-seen rules whose SQL is exact are counted in SQL first; only their new values' events are fetched.
        const firstSeen = new Map();
        pushdown.rules.forEach((r, i) => {
            const fs = planFirstSeen(r, rules[i], info, where.sql, win);
            if (fs)
                firstSeen.set(r.id, fs);
        });
        logger.info(`athena: ${name} in workgroup ${a.workgroup}: ${where.pruning}; ${rules.filter((r) => r.exact).length} rules pushed down exactly, ${rules.filter((r) => !r.exact && !r.fallback).length} as a narrower superset (values sought in JSON text), ${fallbacks.length} by their other conditions; ${grouped.length + 1} queries`);
        const runner = new AthenaRunner({
            client: await deps.clients.athena(),
            clock,
            logger,
            ...(signal ? { signal } : {}),
            workgroup: a.workgroup,
            database: a.database,
            ...(output ? { output } : {}),
            concurrency: tuning.concurrency ?? 5,
            pollMs: tuning.lakePollMs ?? 500,
            throttleAttempts: tuning.throttleAttempts ?? 8,
        });
        const keepPrincipal = where.principalFilters
            ? (0,filters/* createEventFilter */.X)({
                ...config.filters,
                includeServices: [],
                excludeServices: [],
                includeEvents: [],
                excludeEvents: [],
                includeReadOnly: true,
            })
            : undefined;
        const totals = ctx.totals ?? { events: 0, filtered: 0 };
        const figures = {
            table: name,
            workgroup: a.workgroup,
            queries: 0,
            rowsReturned: 0,
            candidates: 0,
            windowEvents: 0,
            bytesScanned: 0,
            costUsd: 0,
            pruning: where.pruning,
            fallbacks,
        };
        const settle = () => {
            figures.queries = runner.queries.length;
            figures.rowsReturned = runner.rows;
            figures.bytesScanned = runner.bytesScanned;
            figures.costUsd = runner.costUsd;
            figures.windowEvents = totals.events;
            scope.report.athena = figures;
            scope.report.bytes = runner.bytesScanned;
            scope.report.eventsRead = totals.events;
        };
        // Candidates are read into a scope of their own: what the report counts as read is the window, from Athena.
        const candidateScope = new sources_scope/* Scope */.HG('athena', name);
        const all = async (q) => {
            const rows = [];
            for await (const page of runner.run(q.sql, q.part))
                rows.push(...page);
            return rows;
        };
        let cand;
        // Every query's promise: the source ends only once each has ended or been stopped in Athena.
        const pending = [];
        try {
            // The first-seen counts and the GROUP BY queries start at once (the runner keeps to its concurrency); the
            // candidates follow as soon as the first-seen rules know which of their events to fetch.
            const counted = [...firstSeen.values()].map((fs) => {
                const p = (async () => {
                    const rows = [];
                    for await (const page of runner.run(fs.sql, `first-seen ${fs.ruleId}`))
                        rows.push(...page);
                    return rows;
                })();
                p.catch(() => undefined);
                pending.push(p);
                return { fs, p };
            });
            const groups = grouped.map((q) => {
                const p = all(q);
                p.catch(() => undefined);
                pending.push(p);
                return { q, p };
            });
            const narrowed = new Map();
            const more = [];
            for (const { fs, p } of counted) {
                const found = newValues(fs, await p, allowFor(pushdown.allowlist, fs.ruleId), pushdown.learnFirstSeen);
                // Athena takes statements up to 256 KB: the pairs go in slices, the first with the other rules' candidates,
                // the rest in queries of their own (events another rule also selects come twice; de-duplication drops one).
                const slices = slicesOf(found.tuples.map(sqlString), PAIRS_BUDGET);
                const rule = rules.find((r) => r.ruleId === fs.ruleId);
                narrowed.set(fs.ruleId, slices[0] === undefined ? 'FALSE' : `${fs.tupleSql} IN (${slices[0]})`);
                for (const slice of slices.slice(1))
                    more.push(candidateQuery(info, where.sql, [
                        { ...rule, sql: and([rule.sql, `${fs.tupleSql} IN (${slice})`]) },
                    ]));
            }
            const candidates = candidateQuery(info, where.sql, rules.map((r) => {
                const extra = narrowed.get(r.ruleId);
                return extra === undefined ? r : { ...r, sql: and([r.sql, extra]) };
            }), 
            // The digests keep failed calls and writes verbatim (the earliest few of each call): they are candidates too.
            pushdown.digest ? [`(errorcode <> '' OR coalesce(lower(readonly), '') <> 'true')`] : []);
            cand = runner.run(candidates, 'candidates');
            const first = cand.next();
            first.catch(() => undefined);
            for (const { q, p } of groups) {
                const rows = await p;
                for (const row of rows) {
                    const n = Number(row.get('n') ?? '0');
                    const r = (0,normalize/* normalizeRecord */.pY)(q.record(row));
                    if (!r.event || !(n > 0))
                        continue;
                    if (keepPrincipal && !keepPrincipal(r.event)) {
                        if (q.part === 'calls')
                            totals.filtered += n;
                        continue;
                    }
                    if (q.part === 'calls')
                        totals.events += n;
                    pushdown.grouped({
                        part: q.part,
                        event: r.event,
                        n,
                        ...(q.detail ? { principal: q.detail(row) } : {}),
                        ...(q.calls ? { calls: q.calls(row) } : {}),
                    });
                }
                if (q.part === 'calls')
                    totals.events += totals.filtered;
            }
            const read = (rows) => {
                scope.add('pages', 1);
                const events = (0,sources_scope/* toEvents */.Rc)(rows.map((row) => rowToRecord(row, info.fields)), candidateScope, win);
                figures.candidates += events.length;
                return events;
            };
            for (let page = await first; !page.done; page = await cand.next()) {
                const events = read(page.value);
                if (events.length > 0)
                    yield events;
            }
            for (const sql of more)
                for await (const page of runner.run(sql, 'candidates (first-seen pairs)')) {
                    const events = read(page);
                    if (events.length > 0)
                        yield events;
                }
            for (const [k, v] of Object.entries(candidateScope.report.skipped))
                scope.skip(k, v);
            scope.done = true;
            settle();
            logger.info(`athena: ${figures.windowEvents} events in the window; ${figures.candidates} candidate events and ${figures.rowsReturned} rows in all from ${figures.queries} queries (${runner.queries.map((q) => `${q.label} ${q.rows}`).join(', ')}); ${figures.bytesScanned} bytes scanned ($${figures.costUsd.toFixed(4)})`);
        }
        catch (err) {
            scope.done = true;
            const meta = (0,errors/* awsErrorMeta */.D7)(err);
            const cancelled = signal?.aborted === true;
            let msg;
            if (cancelled)
                msg = `${name}: not read to the end: the run was cancelled and its Athena queries stopped (StopQueryExecution)`;
            else if (err instanceof QueryFailed && /TABLE_NOT_FOUND|SCHEMA_NOT_FOUND/.test(err.reason)) {
                settle();
                notRead(`${name}: not read: ${err.message}. Check \`athena-table\` (database.table) and that the workgroup's catalog holds it`);
                return;
            }
            else if (err instanceof QueryFailed)
                msg = `${name}: not read to the end: ${err.message}. Check \`athena-table\`, \`athena-workgroup\` and \`athena-output\` (Athena must be allowed to write there)`;
            else if ((0,errors/* isAccessDenied */.w7)(err))
                msg = `${name}: not read to the end: access denied (${meta.name}); allow athena:StartQueryExecution, GetQueryExecution, GetQueryResults and StopQueryExecution in workgroup ${a.workgroup}, S3 read on the archive and write on the results location`;
            else
                msg = `${name}: not read to the end: ${(0,errors/* describeError */.Uc)(err)}`;
            scope.fail(msg);
            logger.warning(`athena ${msg}`);
            settle();
        }
        finally {
            await cand?.return(undefined);
            // Whatever is still queued or running is not needed any more (a query failed, or the run stopped reading).
            await runner.close();
            await Promise.allSettled(pending);
            await runner.stopAll();
            settle();
        }
    })();
}
/** SQL literals joined with commas, in slices of at most `budget` characters. */
function slicesOf(literals, budget) {
    const out = [];
    let cur = '';
    for (const l of literals) {
        if (cur !== '' && cur.length + l.length + 2 > budget) {
            out.push(cur);
            cur = '';
        }
        cur = cur === '' ? l : `${cur}, ${l}`;
    }
    if (cur !== '')
        out.push(cur);
    return out;
}
/** The allow-list entries that apply to a rule, as one test on a principal. */
function allowFor(list, ruleId) {
    const ms = list
        .filter((a) => !a.rules || a.rules.some((g) => (0,match/* globMatcher */.fU)(g, true)(ruleId)))
        .map((a) => (0,suppress/* principalMatcher */.L$)(a.principal));
    return (p) => ms.some((m) => m(p));
}
/**
 * From a first-seen rule's counts: the keys with warm-up history (told to the engine) and the rows of values new
 * to such a key (no event of the pair in the warm-up), as tuple strings.
 */
function newValues(fs, rows, allowed, learn) {
    const keyed = [];
    for (const row of rows) {
        const ev = (0,normalize/* normalizeRecord */.pY)(rowIdentity(row)).event;
        if (!ev || allowed(ev.principal))
            continue;
        keyed.push({
            key: fs.keyOf(row, () => ev.principal.key),
            value: row.get('v') ?? '',
            warm: Number(row.get('warm') ?? '0') > 0,
            tuple: fs.tupleOf(row),
        });
    }
    const warmValues = new Map();
    for (const k of keyed)
        if (k.warm)
            (warmValues.get(k.key) ?? warmValues.set(k.key, new Set()).get(k.key))?.add(k.value);
    const history = new Set(warmValues.keys());
    const warmPairs = new Set(keyed.filter((k) => k.warm).map((k) => `${k.key}\u0000${k.value}`));
    for (const [k, values] of warmValues)
        learn(fs.ruleId, k, [...values].sort());
    const fresh = keyed.filter((k) => history.has(k.key) && !warmPairs.has(`${k.key}\u0000${k.value}`));
    return { tuples: [...new Set(fresh.map((k) => k.tuple))] };
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
