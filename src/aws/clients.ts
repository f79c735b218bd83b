import type { AthenaClient } from '@aws-sdk/client-athena';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { GlueClient } from '@aws-sdk/client-glue';
import type { S3Client } from '@aws-sdk/client-s3';
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { USER_AGENT } from '../version.js';
import {
  loadAthena,
  loadBedrock,
  loadBedrockRuntime,
  loadCloudTrail,
  loadGlue,
  loadS3,
  loadSecurityHub,
  loadSns,
  loadSts,
} from './sdk.js';

/** Every AWS client a run uses, built in one place (region, retries, user agent, endpoint override). */
export interface AwsClients {
  region: string;
  cloudtrail(region?: string): Promise<CloudTrailClient>;
  s3(region?: string): Promise<S3Client>;
  bedrock(): Promise<BedrockClient>;
  bedrockRuntime(): Promise<BedrockRuntimeClient>;
  sns(region?: string): Promise<SNSClient>;
  securityhub(region?: string): Promise<SecurityHubClient>;
  sts(): Promise<STSClient>;
  /** `source: athena`: Athena and the Glue Data Catalog, in `aws-region`. */
  athena(): Promise<AthenaClient>;
  glue(): Promise<GlueClient>;
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
  // Promises, so that two callers asking at once while the package loads share one client.
  const cache = new Map<string, Promise<unknown>>();
  function cached<T>(key: string, make: () => Promise<T>): Promise<T> {
    let c = cache.get(key) as Promise<T> | undefined;
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
        async () =>
          new (await loadCloudTrail()).CloudTrailClient({
            ...common,
            region,
            requestHandler: handler(HTTP_TIMEOUTS.requestMs),
          }),
      ),
    s3: (region = opts.region) =>
      cached(
        `s3:${region}`,
        async () =>
          new (await loadS3()).S3Client({
            ...common,
            region,
            forcePathStyle: s3PathStyle,
            requestHandler: handler(HTTP_TIMEOUTS.requestMs),
          }),
      ),
    bedrock: () =>
      cached(
        'bedrock',
        async () =>
          new (await loadBedrock()).BedrockClient({
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
        async () =>
          new (await loadBedrockRuntime()).BedrockRuntimeClient({
            ...common,
            region: opts.region,
            requestHandler: handler(HTTP_TIMEOUTS.modelRequestMs),
          }),
      ),
    sns: (region = opts.region) =>
      cached(
        `sns:${region}`,
        async () =>
          new (await loadSns()).SNSClient({
            ...common,
            region,
            requestHandler: handler(HTTP_TIMEOUTS.requestMs),
          }),
      ),
    securityhub: (region = opts.region) =>
      cached(
        `securityhub:${region}`,
        async () =>
          new (await loadSecurityHub()).SecurityHubClient({
            ...common,
            region,
            requestHandler: handler(HTTP_TIMEOUTS.requestMs),
          }),
      ),
    sts: () =>
      cached(
        'sts',
        async () =>
          new (await loadSts()).STSClient({
            ...common,
            region: opts.region,
            requestHandler: handler(HTTP_TIMEOUTS.requestMs),
          }),
      ),
    athena: () =>
      cached(
        'athena',
        async () =>
          new (await loadAthena()).AthenaClient({
            ...common,
            region: opts.region,
            requestHandler: handler(HTTP_TIMEOUTS.requestMs),
          }),
      ),
    glue: () =>
      cached(
        'glue',
        async () =>
          new (await loadGlue()).GlueClient({
            ...common,
            region: opts.region,
            requestHandler: handler(HTTP_TIMEOUTS.requestMs),
          }),
      ),
  };
}
