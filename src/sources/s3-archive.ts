import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { StageError, awsErrorMeta, describeError, isAccessDenied } from '../errors.js';
import type { TrailEvent } from '../types.js';
import { maybeGunzip } from './bytes.js';
import type { SourceContext } from './index.js';
import { TruncatedInputError, readRecords } from './json-records.js';
import { mergeConcurrent } from './merge.js';
import { Scope, toEvents, type TimeWindow } from './scope.js';

const DAY = 86_400_000;

/** `AWSLogs/` or `<trail-prefix>/AWSLogs/`, then `o-org/` for organisation trails. */
export function archiveRoot(trailPrefix: string, organizationId?: string): string {
  const p = trailPrefix.replace(/^\/+|\/+$/g, '');
  return `${p ? `${p}/` : ''}AWSLogs/${organizationId ? `${organizationId}/` : ''}`;
}

/** The `YYYY/MM/DD/` folders the window touches, plus one day either side (delivery delay, clock skew). */
export function dateFolders(win: TimeWindow): string[] {
  const out: string[] = [];
  const first = Math.floor(win.startMs / DAY) * DAY - DAY;
  const last = Math.floor((win.endMs - 1) / DAY) * DAY + DAY;
  for (let d = first; d <= last; d += DAY)
    out.push(new Date(d).toISOString().slice(0, 10).replace(/-/g, '/') + '/');
  return out;
}

const STAMP = /_(\d{8})T(\d{4})Z_[^/]*$/;

/** The delivery time in a log file's name (`…_20240102T0305Z_….json.gz`), or undefined when it has none. */
export function deliveryStampMs(key: string): number | undefined {
  const m = STAMP.exec(key);
  if (!m) return undefined;
  const [d = '', t = ''] = [m[1], m[2]];
  const ms = Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4));
  return Number.isFinite(ms) ? ms : undefined;
}

/** A log file worth reading: `.json.gz` under `CloudTrail/` (digests and insight files live elsewhere). */
export function isLogFile(key: string): boolean {
  return (
    key.endsWith('.json.gz') && !key.includes('CloudTrail-Digest') && !key.includes('CloudTrail-Insight')
  );
}

/**
 * Whether a file can hold events of the window: a file delivered before the window starts holds only earlier
 * events; one delivered more than a day after it ends is past any delivery delay.
 */
export function fileMayOverlap(key: string, win: TimeWindow): boolean {
  const at = deliveryStampMs(key);
  if (at === undefined) return true;
  return at >= win.startMs && at <= win.endMs + DAY;
}

async function* listAll(
  s3: S3Client,
  bucket: string,
  prefix: string,
  delimiter?: string,
): AsyncGenerator<{ keys: { key: string; size: number; lastModified?: Date }[]; prefixes: string[] }> {
  let token: string | undefined;
  do {
    const out = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ...(delimiter ? { Delimiter: delimiter } : {}),
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    yield {
      keys: (out.Contents ?? []).flatMap((o) =>
        o.Key
          ? [{ key: o.Key, size: o.Size ?? 0, ...(o.LastModified ? { lastModified: o.LastModified } : {}) }]
          : [],
      ),
      prefixes: (out.CommonPrefixes ?? []).flatMap((p) => (p.Prefix ? [p.Prefix] : [])),
    };
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
}

async function childFolders(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const page of listAll(s3, bucket, prefix, '/')) {
    for (const p of page.prefixes) out.push(p.slice(prefix.length).replace(/\/$/, ''));
  }
  return out;
}

function deniedMessage(what: string, bucket: string, prefix: string, err: unknown): string {
  const meta = awsErrorMeta(err);
  return isAccessDenied(err)
    ? `${what}: access denied (${meta.name}) on s3://${bucket}/${prefix}; allow s3:ListBucket on that prefix and s3:GetObject on its objects (and kms:Decrypt for SSE-KMS logs)`
    : `${what}: ${describeError(err)} (s3://${bucket}/${prefix})`;
}

