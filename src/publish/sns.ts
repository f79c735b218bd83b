import { PublishCommand, type MessageAttributeValue } from '@aws-sdk/client-sns';
import type { Config } from '../config/types.js';
import { AwsError } from '../errors.js';
import { maxSeverity } from '../report/build.js';
import { LIMITS } from '../report/limits.js';
import { headline } from '../report/markdown.js';
import { redactText, type Redaction } from '../report/redact.js';
import { asciiLine } from '../report/sanitize.js';
import { renderText } from '../report/text.js';
import { severityRank, type Report } from '../types.js';
import type { DestinationResult, PublishDeps } from './types.js';

/** SNS message attributes subscribers filter on (a filter policy on `severity`, say). */
export function snsAttributes(
  report: Report,
  repository: string | undefined,
): Record<string, MessageAttributeValue> {
  const attrs: Record<string, MessageAttributeValue> = {
    severity: { DataType: 'String', StringValue: maxSeverity(report.findings) ?? 'none' },
    findings_count: { DataType: 'Number', StringValue: String(report.findings.length) },
  };
  // SNS rejects empty attribute values, so an unknown repository is left out rather than sent blank.
  if (repository) attrs.repository = { DataType: 'String', StringValue: repository };
  return attrs;
}

/** Bytes SNS counts for the attributes: each name, data type and value. */
export function attributeBytes(attrs: Record<string, MessageAttributeValue>): number {
  let n = 0;
  for (const [name, v] of Object.entries(attrs)) {
    n +=
      Buffer.byteLength(name) + Buffer.byteLength(v.DataType ?? '') + Buffer.byteLength(v.StringValue ?? '');
  }
  return n;
}

/** The subject: ASCII, one line, under 100 characters, with the verdict and counts. */
export function snsSubject(report: Report, repository: string | undefined, redaction: Redaction): string {
  const repo = repository ? ` [${repository}]` : '';
  const s = asciiLine(redactText(`TrailSight${repo}: ${headline(report)}`, redaction));
  return s.length > LIMITS.snsSubjectChars ? `${s.slice(0, LIMITS.snsSubjectChars - 3).trimEnd()}...` : s;
}

// The topic's own region: a topic in another region than the run's must be published to there.
function topicRegion(arn: string): string | undefined {
  return /^arn:[^:]+:sns:([^:]+):/.exec(arn)?.[1];
}

/** `report-to: sns`: a plain-text message with filterable attributes, only when a finding reaches `sns-min-severity`. */
export async function publishSns(
  report: Report,
  config: Config,
  deps: PublishDeps,
  redaction: Redaction,
): Promise<DestinationResult> {
  const topic = config.reporting.snsTopicArn;
  if (!topic) throw new Error('sns needs sns-topic-arn');
  const min = config.reporting.snsMinSeverity;
  const hits = report.findings.filter((f) => severityRank(f.severity) >= severityRank(min));
  if (hits.length === 0) {
    const why = `no finding at or above sns-min-severity: ${min}`;
    deps.logger.info(`sns: ${why}; nothing sent`);
    return { name: 'sns', ok: true, skipped: why };
  }
  const repository = deps.context.repository;
  const attrs = snsAttributes(report, repository);
  const subject = snsSubject(report, repository, redaction);
  const budget = LIMITS.snsMessageBytes - attributeBytes(attrs) - Buffer.byteLength(subject);
  const message = renderText(report, { maxBytes: budget, redaction });
  try {
    const out = await (
      await deps.clients.sns(topicRegion(topic))
    ).send(
      new PublishCommand({ TopicArn: topic, Subject: subject, Message: message, MessageAttributes: attrs }),
    );
    deps.logger.info(`sns: published message ${out.MessageId ?? '?'} to ${topic}`);
    return { name: 'sns', ok: true };
  } catch (err) {
    throw new AwsError(`Could not publish to ${topic}`, err);
  }
}
