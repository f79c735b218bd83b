import type { AthenaClient } from '@aws-sdk/client-athena';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { GlueClient } from '@aws-sdk/client-glue';
import type { S3Client } from '@aws-sdk/client-s3';
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { USER_AGENT } from '../version.js';

/**
 * Every AWS client a run uses, built in one place (region, retries, user agent, endpoint override). Each is built,
 * and its SDK package loaded, the first time the run asks for it: the packages are most of the bundle, and a run
 * that reads local files with the rules alone loads none of them (`trailsight --version` peaked at 123 MB of RSS
 * with all nine loaded at start-up, against about 55 MB without; see scripts/bundle.mjs for the chunks).
 */
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
  const common = {
    customUserAgent: USER_AGENT,
    maxAttempts: opts.maxAttempts ?? 4,
    retryMode: 'standard',
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
  };
  /** What every client is built with: the common settings, its region, and an HTTP handler with timeouts. */
  const config = async (region: string, requestTimeout: number = HTTP_TIMEOUTS.requestMs) => {
    const { NodeHttpHandler } = await import('@smithy/node-http-handler');
    const requestHandler = new NodeHttpHandler({
      connectionTimeout: HTTP_TIMEOUTS.connectionMs,
      requestTimeout,
    });
    return { ...common, region, requestHandler };
  };
  const s3PathStyle = Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
  // The promise is what is kept, so that two callers asking at once share one client.
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
      cached(`cloudtrail:${region}`, async () => {
        const { CloudTrailClient } = await import('@aws-sdk/client-cloudtrail');
        return new CloudTrailClient(await config(region));
      }),
    s3: (region = opts.region) =>
      cached(`s3:${region}`, async () => {
        const { S3Client } = await import('@aws-sdk/client-s3');
        return new S3Client({ ...(await config(region)), forcePathStyle: s3PathStyle });
      }),
    bedrock: () =>
      cached('bedrock', async () => {
        const { BedrockClient } = await import('@aws-sdk/client-bedrock');
        return new BedrockClient(await config(opts.region));
      }),
    // The runtime client defaults to HTTP/2 for bidirectional streaming, which TrailSight never uses; HTTP/1.1
    // is what Converse and InvokeModel need, and avoids HTTP/2 session stalls on long runs.
    bedrockRuntime: () =>
      cached('bedrock-runtime', async () => {
        const { BedrockRuntimeClient } = await import('@aws-sdk/client-bedrock-runtime');
        return new BedrockRuntimeClient(await config(opts.region, HTTP_TIMEOUTS.modelRequestMs));
      }),
    sns: (region = opts.region) =>
      cached(`sns:${region}`, async () => {
        const { SNSClient } = await import('@aws-sdk/client-sns');
        return new SNSClient(await config(region));
      }),
    securityhub: (region = opts.region) =>
      cached(`securityhub:${region}`, async () => {
        const { SecurityHubClient } = await import('@aws-sdk/client-securityhub');
        return new SecurityHubClient(await config(region));
      }),
    sts: () =>
      cached('sts', async () => {
        const { STSClient } = await import('@aws-sdk/client-sts');
        return new STSClient(await config(opts.region));
      }),
    athena: () =>
      cached('athena', async () => {
        const { AthenaClient } = await import('@aws-sdk/client-athena');
        return new AthenaClient(await config(opts.region));
      }),
    glue: () =>
      cached('glue', async () => {
        const { GlueClient } = await import('@aws-sdk/client-glue');
        return new GlueClient(await config(opts.region));
      }),
  };
}
