import { createHash, randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { errorResponse, xmlDocument, type WireError, type XmlNode } from '../protocol.js';
import type { ServiceHandler, StoredObject, TwinContext, TwinRequest, TwinResponse } from '../types.js';

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

interface S3Target {
  bucket?: string;
  key?: string;
}

/** Bucket and key from a path-style URL, or from a `<bucket>.localhost` virtual host. */
function target(req: TwinRequest): S3Target {
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
  const vhost = /^(.+)\.localhost$/.exec(host)?.[1];
  const segs = req.rawPath.replace(/^\//, '');
  if (vhost) return segs === '' ? { bucket: vhost } : { bucket: vhost, key: decodeKey(segs) };
  if (segs === '') return {};
  const slash = segs.indexOf('/');
  if (slash < 0) return { bucket: decodeKey(segs) };
  const key = segs.slice(slash + 1);
  return { bucket: decodeKey(segs.slice(0, slash)), ...(key === '' ? {} : { key: decodeKey(key) }) };
}

function decodeKey(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The operation a request calls, named as in the S3 API, for faults. */
function operationOf(req: TwinRequest): string {
  const { bucket, key } = target(req);
  const q = req.query;
  if (!bucket) return 'ListBuckets';
  if (key === undefined) {
    switch (req.method) {
      case 'GET':
        if (q.has('location')) return 'GetBucketLocation';
        return q.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
      case 'HEAD':
        return 'HeadBucket';
      case 'PUT':
        return 'CreateBucket';
      case 'DELETE':
        return 'DeleteBucket';
      case 'POST':
        return q.has('delete') ? 'DeleteObjects' : 'PostBucket';
    }
  }
  switch (req.method) {
    case 'PUT':
      return req.headers['x-amz-copy-source'] ? 'CopyObject' : 'PutObject';
    case 'HEAD':
      return 'HeadObject';
    case 'DELETE':
      return 'DeleteObject';
    default:
      return 'GetObject';
  }
}

function s3Error(err: WireError): TwinResponse {
  return errorResponse('restXml', err);
}

function noSuchBucket(bucket: string): TwinResponse {
  return s3Error({
    status: 404,
    code: 'NoSuchBucket',
    message: 'The specified bucket does not exist',
    extra: { BucketName: bucket },
  });
}

function ok(body: XmlNode, root: string, headers: Record<string, string> = {}): TwinResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': randomUUID(), ...headers },
    body: xmlDocument(root, NS, body),
  };
}

/** S3 (restXml, path-style or `<bucket>.localhost`): the object operations TrailSight and Bedrock batch use. */
export const s3Handler: ServiceHandler = {
  name: 's3',
  protocol: 'restXml',
  matches: (req) => req.signedService === undefined || req.signedService === 's3',
  operation: operationOf,
  async handle(req, ctx): Promise<TwinResponse> {
    const { bucket, key } = target(req);
    const op = operationOf(req);
    if (op === 'ListBuckets') {
      const names = (ctx.store as { bucketNames?: () => string[] }).bucketNames?.() ?? [];
      return ok(
        {
          Owner: { ID: ctx.account, DisplayName: 'twin' },
          Buckets: { Bucket: names.map((n) => ({ Name: n, CreationDate: new Date(0) })) },
        },
        'ListAllMyBucketsResult',
      );
    }
    const b = bucket as string;
    if (op === 'CreateBucket') {
      ctx.store.ensureBucket(b);
      return { status: 200, headers: { location: `/${b}` } };
    }
    if (!ctx.store.hasBucket(b)) {
      return req.method === 'HEAD'
        ? { status: 404, headers: { 'x-amz-request-id': randomUUID() } }
        : noSuchBucket(b);
    }
    switch (op) {
      case 'HeadBucket':
        return { status: 200, headers: { 'x-amz-bucket-region': req.signedRegion ?? ctx.region } };
      case 'GetBucketLocation':
        return {
          status: 200,
          headers: { 'content-type': 'application/xml' },
          body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${NS}">${ctx.region === 'us-east-1' ? '' : ctx.region}</LocationConstraint>`,
        };
      case 'ListObjectsV2':
        return listObjectsV2(req, ctx, b);
      case 'ListObjects':
        return listObjectsV1(req, ctx, b);
      case 'DeleteObjects':
        return deleteObjects(req, ctx, b);
      case 'PutObject':
        return putObject(req, ctx, b, key as string);
      case 'CopyObject':
        return copyObject(req, ctx, b, key as string);
      case 'GetObject':
      case 'HeadObject':
        return getObject(req, ctx, b, key as string, op === 'HeadObject');
      case 'DeleteObject':
        ctx.store.delete(b, key as string);
        return { status: 204, headers: { 'x-amz-request-id': randomUUID() } };
      default:
        return s3Error({
          status: 501,
          code: 'NotImplemented',
          message: `The twin does not emulate S3 ${op}`,
        });
    }
  },
};

/** Strips `aws-chunked` framing (chunk sizes, chunk signatures, trailers) and returns the payload and trailers. */
export function decodeAwsChunked(body: Buffer): { payload: Buffer; trailers: Record<string, string> } {
  const parts: Buffer[] = [];
  const trailers: Record<string, string> = {};
  let pos = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', pos);
    if (eol < 0) throw new Error('truncated chunk header');
    const header = body.subarray(pos, eol).toString('latin1');
    const size = parseInt(header.split(';')[0] ?? '', 16);
    if (!Number.isFinite(size)) throw new Error(`bad chunk size "${header}"`);
    pos = eol + 2;
    if (size === 0) break;
    parts.push(body.subarray(pos, pos + size));
    pos += size;
    if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n')
      throw new Error('chunk not terminated by CRLF');
    pos += 2;
  }
  for (const line of body.subarray(pos).toString('latin1').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) trailers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { payload: Buffer.concat(parts), trailers };
}

