import { randomUUID } from 'node:crypto';
import { jsonResponse } from '../protocol.js';
import type { ServiceHandler, TwinContext, TwinResponse } from '../types.js';
import { isQueryAction, queryError, queryParams, queryResponse } from './query.js';

const NS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const ACTIONS: ReadonlySet<string> = new Set(['Publish', 'CreateTopic', 'GetTopicAttributes', 'ListTopics']);
/** SNS's limit on a message: body plus attribute names, types and values. */
export const SNS_MAX_MESSAGE_BYTES = 262_144;
const TOPIC_ARN = /^arn:aws:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256}(?:\.fifo)?)$/;

export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  region: string;
  subject?: string;
  message: string;
  messageStructure?: string;
  messageAttributes: Record<string, { dataType: string; stringValue?: string; binaryValue?: string }>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  timestamp: string;
}

interface SnsState {
  messages: PublishedMessage[];
  deleted: Set<string>;
  topics: Set<string>;
}

const states = new WeakMap<TwinContext, SnsState>();

function state(ctx: TwinContext): SnsState {
  let s = states.get(ctx);
  if (!s) states.set(ctx, (s = { messages: [], deleted: new Set(), topics: new Set() }));
  return s;
}

function invalid(message: string): TwinResponse {
  return queryError('sns', 400, 'InvalidParameter', `Invalid parameter: ${message}`);
}

function invalidValue(message: string): TwinResponse {
  return queryError('sns', 400, 'ParameterValueInvalid', message);
}

/** SNS (awsQuery): Publish with SNS's limits; every message is kept for `GET /_twin/sns/messages`. */
export const snsHandler: ServiceHandler = {
  name: 'sns',
  protocol: 'awsQuery',
  matches: (req) => isQueryAction(req, ACTIONS, 'sns'),
  operation: (req) => queryParams(req).get('Action') ?? undefined,
  reset: (ctx) => {
    states.delete(ctx);
  },
  async control(req, ctx) {
    const path = req.path.replace(/\/+$/, '');
    if (req.method === 'GET' && path === '/_twin/sns/messages') {
      const topic = req.query.get('topic');
      const messages = state(ctx).messages.filter((m) => topic === null || m.topicArn === topic);
      return jsonResponse(200, { messages });
    }
    if (req.method === 'DELETE' && path === '/_twin/sns/messages') {
      state(ctx).messages = [];
      return jsonResponse(200, { messages: [] });
    }
    // Marks a topic as deleted, so Publish to it answers NotFound.
    if (req.method === 'POST' && path === '/_twin/sns/deleted-topics') {
      const body = JSON.parse(req.body.toString('utf8') || '{}') as { topicArn?: unknown };
      if (typeof body.topicArn !== 'string')
        return jsonResponse(400, { error: 'BadRequest', message: 'topicArn required' });
      state(ctx).deleted.add(body.topicArn);
      return jsonResponse(200, { deleted: [...state(ctx).deleted] });
    }
    return undefined;
  },
  async handle(req, ctx): Promise<TwinResponse> {
    const p = queryParams(req);
    const action = p.get('Action') ?? '';
    const region = req.signedRegion ?? ctx.region;
    switch (action) {
      case 'Publish':
        return publish(p, ctx, region);
      case 'CreateTopic': {
        const name = p.get('Name') ?? '';
        if (!/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(name)) {
          return invalid('Topic Name');
        }
        const arn = `arn:aws:sns:${region}:${ctx.account}:${name}`;
        state(ctx).topics.add(arn);
        state(ctx).deleted.delete(arn);
        return queryResponse('CreateTopic', NS, { TopicArn: arn });
      }
      case 'GetTopicAttributes': {
        const arn = p.get('TopicArn') ?? '';
        const found = checkTopic(arn, ctx, region);
        if (found) return found;
        return queryResponse('GetTopicAttributes', NS, {
          Attributes: {
            entry: [
              { key: 'TopicArn', value: arn },
              { key: 'Owner', value: ctx.account },
              { key: 'DisplayName', value: '' },
            ],
          },
        });
      }
      case 'ListTopics':
        return queryResponse('ListTopics', NS, {
          Topics: { member: [...state(ctx).topics].sort().map((t) => ({ TopicArn: t })) },
        });
      default:
        return queryError('sns', 400, 'InvalidAction', `The twin does not emulate SNS ${action}`);
    }
  },
};

/** Topic checks shared by operations on a topic: a well-formed ARN in this account and region, not deleted. */
function checkTopic(arn: string, ctx: TwinContext, region: string): TwinResponse | undefined {
  const m = TOPIC_ARN.exec(arn);
  if (!m) return invalid('TopicArn');
  if (m[2] !== ctx.account) {
    return queryError(
      'sns',
      403,
      'AuthorizationError',
      `User: arn:aws:iam::${ctx.account}:user/twin is not authorized to perform: SNS:Publish on resource: ${arn}`,
    );
  }
  if (m[1] !== region) return invalid('TopicArn');
  if (state(ctx).deleted.has(arn)) return queryError('sns', 404, 'NotFound', 'Topic does not exist');
  // Any other topic in the twin's account exists: it is created on first use.
  state(ctx).topics.add(arn);
  return undefined;
}

