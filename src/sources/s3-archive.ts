import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { StageError, awsErrorMeta, describeError, isAccessDenied } from '../errors.js';
import type { ArchiveHoldings, TrailEvent } from '../types.js';
import { maybeGunzip } from './bytes.js';
import type { SourceContext } from './index.js';
import { TruncatedInputError, readRecords } from './json-records.js';
import { mergeConcurrent, mergeOrdered } from './merge.js';
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
  maxKeys?: number,
): AsyncGenerator<{ keys: { key: string; size: number; lastModified?: Date }[]; prefixes: string[] }> {
  let token: string | undefined;
  do {
    const out = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ...(delimiter ? { Delimiter: delimiter } : {}),
        ...(maxKeys ? { MaxKeys: maxKeys } : {}),
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

/** A log object to read, with the time it is ordered by (its delivery stamp) and the scope it belongs to. */
interface Listed {
  key: string;
  at: number;
  a: ArchiveScope;
  late: boolean;
}

/** Delivery time, then key: the order objects are read in across scopes. */
function listedBefore(x: Listed, y: Listed): boolean {
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
class ArchiveScopeState extends Scope {
  listed = false;
  inFlight = 0;
  constructor(scope: string, location: string) {
    super('s3', scope);
    this.report.location = location;
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

const ACCOUNT = /^\d{12}$/;
const ORGANIZATION = /^o-[a-z0-9]{10,32}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
// Top-level folder names shown back to the user: plain names only (a bucket's keys are not ours to trust).
const PLAIN_FOLDER = /^[\w.-]{1,100}$/;
/** Accounts whose `CloudTrail/` folder is listed to find the regions the archive holds. */
const HOLDINGS_ACCOUNTS = 10;
const HOLDINGS_ORGANIZATIONS = 5;

/** The `s3` source: the trail's archive, only the date folders the window touches, many objects at once. */
export function s3Source(ctx: SourceContext): AsyncGenerator<TrailEvent[]> {
  const { config, deps } = ctx;
  const bucket = config.source.trailBucket;
  return (async function* () {
    if (!bucket)
      throw new StageError('sources', 'source `s3` needs `trail-bucket` (the bucket the trail delivers to)');
    const s3 = await deps.clients.s3();
    const tasks = archiveTasks(ctx, s3, bucket);
    yield* mergeConcurrent(tasks, deps.tuning?.concurrency ?? 8);
  })();
}

/**
 * What the archive holds under `[trail-prefix/]AWSLogs/`: account and organization folders, and the regions of
 * the first accounts. Listed only when a requested scope is missing, to show the user what to compare with.
 */
export async function describeArchive(
  s3: S3Client,
  bucket: string,
  trailPrefix: string,
): Promise<ArchiveHoldings> {
  const root = archiveRoot(trailPrefix);
  const out: ArchiveHoldings = {
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
    const regions = new Set<string>();
    for (const r of accountRoots.slice(0, HOLDINGS_ACCOUNTS)) {
      for (const reg of await childFolders(s3, bucket, `${r.prefix}CloudTrail/`))
        if (REGION.test(reg)) regions.add(reg);
    }
    out.regions = [...regions].sort();
    if (accountRoots.length > HOLDINGS_ACCOUNTS || out.organizationIds.length > HOLDINGS_ORGANIZATIONS)
      out.truncated = true;
    // Nothing under the configured prefix: show where the trail's folders are instead.
    if (top.length === 0)
      out.topLevel = (await childFolders(s3, bucket, '')).filter((f) => PLAIN_FOLDER.test(f)).slice(0, 20);
  } catch {
    // A partial picture is still a useful hint; the scope's own error already says what failed.
  }
  return out;
}

const list = (xs: readonly string[], max = 10): string =>
  xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`;

/** One sentence saying what the archive holds, for a message beside a scope that is not in it. */
export function holdingsText(h: ArchiveHoldings): string {
  if (h.accounts.length === 0 && h.organizationIds.length === 0) {
    const top = h.topLevel?.length
      ? `; the bucket's top-level folders are ${list(h.topLevel.map((t) => `${t}/`))}`
      : '';
    return `${h.root} holds no account folders${top}`;
  }
  const parts = [`account${h.accounts.length === 1 ? '' : 's'} ${list(h.accounts)}`];
  if (h.organizationIds.length)
    parts.push(
      `organization trail folder${h.organizationIds.length === 1 ? '' : 's'} ${list(h.organizationIds)}`,
    );
  const regions = h.regions.length
    ? `, regions ${list(h.regions, 20)}${h.truncated ? ' (in the first accounts)' : ''}`
    : '';
  return `${h.root} holds ${parts.join(' and ')}${regions}`;
}

/** Whether a prefix holds any log object at all, on any day. */
async function holdsAnyLog(s3: S3Client, bucket: string, prefix: string): Promise<boolean> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 100 }));
  return (
    Boolean(out.IsTruncated) || (out.Contents ?? []).some((o) => o.Key !== undefined && isLogFile(o.Key))
  );
}