function crc32Base64(buf: Buffer): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(buf) >>> 0);
  return out.toString('base64');
}

function header(req: TwinRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function putObject(req: TwinRequest, ctx: TwinContext, bucket: string, key: string): TwinResponse {
  let body = req.body;
  let trailers: Record<string, string> = {};
  const encoding = header(req, 'content-encoding') ?? '';
  const sha = header(req, 'x-amz-content-sha256') ?? '';
  if (encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-')) {
    try {
      ({ payload: body, trailers } = decodeAwsChunked(req.body));
    } catch (e) {
      return s3Error({
        status: 400,
        code: 'IncompleteBody',
        message: `Invalid aws-chunked body: ${(e as Error).message}`,
      });
    }
    const declared = header(req, 'x-amz-decoded-content-length');
    if (declared !== undefined && Number(declared) !== body.length) {
      return s3Error({
        status: 400,
        code: 'IncompleteBody',
        message: 'You did not provide the number of bytes specified by the Content-Length HTTP header',
      });
    }
  }
  const md5 = header(req, 'content-md5');
  if (md5 && createHash('md5').update(body).digest('base64') !== md5) {
    return s3Error({
      status: 400,
      code: 'BadDigest',
      message: 'The Content-MD5 you specified did not match what we received.',
    });
  }
  const crc = trailers['x-amz-checksum-crc32'] ?? header(req, 'x-amz-checksum-crc32');
  const actualCrc = crc32Base64(body);
  if (crc !== undefined && crc !== actualCrc) {
    return s3Error({
      status: 400,
      code: 'BadDigest',
      message: 'The CRC32 you specified did not match the calculated checksum.',
    });
  }
  const existing = ctx.store.get(bucket, key);
  const ifNoneMatch = header(req, 'if-none-match');
  const ifMatch = header(req, 'if-match');
  if ((ifNoneMatch === '*' && existing) || (ifMatch !== undefined && existing?.etag !== ifMatch)) {
    return s3Error({
      status: 412,
      code: 'PreconditionFailed',
      message: 'At least one of the pre-conditions you specified did not hold',
      extra: { Condition: ifNoneMatch ? 'If-None-Match' : 'If-Match' },
    });
  }
  const metadata: Record<string, string> = {};
  for (const [h, v] of Object.entries(req.headers)) {
    if (h.startsWith('x-amz-meta-') && typeof v === 'string') metadata[h.slice('x-amz-meta-'.length)] = v;
  }
  const contentType = header(req, 'content-type');
  const obj = ctx.store.put(bucket, key, body, {
    ...(contentType ? { contentType } : {}),
    ...(Object.keys(metadata).length ? { metadata } : {}),
  });
  obj.checksumCrc32 = actualCrc;
  return {
    status: 200,
    headers: {
      etag: obj.etag,
      'x-amz-request-id': randomUUID(),
      ...(crc !== undefined ? { 'x-amz-checksum-crc32': actualCrc } : {}),
    },
  };
}

function copyObject(req: TwinRequest, ctx: TwinContext, bucket: string, key: string): TwinResponse {
  const source = decodeKey(String(header(req, 'x-amz-copy-source') ?? '').replace(/^\//, ''));
  const slash = source.indexOf('/');
  const srcBucket = source.slice(0, slash);
  const src = slash > 0 ? ctx.store.get(srcBucket, source.slice(slash + 1)) : undefined;
  if (!src)
    return s3Error({
      status: 404,
      code: 'NoSuchKey',
      message: 'The specified key does not exist.',
      extra: { Key: source },
    });
  const obj = ctx.store.put(bucket, key, src.body, {
    ...(src.contentType ? { contentType: src.contentType } : {}),
    ...(src.metadata ? { metadata: src.metadata } : {}),
  });
  obj.checksumCrc32 = crc32Base64(src.body);
  return ok({ LastModified: obj.lastModified, ETag: obj.etag }, 'CopyObjectResult');
}

function objectHeaders(obj: StoredObject): Record<string, string> {
  const h: Record<string, string> = {
    etag: obj.etag,
    'last-modified': obj.lastModified.toUTCString(),
    'content-type': obj.contentType ?? 'binary/octet-stream',
    'accept-ranges': 'bytes',
    'x-amz-request-id': randomUUID(),
  };
  for (const [k, v] of Object.entries(obj.metadata ?? {})) h[`x-amz-meta-${k}`] = v;
  return h;
}

function getObject(
  req: TwinRequest,
  ctx: TwinContext,
  bucket: string,
  key: string,
  head: boolean,
): TwinResponse {
  const obj = ctx.store.get(bucket, key);
  if (!obj) {
    // HEAD answers carry no body, so the SDK reports a bare 404 as NotFound, as against S3.
    if (head) return { status: 404, headers: { 'x-amz-request-id': randomUUID() } };
    return s3Error({
      status: 404,
      code: 'NoSuchKey',
      message: 'The specified key does not exist.',
      extra: { Key: key },
    });
  }
  const headers = objectHeaders(obj);
  const ifNoneMatch = header(req, 'if-none-match');
  if (ifNoneMatch !== undefined && ifNoneMatch === obj.etag) return { status: 304, headers };
  const range = header(req, 'range');
  if (range) {
    const total = obj.body.length;
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    let start = 0;
    let end = total - 1;
    if (m && m[1] !== '') {
      start = Number(m[1]);
      if (m[2] !== '') end = Math.min(Number(m[2]), total - 1);
    } else if (m && m[2] !== '') {
      start = Math.max(0, total - Number(m[2]));
    }
    if (!m || (m[1] === '' && m[2] === '') || start >= total || start > end) {
      return s3Error({
        status: 416,
        code: 'InvalidRange',
        message: 'The requested range is not satisfiable',
        extra: { RangeRequested: range, ActualObjectSize: String(total) },
      });
    }
    const slice = obj.body.subarray(start, end + 1);
    return {
      status: 206,
      headers: {
        ...headers,
        'content-range': `bytes ${start}-${end}/${total}`,
        'content-length': String(slice.length),
      },
      ...(head ? {} : { body: slice }),
    };
  }
  // A full-object checksum only when asked for, as S3 does; the SDK then validates it.
  if (obj.checksumCrc32 && header(req, 'x-amz-checksum-mode') === 'ENABLED') {
    headers['x-amz-checksum-crc32'] = obj.checksumCrc32;
    headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  headers['content-length'] = String(obj.body.length);
  return { status: 200, headers, ...(head ? {} : { body: obj.body }) };
}

interface Listing {
  contents: string[];
  prefixes: string[];
  truncated: boolean;
  lastReturned?: string;
  lastWasPrefix?: boolean;
}

/** Walks keys after a marker, folding keys under the delimiter into common prefixes, up to maxKeys entries. */
function listKeys(
  ctx: TwinContext,
  bucket: string,
  prefix: string,
  delimiter: string,
  after: string,
  maxKeys: number,
  afterPrefix = false,
): Listing {
  // Resuming after a common prefix skips every key under it, which were all summarised by that prefix.
  const keys = ctx.store
    .list(bucket, prefix)
    .filter(
      (k) => Buffer.compare(Buffer.from(k), Buffer.from(after)) > 0 && !(afterPrefix && k.startsWith(after)),
    );
  const out: Listing = { contents: [], prefixes: [], truncated: false };
  for (const k of keys) {
    let entry = k;
    let isPrefix = false;
    if (delimiter) {
      const i = k.indexOf(delimiter, prefix.length);
      if (i >= 0) {
        entry = k.slice(0, i + delimiter.length);
        isPrefix = true;
      }
    }
    if (isPrefix && out.prefixes[out.prefixes.length - 1] === entry) continue;
    if (out.contents.length + out.prefixes.length >= maxKeys) {
      out.truncated = true;
      break;
    }
    if (isPrefix) out.prefixes.push(entry);
    else out.contents.push(k);
    out.lastReturned = entry;
    out.lastWasPrefix = isPrefix;
  }
  return out;
}

function listParams(
  req: TwinRequest,
): { prefix: string; delimiter: string; maxKeys: number; url: boolean } | TwinResponse {
  const maxRaw = req.query.get('max-keys');
  const maxKeys = maxRaw === null ? 1000 : Number(maxRaw);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) {
    return s3Error({
      status: 400,
      code: 'InvalidArgument',
      message: 'Provided max-keys not an integer or within integer range',
    });
  }
  const enc = req.query.get('encoding-type');
  if (enc !== null && enc !== 'url') {
    return s3Error({
      status: 400,
      code: 'InvalidArgument',
      message: 'Invalid Encoding Method specified in Request',
    });
  }
  return {
    prefix: req.query.get('prefix') ?? '',
    delimiter: req.query.get('delimiter') ?? '',
    maxKeys: Math.min(maxKeys, 1000),
    url: enc === 'url',
  };
}

function contentsOf(ctx: TwinContext, bucket: string, keys: string[], enc: (s: string) => string): XmlNode[] {
  return keys.map((k) => {
    const o = ctx.store.get(bucket, k) as StoredObject;
    return {
      Key: enc(k),
      LastModified: o.lastModified,
      ETag: o.etag,
      Size: o.body.length,
      StorageClass: 'STANDARD',
    };
  });
}

function listObjectsV2(req: TwinRequest, ctx: TwinContext, bucket: string): TwinResponse {
  const p = listParams(req);
  if ('status' in p) return p;
  const token = req.query.get('continuation-token');
  const startAfter = req.query.get('start-after') ?? '';
  let after = startAfter;
  let afterPrefix = false;
  if (token !== null) {
    const decoded = /^twin:([kp]):(.*)$/s.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!decoded) {
      return s3Error({
        status: 400,
        code: 'InvalidArgument',
        message: 'The continuation token provided is incorrect',
      });
    }
    afterPrefix = decoded[1] === 'p';
    after = decoded[2] as string;
  }
  const l = listKeys(ctx, bucket, p.prefix, p.delimiter, after, p.maxKeys, afterPrefix);
  const enc = p.url ? (s: string) => encodeURIComponent(s).replace(/%2F/g, '/') : (s: string) => s;
  const next =
    l.truncated && l.lastReturned !== undefined
      ? Buffer.from(`twin:${l.lastWasPrefix ? 'p' : 'k'}:${l.lastReturned}`).toString('base64url')
      : undefined;
  return ok(
    {
      Name: bucket,
      Prefix: enc(p.prefix),
      ...(p.delimiter ? { Delimiter: enc(p.delimiter) } : {}),
      MaxKeys: p.maxKeys,
      KeyCount: l.contents.length + l.prefixes.length,
      IsTruncated: l.truncated,
      ...(p.url ? { EncodingType: 'url' } : {}),
      ...(token !== null ? { ContinuationToken: token } : {}),
      ...(next ? { NextContinuationToken: next } : {}),
      ...(startAfter ? { StartAfter: enc(startAfter) } : {}),
      Contents: contentsOf(ctx, bucket, l.contents, enc),
      CommonPrefixes: l.prefixes.map((x) => ({ Prefix: enc(x) })),
    },
    'ListBucketResult',
  );
}

function listObjectsV1(req: TwinRequest, ctx: TwinContext, bucket: string): TwinResponse {
  const p = listParams(req);
  if ('status' in p) return p;
  const marker = req.query.get('marker') ?? '';
  const l = listKeys(
    ctx,
    bucket,
    p.prefix,
    p.delimiter,
    marker,
    p.maxKeys,
    p.delimiter !== '' && marker.endsWith(p.delimiter),
  );
  const enc = p.url ? (s: string) => encodeURIComponent(s).replace(/%2F/g, '/') : (s: string) => s;
  return ok(
    {
      Name: bucket,
      Prefix: enc(p.prefix),
      Marker: enc(marker),
      ...(p.delimiter ? { Delimiter: enc(p.delimiter) } : {}),
      MaxKeys: p.maxKeys,
      IsTruncated: l.truncated,
      ...(l.truncated && p.delimiter && l.lastReturned ? { NextMarker: enc(l.lastReturned) } : {}),
      Contents: contentsOf(ctx, bucket, l.contents, enc),
      CommonPrefixes: l.prefixes.map((x) => ({ Prefix: enc(x) })),
    },
    'ListBucketResult',
  );
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

function deleteObjects(req: TwinRequest, ctx: TwinContext, bucket: string): TwinResponse {
  const text = req.body.toString('utf8');
  const keys = [...text.matchAll(/<Object>\s*<Key>([\s\S]*?)<\/Key>[\s\S]*?<\/Object>/g)].map((m) =>
    unescapeXml(m[1] ?? ''),
  );
  if (keys.length > 1000) {
    return s3Error({
      status: 400,
      code: 'MalformedXML',
      message: 'The XML you provided was not well-formed',
    });
  }
  const quiet = /<Quiet>\s*true\s*<\/Quiet>/i.test(text);
  for (const k of keys) ctx.store.delete(bucket, k);
  return ok(quiet ? {} : { Deleted: keys.map((k) => ({ Key: k })) }, 'DeleteResult');
}
