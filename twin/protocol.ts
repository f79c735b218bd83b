import { randomUUID } from 'node:crypto';
import type { TwinRequest, TwinResponse } from './types.js';

/** The wire protocols the twin speaks; each has its own error shape. */
export type Protocol = 'awsJson1_1' | 'restJson1' | 'restXml' | 'awsQuery' | 'github' | 'twin';

/** Escapes text for an XML element or attribute. */
export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A value tree rendered as XML elements: arrays repeat the element, undefined members are left out. */
export type XmlValue = string | number | boolean | Date | undefined | XmlNode | XmlValue[];
export interface XmlNode {
  [name: string]: XmlValue;
}

/** Renders `{Name: value}` trees as XML, in member order. */
export function xml(node: XmlNode): string {
  let out = '';
  for (const [name, value] of Object.entries(node)) out += xmlElement(name, value);
  return out;
}

function xmlElement(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => xmlElement(name, v)).join('');
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object') return `<${name}>${xml(value)}</${name}>`;
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

/** An XML document with the declaration and a namespaced root element. */
export function xmlDocument(root: string, ns: string | undefined, body: XmlNode): string {
  const attr = ns ? ` xmlns="${ns}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${attr}>${xml(body)}</${root}>`;
}

/** The JSON object an awsJson request carries (`{}` when the body is empty), or undefined when it is not one. */
export function jsonObjectBody(req: TwinRequest): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(req.body.toString('utf8') || '{}') as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A JSON answer with the given content type. */
export function jsonResponse(
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): TwinResponse {
  return { status, headers: { 'content-type': contentType, ...headers }, body: JSON.stringify(body) };
}

export interface WireError {
  status: number;
  code: string;
  message: string;
  /** awsQuery only: `Sender` (4xx) or `Receiver` (5xx). */
  type?: 'Sender' | 'Receiver';
  headers?: Record<string, string>;
  /** restXml extras such as `BucketName` or `Key`. */
  extra?: Record<string, string>;
}

const QUERY_NAMESPACES: Record<string, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
};

/** Renders an error the way the protocol's real services do, so the SDK maps it to the modelled exception. */
export function errorResponse(protocol: Protocol, err: WireError, service = ''): TwinResponse {
  const requestId = randomUUID();
  const base = { 'x-amzn-requestid': requestId, ...(err.headers ?? {}) };
  switch (protocol) {
    case 'awsJson1_1':
      return {
        status: err.status,
        headers: { 'content-type': 'application/x-amz-json-1.1', ...base },
        body: JSON.stringify({ __type: err.code, message: err.message }),
      };
    case 'restJson1':
      return {
        status: err.status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': err.code, ...base },
        body: JSON.stringify({ message: err.message }),
      };
    case 'restXml':
      return {
        status: err.status,
        headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId, ...(err.headers ?? {}) },
        body: xmlDocument('Error', undefined, {
          Code: err.code,
          Message: err.message,
          ...(err.extra ?? {}),
          RequestId: requestId,
        }),
      };
    case 'awsQuery':
      return {
        status: err.status,
        headers: { 'content-type': 'text/xml', ...base },
        body: xmlDocument('ErrorResponse', QUERY_NAMESPACES[service], {
          Error: {
            Type: err.type ?? (err.status >= 500 ? 'Receiver' : 'Sender'),
            Code: err.code,
            Message: err.message,
          },
          RequestId: requestId,
        }),
      };
    case 'github':
      return {
        status: err.status,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-github-request-id': requestId,
          ...(err.headers ?? {}),
        },
        body: JSON.stringify({
          message: err.message,
          documentation_url: 'https://docs.github.com/rest',
          status: String(err.status),
        }),
      };
    case 'twin':
      return jsonResponse(
        err.status,
        { error: err.code, message: err.message },
        'application/json',
        err.headers ?? {},
      );
  }
}

/** Standard wording of the generic faults (throttle, 5xx, access denied) in each protocol's own terms. */
export function faultError(
  protocol: Protocol,
  kind: 'throttle' | 'error' | 'access-denied' | 'secondary-rate-limit',
  operation: string,
  service: string,
  status?: number,
  message?: string,
): WireError {
  if (kind === 'throttle' || kind === 'secondary-rate-limit') {
    switch (protocol) {
      case 'restXml':
        return {
          status: status ?? 503,
          code: 'SlowDown',
          message: message ?? 'Please reduce your request rate.',
        };
      case 'awsQuery':
        return service === 'sns'
          ? { status: status ?? 429, code: 'Throttled', message: message ?? 'Rate exceeded' }
          : { status: status ?? 400, code: 'Throttling', message: message ?? 'Rate exceeded' };
      case 'restJson1':
        return {
          status: status ?? 429,
          code: 'ThrottlingException',
          message: message ?? 'Too many requests, please wait before trying again.',
        };
      case 'github':
        return secondaryRateLimit(message);
      default:
        return { status: status ?? 400, code: 'ThrottlingException', message: message ?? 'Rate exceeded' };
    }
  }
  if (kind === 'access-denied') {
    const msg =
      message ??
      `User: arn:aws:sts::123456789012:assumed-role/twin/session is not authorized to perform: ${service}:${operation} because no identity-based policy allows the ${service}:${operation} action`;
    switch (protocol) {
      case 'restXml':
        return { status: 403, code: 'AccessDenied', message: message ?? 'Access Denied' };
      case 'awsQuery':
        return service === 'sns'
          ? { status: 403, code: 'AuthorizationError', message: msg }
          : { status: 403, code: 'AccessDenied', message: msg };
      case 'github':
        return {
          status: status ?? 403,
          code: 'Forbidden',
          message: message ?? 'Resource not accessible by integration',
        };
      case 'restJson1':
        return { status: 403, code: 'AccessDeniedException', message: msg };
      default:
        return { status: 400, code: 'AccessDeniedException', message: msg };
    }
  }
  const s = status ?? 500;
  const unavailable = s === 503;
  switch (protocol) {
    case 'restXml':
      return unavailable
        ? {
            status: s,
            code: 'ServiceUnavailable',
            message: message ?? 'Service is unable to handle request.',
          }
        : {
            status: s,
            code: 'InternalError',
            message: message ?? 'We encountered an internal error. Please try again.',
          };
    case 'awsQuery':
      return unavailable
        ? { status: s, code: 'ServiceUnavailable', message: message ?? 'Service Unavailable' }
        : {
            status: s,
            code: service === 'sns' ? 'InternalError' : 'InternalFailure',
            message: message ?? 'Internal failure',
          };
    case 'restJson1':
      return unavailable
        ? { status: s, code: 'ServiceUnavailableException', message: message ?? 'Service Unavailable' }
        : { status: s, code: 'InternalServerException', message: message ?? 'Internal server error' };
    case 'github':
      return {
        status: s,
        code: 'ServerError',
        message: message ?? (s === 502 ? 'Server Error' : 'Internal Server Error'),
      };
    default:
      return unavailable
        ? { status: s, code: 'ServiceUnavailableException', message: message ?? 'Service Unavailable' }
        : {
            status: s,
            code: 'InternalFailure',
            message: message ?? 'We encountered an internal error. Please try again.',
          };
  }
}

/** GitHub's secondary rate limit answer: 403 with `retry-after` and the documented wording. */
export function secondaryRateLimit(message?: string): WireError {
  return {
    status: 403,
    code: 'SecondaryRateLimit',
    message:
      message ??
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
    headers: { 'retry-after': '1', 'x-ratelimit-remaining': '4999' },
  };
}