function publish(p: URLSearchParams, ctx: TwinContext, region: string): TwinResponse {
  const topicArn = p.get('TopicArn') ?? p.get('TargetArn');
  if (p.get('PhoneNumber') !== null) return invalid('PhoneNumber Reason: the twin does not send SMS');
  if (topicArn === null) return invalid('TopicArn or TargetArn Reason: no value for required parameter');
  if (p.get('TopicArn') !== null && p.get('TargetArn') !== null) {
    return invalid('TopicArn Reason: Only one of TopicArn or TargetArn may be specified');
  }
  const bad = checkTopic(topicArn, ctx, region);
  if (bad) return bad;
  const message = p.get('Message');
  if (message === null) return invalid('Message Reason: no value for required parameter');
  if (message.length === 0) return invalid('Empty message');
  const subject = p.get('Subject');
  if (subject !== null) {
    // SNS: ASCII text starting with a letter, number or punctuation; no line breaks or control characters; ≤ 100.
    if (subject.length === 0 || subject.length > 100 || !/^[\x21-\x7e][\x20-\x7e]*$/.test(subject)) {
      return invalid('Subject');
    }
  }
  const structure = p.get('MessageStructure');
  if (structure !== null) {
    if (structure !== 'json') return invalid('MessageStructure');
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return invalid('Message Structure - JSON message body failed to parse');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return invalid('Message Structure - JSON message body failed to parse');
    }
    if (typeof (parsed as Record<string, unknown>).default !== 'string') {
      return invalid('Message Structure - No default entry in JSON message body');
    }
  }
  const attributes: PublishedMessage['messageAttributes'] = {};
  let size = Buffer.byteLength(message, 'utf8');
  for (let i = 1; ; i++) {
    const name = p.get(`MessageAttributes.entry.${i}.Name`);
    if (name === null) break;
    const dataType = p.get(`MessageAttributes.entry.${i}.Value.DataType`) ?? '';
    const stringValue = p.get(`MessageAttributes.entry.${i}.Value.StringValue`);
    const binaryValue = p.get(`MessageAttributes.entry.${i}.Value.BinaryValue`);
    if (
      name.length === 0 ||
      name.length > 256 ||
      !/^[A-Za-z0-9_.-]+$/.test(name) ||
      /^(aws\.|amazon\.)/i.test(name) ||
      name.startsWith('.') ||
      name.endsWith('.') ||
      name.includes('..')
    ) {
      return invalidValue(`The message attribute name '${name}' is invalid.`);
    }
    if (name in attributes) return invalidValue(`Message attribute name '${name}' is duplicated.`);
    const base = dataType.split('.')[0];
    if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
      return invalidValue(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    const value = base === 'Binary' ? binaryValue : stringValue;
    if (value === null || value === '') {
      return invalidValue(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`,
      );
    }
    if (base === 'Number' && !/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) {
      return invalidValue(
        `The message attribute '${name}' with type 'Number' must contain a valid numeric value.`,
      );
    }
    size += Buffer.byteLength(name) + Buffer.byteLength(dataType) + Buffer.byteLength(value);
    attributes[name] = { dataType, ...(base === 'Binary' ? { binaryValue: value } : { stringValue: value }) };
  }
  if (size > SNS_MAX_MESSAGE_BYTES) return invalid('Message too long');
  const fifo = topicArn.endsWith('.fifo');
  const groupId = p.get('MessageGroupId');
  if (fifo && groupId === null) {
    return invalid('The MessageGroupId parameter is required for FIFO topics');
  }
  const msg: PublishedMessage = {
    messageId: randomUUID(),
    topicArn,
    region,
    ...(subject !== null ? { subject } : {}),
    message,
    ...(structure !== null ? { messageStructure: structure } : {}),
    messageAttributes: attributes,
    ...(groupId !== null ? { messageGroupId: groupId } : {}),
    ...(p.get('MessageDeduplicationId') !== null
      ? { messageDeduplicationId: p.get('MessageDeduplicationId') as string }
      : {}),
    timestamp: new Date().toISOString(),
  };
  state(ctx).messages.push(msg);
  return queryResponse('Publish', NS, {
    MessageId: msg.messageId,
    ...(fifo ? { SequenceNumber: String(10000000000000000000n + BigInt(state(ctx).messages.length)) } : {}),
  });
}

/** Messages published so far (for tests running in the same process). */
export function publishedMessages(ctx: TwinContext): PublishedMessage[] {
  return [...state(ctx).messages];
}