/** A scope that is done once listing ended and every object it handed out has been read. */
class ArchiveScopeState extends Scope {
  listed = false;
  inFlight = 0;
  constructor(scope: string) {
    super('s3', scope);
  }
  settle(): void {
    if (this.listed && this.inFlight === 0) this.done = true;
  }
}

interface ArchiveScope {
  root: string;
  account: string;
  region: string;
  scope: ArchiveScopeState;
}

/** The `s3` source: the trail's archive, only the date folders the window touches, many objects at once. */
export function s3Source(ctx: SourceContext): AsyncGenerator<TrailEvent[]> {
  const { config, deps } = ctx;
  const bucket = config.source.trailBucket;
  return (async function* () {
    if (!bucket)
      throw new StageError('sources', 'source `s3` needs `trail-bucket` (the bucket the trail delivers to)');
    const s3 = deps.clients.s3();
    const tasks = archiveTasks(ctx, s3, bucket);
    yield* mergeConcurrent(tasks, deps.tuning?.concurrency ?? 8);
  })();
}

/** Lists account/region scopes (discovering them when not given), then every log file of the window in each. */
async function* archiveTasks(
  ctx: SourceContext,
  s3: S3Client,
  bucket: string,
): AsyncGenerator<() => AsyncIterable<TrailEvent[]>> {
  const { config, deps, win } = ctx;
  const { logger } = deps;
  const base = archiveRoot(config.source.trailPrefix, config.source.organizationId);
  const discovered = await discoverScopes(ctx, s3, bucket, base);
  if (discovered.length === 0) return;
  const folders = dateFolders(win);
  let files = 0;
  for (const a of discovered) {
    const prefix = `${a.root}${a.account}/CloudTrail/${a.region}/`;
    try {
      for (const day of folders) {
        for await (const page of listAll(s3, bucket, `${prefix}${day}`)) {
          for (const o of page.keys) {
            if (!isLogFile(o.key)) {
              a.scope.skip('object-not-a-log-file');
              continue;
            }
            // An object the previous since-last-run run never listed may hold events it never saw (late-arrivals.ts).
            const late = ctx.late?.observe(o.key, o.lastModified?.getTime()) ?? false;
            if (!late && !fileMayOverlap(o.key, win)) continue;
            files++;
            yield () => readObject(ctx, s3, bucket, o.key, a.scope, late);
          }
        }
      }
    } catch (err) {
      const msg = deniedMessage(`${a.account}/${a.region}`, bucket, prefix, err);
      a.scope.fail(msg);
      logger.warning(`s3 ${msg}`);
    }
    // Objects of this scope may still be in flight; the scope is done when its last object is read.
    a.scope.listed = true;
    a.scope.settle();
  }
  if (files === 0) {
    logger.warning(
      `s3: no CloudTrail log files for the window under s3://${bucket}/${base} (${discovered.length} account/region prefixes looked at)`,
    );
  }
}