/** Lists account/region scopes (discovering them when not given), then every log file of the window in each. */
async function* archiveTasks(
  ctx: SourceContext,
  s3: S3Client,
  bucket: string,
): AsyncGenerator<() => AsyncIterable<TrailEvent[]>> {
  const { config, deps, win, scopes } = ctx;
  const { logger } = deps;
  const base = archiveRoot(config.source.trailPrefix, config.source.organizationId);
  // What the archive holds is listed once, and only if some requested scope turns out not to be in it.
  let holdings: Promise<ArchiveHoldings> | undefined;
  const holds = (): Promise<ArchiveHoldings> =>
    (holdings ??= describeArchive(s3, bucket, config.source.trailPrefix));
  const discovered = await discoverScopes(ctx, s3, bucket, base, holds);
  if (discovered.length === 0) return;
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
  async function* scopeObjects(a: ArchiveScope): AsyncGenerator<Listed> {
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
            if (!late && !fileMayOverlap(o.key, win)) continue;
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
        a.scope.notRead(
          `${a.account}/${a.region}: not read: the archive holds no CloudTrail log for ${what} on any day (nothing under s3://${bucket}/${prefix}). ${holdingsText(h)}. Check ${check}`,
        );
        logger.warning(`s3 ${a.scope.report.errors[0] ?? ''}`);
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
  // Every scope's objects merged by delivery time, so that one principal's events arrive close to time order
  // whatever regions and accounts it used: a threshold rule's group keeps only its last few dozen arrivals, and
  // reading one region's days after another's let a busy principal's cross-region bursts slip past it (measured on
  // 1M events: 17 of 101 recon bursts found). Each scope holds one page of its listing, smaller when there are many.
  const pageSize = Math.max(MIN_PAGE, Math.min(MAX_PAGE, Math.floor(LISTED_KEYS_BUDGET / discovered.length)));
  for await (const o of mergeOrdered(discovered.map(scopeObjects), listedBefore))
    yield () => readObject(ctx, s3, bucket, o.key, o.a.scope, o.late);
  if (files === 0 && !regionsGiven) {
    // Every discovered prefix is silent for the window: that is a trail that stopped delivering or the wrong
    // archive, never an empty window. One scope says so, in place of the prefixes that were looked at.
    const quiet = discovered.filter((a) => a.scope.report.errors.length === 0).map((a) => a.scope);
    if (quiet.length > 0) {
      for (const q of quiet) scopes.splice(scopes.indexOf(q), 1);
      const root = new ArchiveScopeState(`s3://${bucket}/${base}`, `s3://${bucket}/${base}`);
      scopes.push(root);
      root.report.archive = await holds();
      const names = quiet.map((q) => q.report.scope);
      root.notRead(
        `s3://${bucket}/${base}: not read: no CloudTrail log object was delivered during the window (${dayRange(folders)}) under any of its ${names.length} account/region prefixes (${list(names, 5)}). Check that the trail is logging and delivers to this bucket and prefix (cloudtrail:GetTrailStatus shows IsLogging and LatestDeliveryTime), and the window`,
      );
      root.listed = true;
      root.settle();
      logger.warning(`s3 ${root.report.errors[0] ?? ''}`);
    }
  } else if (files === 0) {
    logger.warning(
      `s3: no CloudTrail log files for the window under s3://${bucket}/${base} (${discovered.length} account/region prefixes looked at)`,
    );
  }
}

function dayRange(folders: readonly string[]): string {
  const day = (f: string | undefined): string => (f ?? '').replace(/\/$/, '').replace(/\//g, '-');
  return `${day(folders[0])} .. ${day(folders[folders.length - 1])}`;
}

async function discoverScopes(
  ctx: SourceContext,
  s3: S3Client,
  bucket: string,
  base: string,
  holds: () => Promise<ArchiveHoldings>,
): Promise<ArchiveScope[]> {
  const { config, deps, scopes } = ctx;
  const { logger } = deps;
  const roots: { root: string; accounts: string[] }[] = [];
  const notRead = async (scope: ArchiveScopeState, message: string): Promise<void> => {
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
    } else {
      const found = await childFolders(s3, bucket, base);
      const accounts = found.filter((f) => ACCOUNT.test(f));
      if (accounts.length) roots.push({ root: base, accounts });
      // An organisation trail read without `organization-id`: look inside the `o-…` folder too.
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
  } catch (err) {
    const scope = new ArchiveScopeState(`s3://${bucket}/${base}`, `s3://${bucket}/${base}`);
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
          const scope = new ArchiveScopeState(account, `s3://${bucket}/${prefix}`);
          scopes.push(scope);
          scope.fail(deniedMessage(`${account}: could not list regions`, bucket, prefix, err));
          scope.listed = true;
          scope.settle();
          logger.warning(`s3: ${scope.report.errors[0]}`);
          continue;
        }
        if (regions.length === 0) {
          await notRead(
            new ArchiveScopeState(account, `s3://${bucket}/${prefix}`),
            `${account}: not read: the archive holds no CloudTrail logs for account ${account} (nothing under s3://${bucket}/${prefix}). Check \`accounts\`, \`organization-id\` and \`trail-prefix\``,
          );
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
    await notRead(
      new ArchiveScopeState(`s3://${bucket}/${base}`, `s3://${bucket}/${base}`),
      `s3://${bucket}/${base}: not read: no account folders under it. Check \`trail-prefix\` and \`organization-id\` (and that \`trail-bucket\` is the bucket the trail delivers to)`,
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
