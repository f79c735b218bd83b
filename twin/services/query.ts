import { randomUUID } from 'node:crypto';
import { errorResponse, xmlDocument, type XmlNode } from '../protocol.js';
import type { TwinRequest, TwinResponse } from '../types.js';

/** The awsQuery form parameters of a request (POST body, or the query string for GET). */
export function queryParams(req: TwinRequest): URLSearchParams {
  if (req.method === 'POST') return new URLSearchParams(req.body.toString('utf8'));
  return req.query;
}

/** `true` when the request is an awsQuery call of one of the given actions. */
export function isQueryAction(req: TwinRequest, actions: ReadonlySet<string>, service: string): boolean {
  if (req.signedService !== undefined && req.signedService !== service) return false;
  const ct = String(req.headers['content-type'] ?? '');
  if (req.method === 'POST' && !ct.startsWith('application/x-www-form-urlencoded')) return false;
  const action = queryParams(req).get('Action');
  return action !== null && (actions.has(action) || req.signedService === service);
}

/** `<XResponse><XResult>…</XResult><ResponseMetadata>…` as awsQuery services answer. */
export function queryResponse(action: string, ns: string, result: XmlNode | undefined): TwinResponse {
  const requestId = randomUUID();
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: xmlDocument(`${action}Response`, ns, {
      ...(result ? { [`${action}Result`]: result } : {}),
      ResponseMetadata: { RequestId: requestId },
    }),
  };
}

/** An awsQuery error answer (`<ErrorResponse><Error><Type/><Code/><Message/>`). */
export function queryError(
  service: 'sts' | 'sns',
  status: number,
  code: string,
  message: string,
): TwinResponse {
  return errorResponse('awsQuery', { status, code, message }, service);
}
