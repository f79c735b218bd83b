/** Test helpers that run the analysis stage against the AWS twin through the real SDK clients. */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { AthenaClient } from '@aws-sdk/client-athena';
import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsClients } from '../../src/aws/clients.js';
import { startTwin, type RunningTwin } from '../../twin/server.js';
import type { ModelBehaviour } from '../../twin/types.js';

const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' };

/**
 * Real SDK clients pointed at the twin. The endpoint is passed explicitly: createClientFactory's `env` option only
 * decides path-style S3, the SDK itself reads AWS_ENDPOINT_URL from process.env, not from that option.
 * maxAttempts 1 leaves retrying (throttling) to the code under test, whose backoff uses the test clock.
 * (Both are worth the same care in src/aws/clients.ts: see the report to the lead.)
 */
export function twinClients(url: string): AwsClients {
  const common = { region: 'us-east-1', credentials: CREDENTIALS, endpoint: url, maxAttempts: 1 };
  const s3 = new S3Client({ ...common, forcePathStyle: true });
  const bedrock = new BedrockClient(common);
  // The runtime client defaults to an HTTP/2 handler (for bidirectional streams); the twin, like Converse, needs only HTTP/1.1.
  const runtime = new BedrockRuntimeClient({ ...common, requestHandler: new NodeHttpHandler() });
  return {
    region: 'us-east-1',
    cloudtrail: () => Promise.resolve(new CloudTrailClient(common)),
    s3: () => Promise.resolve(s3),
    bedrock: () => Promise.resolve(bedrock),
    bedrockRuntime: () => Promise.resolve(runtime),
    sns: () => Promise.resolve(new SNSClient(common)),
    securityhub: () => Promise.resolve(new SecurityHubClient(common)),
    sts: () => Promise.resolve(new STSClient(common)),
    athena: () => Promise.resolve(new AthenaClient(common)),
    glue: () => Promise.resolve(new GlueClient(common)),
  };
}

/** Clients that fail the test if any AWS call is made. */
export function noCallClients(): AwsClients {
  const boom = (): never => {
    throw new Error('no AWS client may be used here');
  };
  return {
    region: 'us-east-1',
    cloudtrail: boom,
    s3: boom,
    bedrock: boom,
    bedrockRuntime: boom,
    sns: boom,
    securityhub: boom,
    sts: boom,
    athena: boom,
    glue: boom,
  };
}

export interface TestTwin {
  twin: RunningTwin;
  clients: AwsClients;
  control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
  jobs(): Promise<
    {
      jobArn: string;
      jobName: string;
      status: string;
      clientRequestToken: string | null;
      modelInvocationType: string;
    }[]
  >;
  model(behaviour: ModelBehaviour): Promise<void>;
  fault(f: Record<string, unknown>): Promise<void>;
  reset(): Promise<void>;
}

/** Starts a twin with fast batch steps. */
export async function startTestTwin(): Promise<TestTwin> {
  const twin = await startTwin({ port: 0, batchStepMs: 1 });
  const control = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${twin.url}${path}`, {
      method,
      ...(body !== undefined
        ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
        : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  return {
    twin,
    clients: twinClients(twin.url),
    control,
    jobs: async () => ((await control('GET', '/_twin/jobs')) as { jobs: never[] }).jobs,
    model: async (behaviour) => {
      await control('POST', '/_twin/model', { behaviour });
    },
    fault: async (f) => {
      await control('POST', '/_twin/faults', f);
    },
    reset: async () => {
      await control('POST', '/_twin/reset');
    },
  };
}
