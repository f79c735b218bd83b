import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { USER_AGENT } from '../version.js';

/** Every AWS client a run uses, built in one place (region, retries, user agent, endpoint override). */
export interface AwsClients {
  region: string;
  cloudtrail(region?: string): CloudTrailClient;
  s3(region?: string): S3Client;
  bedrock(): BedrockClient;
  bedrockRuntime(): BedrockRuntimeClient;
  sns(region?: string): SNSClient;
  securityhub(region?: string): SecurityHubClient;
  sts(): STSClient;
  /** `source: athena`: Athena and the Glue Data Catalog, in `aws-region`. */
  athena(): AthenaClient;
  glue(): GlueClient;
}

/** Per-request timeouts: without them a connection that never answers would hang the run. */
export const HTTP_TIMEOUTS = {
  connectionMs: 10_000,
  requestMs: 60_000,
  // A Converse call can legitimately spend minutes writing a long answer.
  modelRequestMs: 300_000,
} as const;

export interface ClientFactoryOptions {
  region: string;
  /** Omit for the SDK's default chain (env, shared files, web identity, ECS/EC2 metadata). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  profile?: string;
  maxAttempts?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Builds (and caches per region) the SDK clients. The SDK itself reads `AWS_ENDPOINT_URL` and
 * `AWS_ENDPOINT_URL_<SERVICE>`; S3 is switched to path-style whenever an endpoint is overridden, because
 * a local endpoint has no per-bucket host names.
 */
export function createClientFactory(opts: ClientFactoryOptions): AwsClients {
  const env = opts.env ?? process.env;
  const handler = (requestTimeout: number): NodeHttpHandler =>
    new NodeHttpHandler({ connectionTimeout: HTTP_TIMEOUTS.connectionMs, requestTimeout });
  const common = {
    customUserAgent: USER_AGENT,
    maxAttempts: opts.maxAttempts ?? 4,
    retryMode: 'standard',
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
  };
  const s3PathStyle = Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
  const cache = new Map<string, unknown>();
  function cached<T>(key: string, make: () => T): T {
    let c = cache.get(key) as T | undefined;
    if (!c) {
      c = make();
      cache.set(key, c);
    }
    return c;
  }
  return {
    region: opts.region,
    cloudtrail: (region = opts.region) =>
      cached(
        `cloudtrail:${region}`,
        () => new CloudTrailClient({ ...common, region, requestHandler: handler(HTTP_TIMEOUTS.requestMs) }),
      ),
    s3: (region = opts.region) =>
      cached(
        `s3:${region}`,
        () =>
          new S3Client({
            ...common,
            region,
            forcePathStyle: s3PathStyle,
            requestHandler: handler(HTTP_TIMEOUTS.requestMs),
          }),
      ),
    bedrock: () =>
      cached(
        'bedrock',
        () =>
          new BedrockClient({
            ...common,
            region: opts.region,
            requestHandler: handler(HTTP_TIMEOUTS.requestMs),
          }),
      ),
    // The runtime client defaults to HTTP/2 for bidirectional streaming, which TrailSight never uses; HTTP/1.1
    // is what Converse and InvokeModel need, and avoids HTTP/2 session stalls on long runs.
    bedrockRuntime: () =>
      cached(
        'bedrock-runtime',
        () =>
          new BedrockRuntimeClient({
            ...common,
            region: opts.region,
            requestHandler: handler(HTTP_TIMEOUTS.modelRequestMs),
          }),
      ),
    sns: (region = opts.region) =>
      cached(
        `sns:${region}`,
        () => new SNSClient({ ...common, region, requestHandler: handler(HTTP_TIMEOUTS.requestMs) }),
      ),
    securityhub: (region = opts.region) =>
      cached(
        `securityhub:${region}`,
        () => new SecurityHubClient({ ...common, region, requestHandler: handler(HTTP_TIMEOUTS.requestMs) }),
      ),
    sts: () =>
      cached(
        'sts',
        () =>
          new STSClient({ ...common, region: opts.region, requestHandler: handler(HTTP_TIMEOUTS.requestMs) }),
      ),
    athena: () =>
      cached(
        'athena',
        () =>
          new AthenaClient({
            ...common,
            region: opts.region,
            requestHandler: handler(HTTP_TIMEOUTS.requestMs),
          }),
      ),
    glue: () =>
      cached(
        'glue',
        () =>
          new GlueClient({
            ...common,
            region: opts.region,
            requestHandler: handler(HTTP_TIMEOUTS.requestMs),
          }),
      ),
  };
}
