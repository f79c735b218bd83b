import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import type { RunningTwin } from '../../twin/server.js';
import { CapturingHandler, clientConfig, control, startTestTwin } from './helpers.js';
import { COMMON_ERRORS, SmithyModel, parseXml } from './smithy.js';

const model = new SmithyModel('sns-2010-03-31.json');
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:security-findings';
let twin: RunningTwin;
const handler = new CapturingHandler();
let sns: SNSClient;

beforeAll(async () => {
  twin = await startTestTwin();
  sns = new SNSClient(clientConfig(twin.url, handler));
});
afterAll(async () => {
  sns.destroy();
  await twin.close();
});
beforeEach(async () => {
  await control(twin.url, 'POST', '/_twin/reset');
});

async function publishError(input: Partial<PublishCommandInput>): Promise<string> {
  try {
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'm', ...input }));
  } catch (e) {
    const code = (e as { Code?: string; name: string }).Code ?? (e as Error).name;
    expect({ code, declared: model.declaredErrors('Publish').has(code) || COMMON_ERRORS.has(code) }).toEqual({
      code,
      declared: true,
    });
    return code;
  }
  throw new Error('expected an error');
}

describe('SNS Publish', () => {
  it('stores the message with attributes and answers the modelled shape', async () => {
    const out = await sns.send(
      new PublishCommand({
        TopicArn: TOPIC,
        Subject: 'TrailSight: 2 high findings',
        Message: 'body',
        MessageAttributes: {
          severity: { DataType: 'String', StringValue: 'high' },
          findings: { DataType: 'Number', StringValue: '2' },
        },
      }),
    );
    const root = parseXml(handler.last().body.toString('utf8'));
    const result = root.children.find((c) => c.name === 'PublishResult');
    expect(model.checkXml(model.outputShapeId('Publish'), result as NonNullable<typeof result>)).toEqual([]);
    const { messages } = (await control(twin.url, 'GET', '/_twin/sns/messages')) as {
      messages: {
        messageId: string;
        subject: string;
        messageAttributes: Record<string, { stringValue: string }>;
      }[];
    };
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      messageId: out.MessageId,
      subject: 'TrailSight: 2 high findings',
      messageAttributes: {
        severity: { dataType: 'String', stringValue: 'high' },
        findings: { stringValue: '2' },
      },
    });
  });

  it('enforces the size limit on message plus attributes', async () => {
    const attrs = { severity: { DataType: 'String', StringValue: 'critical' } };
    const fits = 262_144 - 'severity'.length - 'String'.length - 'critical'.length;
    await sns.send(
      new PublishCommand({ TopicArn: TOPIC, Message: 'x'.repeat(fits), MessageAttributes: attrs }),
    );
    expect(await publishError({ Message: 'x'.repeat(fits + 1), MessageAttributes: attrs })).toBe(
      'InvalidParameter',
    );
    // Multi-byte characters count in bytes.
    expect(await publishError({ Message: 'é'.repeat(131_073) })).toBe('InvalidParameter');
  });

  it('applies the subject rules and MessageStructure=json needs a default entry', async () => {
    expect(await publishError({ Subject: 'x'.repeat(101) })).toBe('InvalidParameter');
    expect(await publishError({ Subject: 'line\nbreak' })).toBe('InvalidParameter');
    expect(await publishError({ Subject: 'Ünïcode' })).toBe('InvalidParameter');
    expect(await publishError({ Subject: ' leading space' })).toBe('InvalidParameter');
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'm', Subject: 'x'.repeat(100) }));
    expect(await publishError({ MessageStructure: 'json', Message: '{"email":"x"}' })).toBe(
      'InvalidParameter',
    );
    expect(await publishError({ MessageStructure: 'json', Message: 'not json' })).toBe('InvalidParameter');
    await sns.send(
      new PublishCommand({
        TopicArn: TOPIC,
        MessageStructure: 'json',
        Message: '{"default":"d","email":"e"}',
      }),
    );
    expect(await publishError({ Message: '' })).toBe('InvalidParameter');
  });

  it('validates message attributes', async () => {
    expect(await publishError({ MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } })).toBe(
      'ParameterValueInvalid',
    );
    expect(
      await publishError({ MessageAttributes: { 'AWS.x': { DataType: 'String', StringValue: 'v' } } }),
    ).toBe('ParameterValueInvalid');
    expect(await publishError({ MessageAttributes: { t: { DataType: 'Date', StringValue: 'v' } } })).toBe(
      'ParameterValueInvalid',
    );
  });

  it('accepts any topic in the twin account, refuses other accounts and deleted topics', async () => {
    await sns.send(
      new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:anything', Message: 'm' }),
    );
    expect(await publishError({ TopicArn: 'arn:aws:sns:us-east-1:999999999999:x' })).toBe(
      'AuthorizationError',
    );
    expect(await publishError({ TopicArn: 'not-an-arn' })).toBe('InvalidParameter');
    await control(twin.url, 'POST', '/_twin/sns/deleted-topics', { topicArn: TOPIC });
    expect(await publishError({})).toBe('NotFound');
  });

  it('honours injected faults with SNS error codes', async () => {
    await control(twin.url, 'POST', '/_twin/faults', { operation: 'Publish', kind: 'access-denied' });
    expect(await publishError({})).toBe('AuthorizationError');
    await control(twin.url, 'POST', '/_twin/faults', { operation: 'Publish', kind: 'error' });
    expect(await publishError({})).toBe('InternalError');
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'm' }));
  });
});