async function discoverScopes(
  ctx: SourceContext,
  s3: S3Client,
  bucket: string,
  base: string,
): Promise<ArchiveScope[]> {
  const { config, deps, scopes } = ctx;
  const { logger } = deps;
  const roots: { root: string; accounts: string[] }[] = [];
  try {
    if (config.source.accounts.length > 0) {
      roots.push({ root: base, accounts: config.source.accounts });
    } else {
      const found = await childFolders(s3, bucket, base);
      const accounts = found.filter((f) => /^\d{12}$/.test(f));
      if (accounts.length) roots.push({ root: base, accounts });
      // An organisation trail read without `organization-id`: look inside the `o-…` folder too.
      if (!config.source.organizationId) {
        for (const org of found.filter((f) => /^o-[a-z0-9]+$/.test(f))) {
          const root = `${base}${org}/`;
          const orgAccounts = (await childFolders(s3, bucket, root)).filter((f) => /^\d{12}$/.test(f));
          if (orgAccounts.length) {
            logger.info(`s3: found organisation trail logs under ${root} (${orgAccounts.length} accounts)`);
            roots.push({ root, accounts: orgAccounts });
          }
        }
      }
    }
  } catch (err) {
    const scope = new ArchiveScopeState(`s3://${bucket}/${base}`);
    scopes.push(scope);
    scope.fail(deniedMessage('could not list accounts', bucket, base, err));
    scope.listed = true;
    scope.settle();
    logger.warning(`s3: ${scope.report.errors[0]}`);
    return [];
  }
  const out: ArchiveScope[] = [];
  for (const { root, accounts } of roots) {
    for (const account of accounts) {
      let regions = config.source.regions;
      if (regions.length === 0) {
        const prefix = `${root}${account}/CloudTrail/`;
        try {
          regions = await childFolders(s3, bucket, prefix);
        } catch (err) {
          const scope = new ArchiveScopeState(account);
          scopes.push(scope);
          scope.fail(deniedMessage(`${account}: could not list regions`, bucket, prefix, err));
          scope.listed = true;
          scope.settle();
          logger.warning(`s3: ${scope.report.errors[0]}`);
          continue;
        }
      }
      for (const region of regions) {
        const scope = new ArchiveScopeState(`${account}/${region}`);
        scopes.push(scope);
        out.push({ root, account, region, scope });
      }
    }
  }
  if (out.length === 0 && scopes.length === 0) {
    const scope = new ArchiveScopeState(`s3://${bucket}/${base}`);
    scopes.push(scope);
    scope.listed = true;
    scope.settle();
    logger.warning(
      `s3: no account folders under s3://${bucket}/${base}; is trail-prefix or organization-id right?`,
    );
  }
  return out;
}

async function* readObject(
  ctx: SourceContext,
  s3: S3Client,
  bucket: string,
  key: string,
  scope: Scope,
  late = false,
): AsyncGenerator<TrailEvent[]> {
  const { deps } = ctx;
  // A late object's events from before the window are reviewed too: no earlier run saw them.
  const win = late ? { startMs: Number.NEGATIVE_INFINITY, endMs: ctx.win.endMs } : ctx.win;
  let lateEvents = 0;
  const st = scope as ArchiveScopeState;
  st.inFlight++;
  let completed = false;
  try {
    const out = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key }),
      deps.signal ? { abortSignal: deps.signal } : {},
    );
    scope.add('objects', 1);
    if (out.ContentLength !== undefined) scope.add('bytes', out.ContentLength);
    const body = out.Body as AsyncIterable<Buffer> | undefined;
    if (body) {
      for await (const batch of readRecords(maybeGunzip(body), 'json', (r, n) => scope.skip(r, n))) {
        const events = toEvents(batch, scope, win);
        if (late) for (const e of events) if (e.timeMs < ctx.win.startMs) lateEvents++;
        if (events.length > 0) yield events;
      }
    }
    completed = true;
  } catch (err) {
    const name = awsErrorMeta(err).name;
    const why = isAccessDenied(err)
      ? 'object-access-denied'
      : err instanceof TruncatedInputError
        ? 'object-truncated'
        : /unexpected end|incorrect header|zlib|Z_/i.test(describeError(err))
          ? 'object-corrupt-gzip'
          : 'object-read-error';
    scope.skip(why);
    const msg = isAccessDenied(err)
      ? deniedMessage(key, bucket, key, err)
      : `${key}: ${why} (${name}: ${describeError(err)})`;
    scope.fail(msg);
    deps.logger.warning(`s3 ${msg}`);
    completed = true;
  } finally {
    if (scope.repaired > 0) {
      deps.logger.warning(
        `s3 ${key}: ${scope.repaired} records held bytes that are not UTF-8; kept with U+FFFD in their place`,
      );
      scope.repaired = 0;
    }
    st.inFlight--;
    ctx.late?.add(lateEvents);
    // Stopped early (max-events): this object was not finished, so its scope must not count as done.
    if (completed) st.settle();
    else st.listed = false;
  }
}
