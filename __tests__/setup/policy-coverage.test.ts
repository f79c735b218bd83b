/**
 * The setup kit grants exactly what the code needs: every AWS SDK command src/ sends is mapped to its IAM
 * action(s), and docs/setup/permissions.json, the CloudFormation template and the Terraform must grant that set,
 * no more and none missing. Also checks the trust policies, the bucket, and the example workflows' inputs.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isScalar, isSeq, parse as parseYaml, parseDocument } from 'yaml';
import { CLOUDTRAIL_COLUMNS, hiveTypeName } from '../../twin/services/athena-table.js';

const ROOT = process.cwd();
const read = (p: string): string => readFileSync(join(ROOT, p), 'utf8');

// ---------------------------------------------------------------------------------------------------------------
// (a) The AWS SDK commands src/ sends, and the IAM actions they need
// ---------------------------------------------------------------------------------------------------------------

interface IamMapping {
  /** Actions the call is authorised as. Empty only for calls authorised by something other than an identity policy. */
  actions: string[];
  /** Actions the call may also need depending on how the resource is configured (e.g. a KMS-encrypted object). */
  mayNeed?: string[];
}

/**
 * `<package>/<Command>` -> IAM actions, from the Service Authorization Reference. Add a row when the code starts
 * sending a new command; then add the action to docs/setup/permissions.json and both templates.
 */
const IAM_ACTIONS: Record<string, IamMapping> = {
  // CloudTrail
  'client-cloudtrail/LookupEventsCommand': { actions: ['cloudtrail:LookupEvents'] },
  'client-cloudtrail/StartQueryCommand': { actions: ['cloudtrail:StartQuery'] },
  'client-cloudtrail/DescribeQueryCommand': { actions: ['cloudtrail:DescribeQuery'] },
  'client-cloudtrail/GetQueryResultsCommand': { actions: ['cloudtrail:GetQueryResults'] },
  'client-cloudtrail/CancelQueryCommand': { actions: ['cloudtrail:CancelQuery'] },
  'client-cloudtrail/ListQueriesCommand': { actions: ['cloudtrail:ListQueries'] },
  'client-cloudtrail/GetEventDataStoreCommand': { actions: ['cloudtrail:GetEventDataStore'] },
  'client-cloudtrail/ListEventDataStoresCommand': { actions: ['cloudtrail:ListEventDataStores'] },
  'client-cloudtrail/DescribeTrailsCommand': { actions: ['cloudtrail:DescribeTrails'] },
  'client-cloudtrail/GetTrailCommand': { actions: ['cloudtrail:GetTrail'] },
  'client-cloudtrail/ListTrailsCommand': { actions: ['cloudtrail:ListTrails'] },
  // S3 (object reads of SSE-KMS objects also need kms:Decrypt on the key; writes, kms:GenerateDataKey)
  'client-s3/GetObjectCommand': { actions: ['s3:GetObject'], mayNeed: ['kms:Decrypt'] },
  'client-s3/HeadObjectCommand': { actions: ['s3:GetObject'] },
  'client-s3/ListObjectsV2Command': { actions: ['s3:ListBucket'] },
  'client-s3/ListObjectsCommand': { actions: ['s3:ListBucket'] },
  'client-s3/HeadBucketCommand': { actions: ['s3:ListBucket'] },
  'client-s3/GetBucketLocationCommand': { actions: ['s3:GetBucketLocation'] },
  'client-s3/PutObjectCommand': { actions: ['s3:PutObject'], mayNeed: ['kms:GenerateDataKey'] },
  'client-s3/CopyObjectCommand': { actions: ['s3:GetObject', 's3:PutObject'] },
  'client-s3/CreateMultipartUploadCommand': { actions: ['s3:PutObject'], mayNeed: ['kms:GenerateDataKey'] },
  'client-s3/UploadPartCommand': { actions: ['s3:PutObject'] },
  'client-s3/CompleteMultipartUploadCommand': { actions: ['s3:PutObject'] },
  'client-s3/AbortMultipartUploadCommand': { actions: ['s3:AbortMultipartUpload'] },
  'client-s3/DeleteObjectCommand': { actions: ['s3:DeleteObject'] },
  'client-s3/DeleteObjectsCommand': { actions: ['s3:DeleteObject'] },
  'lib-storage/Upload': {
    actions: ['s3:PutObject'],
    mayNeed: ['s3:AbortMultipartUpload', 'kms:GenerateDataKey'],
  },
  // Athena: a query reads the Glue table and the archive, and writes its results, with the caller's permissions
  'client-athena/StartQueryExecutionCommand': {
    actions: ['athena:StartQueryExecution'],
    mayNeed: [
      'glue:GetDatabase',
      'glue:GetTable',
      's3:GetBucketLocation',
      's3:ListBucket',
      's3:ListBucketMultipartUploads',
      's3:GetObject',
      's3:PutObject',
      's3:AbortMultipartUpload',
      's3:ListMultipartUploadParts',
      'kms:Decrypt',
    ],
  },
  'client-athena/GetQueryExecutionCommand': { actions: ['athena:GetQueryExecution'] },
  'client-athena/BatchGetQueryExecutionCommand': { actions: ['athena:BatchGetQueryExecution'] },
  'client-athena/GetQueryResultsCommand': { actions: ['athena:GetQueryResults'], mayNeed: ['s3:GetObject'] },
  'client-athena/StopQueryExecutionCommand': { actions: ['athena:StopQueryExecution'] },
  'client-athena/GetWorkGroupCommand': { actions: ['athena:GetWorkGroup'] },
  'client-athena/ListQueryExecutionsCommand': { actions: ['athena:ListQueryExecutions'] },
  'client-glue/GetTableCommand': { actions: ['glue:GetTable'] },
  'client-glue/GetDatabaseCommand': { actions: ['glue:GetDatabase'] },
  'client-glue/GetPartitionsCommand': { actions: ['glue:GetPartitions'] },
  // Bedrock runtime: Converse is authorised as InvokeModel, ConverseStream as InvokeModelWithResponseStream
  'client-bedrock-runtime/ConverseCommand': { actions: ['bedrock:InvokeModel'] },
  'client-bedrock-runtime/InvokeModelCommand': { actions: ['bedrock:InvokeModel'] },
  'client-bedrock-runtime/ConverseStreamCommand': { actions: ['bedrock:InvokeModelWithResponseStream'] },
  'client-bedrock-runtime/InvokeModelWithResponseStreamCommand': {
    actions: ['bedrock:InvokeModelWithResponseStream'],
  },
  'client-bedrock-runtime/CountTokensCommand': { actions: ['bedrock:CountTokens'] },
  'client-bedrock-runtime/ApplyGuardrailCommand': { actions: ['bedrock:ApplyGuardrail'] },
  // Bedrock control plane: a batch job hands its service role to Bedrock, which needs iam:PassRole
  'client-bedrock/CreateModelInvocationJobCommand': {
    actions: ['bedrock:CreateModelInvocationJob', 'iam:PassRole'],
  },
  'client-bedrock/GetModelInvocationJobCommand': { actions: ['bedrock:GetModelInvocationJob'] },
  'client-bedrock/ListModelInvocationJobsCommand': { actions: ['bedrock:ListModelInvocationJobs'] },
  'client-bedrock/StopModelInvocationJobCommand': { actions: ['bedrock:StopModelInvocationJob'] },
  'client-bedrock/GetInferenceProfileCommand': { actions: ['bedrock:GetInferenceProfile'] },
  'client-bedrock/ListInferenceProfilesCommand': { actions: ['bedrock:ListInferenceProfiles'] },
  'client-bedrock/GetFoundationModelCommand': { actions: ['bedrock:GetFoundationModel'] },
  'client-bedrock/ListFoundationModelsCommand': { actions: ['bedrock:ListFoundationModels'] },
  // SNS
  'client-sns/PublishCommand': { actions: ['sns:Publish'] },
  'client-sns/PublishBatchCommand': { actions: ['sns:Publish'] },
  'client-sns/GetTopicAttributesCommand': { actions: ['sns:GetTopicAttributes'] },
  // Security Hub
  'client-securityhub/BatchImportFindingsCommand': { actions: ['securityhub:BatchImportFindings'] },
  'client-securityhub/BatchUpdateFindingsCommand': { actions: ['securityhub:BatchUpdateFindings'] },
  'client-securityhub/GetFindingsCommand': { actions: ['securityhub:GetFindings'] },
  // STS: AssumeRoleWithWebIdentity is authorised by the role's trust policy, not by an identity policy
  'client-sts/GetCallerIdentityCommand': { actions: ['sts:GetCallerIdentity'] },
  'client-sts/AssumeRoleWithWebIdentityCommand': { actions: [] },
  'client-sts/AssumeRoleCommand': { actions: ['sts:AssumeRole'] },
};

interface CommandUse {
  file: string;
  line: number;
  /** `<package>/<Command>`, the key of IAM_ACTIONS. */
  key: string;
  via: 'new' | 'paginator';
}

/** Whether a `/` after this code starts a regex literal rather than a division. */
function startsRegex(before: string): boolean {
  const t = before.trimEnd();
  return (
    t === '' || /[(,=:[!&|?{};+\-*%<>~^]$/.test(t) || /\b(return|typeof|case|in|of|void|yield|await)$/.test(t)
  );
}

/**
 * Blanks out comments (keeping newlines and offsets) so commented-out calls are not counted; with `strings`, also
 * the contents of string literals (template literals keep their `${…}` expressions).
 */
function stripComments(src: string, strings = false): string {
  let out = '';
  let i = 0;
  const blank = (ch: string | undefined): string => (ch === '\n' ? '\n' : ' ');
  while (i < src.length) {
    const c = src[i] ?? '';
    const next = src[i + 1] ?? '';
    if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      for (; i < stop; i++) out += blank(src[i]);
    } else if (c === '/' && startsRegex(out)) {
      // A regex literal: copy it whole so a quote inside it does not open a string.
      let inClass = false;
      do {
        if (src[i] === '\\') {
          out += src.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (src[i] === '[') inClass = true;
        if (src[i] === ']') inClass = false;
        out += src[i];
        i++;
      } while (i < src.length && src[i] !== '\n' && (src[i] !== '/' || inClass));
      if (src[i] === '/') {
        out += '/';
        i++;
      }
    } else if (c === "'" || c === '"' || c === '`') {
      out += c;
      i++;
      while (i < src.length && src[i] !== c) {
        if (c === '`' && src[i] === '$' && src[i + 1] === '{') {
          // Keep the expression: calls can hide there.
          out += '$';
          i++;
          let depth = 0;
          do {
            if (src[i] === '{') depth++;
            if (src[i] === '}') depth--;
            out += src[i];
            i++;
          } while (i < src.length && depth > 0);
          continue;
        }
        const len = src[i] === '\\' ? 2 : 1;
        for (let k = 0; k < len && i < src.length; k++, i++) out += strings ? blank(src[i]) : src[i];
      }
      if (i < src.length) out += src[i];
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const SDK_PACKAGE = /^@aws-sdk\/(client-[a-z0-9-]+|lib-storage)$/;

/** Finds every AWS SDK command a TypeScript source sends, and anything it cannot map (as problems). */
function scanSource(file: string, text: string): { uses: CommandUse[]; problems: string[] } {
  const src = stripComments(text); // import specifiers are strings: keep them
  const code = stripComments(text, true);
  const lineAt = (idx: number): number => src.slice(0, idx).split('\n').length;
  const uses: CommandUse[] = [];
  const problems: string[] = [];
  const named = new Map<string, { pkg: string; name: string }>(); // local binding -> original export
  const namespaces = new Map<string, string>(); // `import * as ns` -> package

  for (const m of src.matchAll(/\bimport\s+(type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/g)) {
    const pkgMatch = SDK_PACKAGE.exec(m[3] ?? '');
    if (!pkgMatch || m[1]) continue;
    const pkg = pkgMatch[1] ?? '';
    const clause = m[2] ?? '';
    const ns = /\*\s+as\s+(\w+)/.exec(clause);
    if (ns?.[1]) namespaces.set(ns[1], pkg);
    const braces = /\{([\s\S]*)\}/.exec(clause);
    for (const part of (braces?.[1] ?? '').split(',')) {
      const t = part.trim();
      if (!t || t.startsWith('type ')) continue;
      const [orig, local] = t.split(/\s+as\s+/);
      if (orig) named.set((local ?? orig).trim(), { pkg, name: orig.trim() });
    }
  }
  // src/ loads the SDK's packages when a run needs them: `const { XCommand } = await import('@aws-sdk/client-x')`
  // binds names just as a static import does. Any other form of dynamic import hides what it uses.
  const destructured = /\bconst\s*\{([^{}]*)\}\s*=\s*await\s+import\s*\(\s*['"](@aws-sdk\/[^'"]+)['"]\s*\)/g;
  const seen = new Set<number>();
  for (const m of src.matchAll(destructured)) {
    const pkg = SDK_PACKAGE.exec(m[2] ?? '')?.[1];
    if (!pkg) continue;
    seen.add(m.index + m[0].indexOf('import'));
    for (const part of (m[1] ?? '').split(',')) {
      const [orig, local] = part.split(':').map((x) => x.trim());
      if (orig) named.set(local || orig, { pkg, name: orig });
    }
  }
  for (const m of src.matchAll(/\bimport\s*\(\s*['"](@aws-sdk\/[^'"]+)['"]/g)) {
    if (seen.has(m.index)) continue;
    problems.push(
      `${file}:${lineAt(m.index)}: dynamic import of ${m[1]}; import it statically or as \`const { …Command } = await import(…)\` so this test can see its commands`,
    );
  }

  for (const m of code.matchAll(/\bnew\s+(\w+)(?:\.(\w+))?\s*\(/g)) {
    const where = `${file}:${lineAt(m.index)}`;
    let pkg: string | undefined;
    let name: string;
    if (m[2]) {
      pkg = namespaces.get(m[1] ?? '');
      name = m[2];
      if (!pkg) continue;
    } else {
      const b = named.get(m[1] ?? '');
      name = b?.name ?? m[1] ?? '';
      pkg = b?.pkg;
    }
    if (!pkg) {
      if (name.endsWith('Command')) {
        problems.push(
          `${where}: new ${name}(…) is not imported from an @aws-sdk client package (a re-export?); import it from the client so this test can map it`,
        );
      }
      continue;
    }
    if (name.endsWith('Client') || name.endsWith('Exception')) continue;
    if (name.endsWith('Command') || pkg === 'lib-storage') {
      uses.push({ file, line: lineAt(m.index), key: `${pkg}/${name}`, via: 'new' });
    } else {
      problems.push(
        `${where}: new ${name}(…) from @aws-sdk/${pkg} is not a Command (an aggregated client hides which operations it calls); send Commands instead`,
      );
    }
  }

  for (const m of code.matchAll(/\b(\w+)\s*\(/g)) {
    const b = named.get(m[1] ?? '');
    if (!b) continue;
    const where = `${file}:${lineAt(m.index)}`;
    if (b.name.startsWith('paginate')) {
      uses.push({
        file,
        line: lineAt(m.index),
        key: `${b.pkg}/${b.name.slice('paginate'.length)}Command`,
        via: 'paginator',
      });
    } else if (b.name.startsWith('waitUntil') || b.name.startsWith('waitFor')) {
      problems.push(
        `${where}: waiter ${b.name} from @aws-sdk/${b.pkg}; add the operations it polls to this test's table by hand`,
      );
    }
  }
  return { uses, problems };
}

function listTs(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts'))
    .map((d) => relative(ROOT, join(d.parentPath, d.name)));
}

interface CodeNeeds {
  uses: CommandUse[];
  problems: string[];
  unknown: CommandUse[];
  /** Action -> where the code calls it. */
  required: Map<string, string[]>;
  /** Actions a call may also need, depending on how the resource is configured. */
  mayNeed: Set<string>;
}

/**
 * The commands the Athena source (src/sources/athena/, written on its own branch) sends: the kit grants them ahead of
 * that code. While src/ sends no Athena or Glue command they count as sent; once it sends any, the test below requires
 * src/ to send exactly these (so neither side drifts). glue:GetDatabase is granted though the source does not call
 * GetDatabase: Athena calls it with the caller's permissions when it plans a query (StartQueryExecution's mayNeed).
 */
const ATHENA_SOURCE_COMMANDS = [
  'client-athena/StartQueryExecutionCommand',
  'client-athena/GetQueryExecutionCommand',
  'client-athena/GetQueryResultsCommand',
  'client-athena/StopQueryExecutionCommand',
  'client-athena/GetWorkGroupCommand',
  'client-glue/GetTableCommand',
];
const isAthenaOrGlue = (key: string): boolean => /^client-(athena|glue)\//.test(key);

function codeNeeds(): CodeNeeds {
  const uses: CommandUse[] = [];
  const problems: string[] = [];
  for (const file of listTs('src')) {
    const r = scanSource(file, read(file));
    uses.push(...r.uses);
    problems.push(...r.problems);
  }
  if (!uses.some((u) => isAthenaOrGlue(u.key))) {
    for (const key of ATHENA_SOURCE_COMMANDS)
      uses.push({
        file: 'ATHENA-CONTRACT.md (src/sources/athena/ not merged yet)',
        line: 0,
        key,
        via: 'new',
      });
  }
  const unknown = uses.filter((u) => !IAM_ACTIONS[u.key]);
  const required = new Map<string, string[]>();
  const mayNeed = new Set<string>();
  for (const u of uses) {
    const m = IAM_ACTIONS[u.key];
    if (!m) continue;
    for (const a of m.actions)
      required.set(a, [...(required.get(a) ?? []), `${u.key.split('/')[1]} at ${u.file}:${u.line}`]);
    for (const a of m.mayNeed ?? []) mayNeed.add(a);
  }
  return { uses, problems, unknown, required, mayNeed };
}

// ---------------------------------------------------------------------------------------------------------------
// permissions.json
// ---------------------------------------------------------------------------------------------------------------

interface Feature {
  description: string;
  input: string;
  cloudformation: Record<string, string>;
  terraform: Record<string, string | boolean>;
  comesWith?: string[];
  statements: Record<string, string[]>;
  why: Record<string, string>;
}
interface Permissions {
  workflowRole: { features: Record<string, Feature> };
  batchServiceRole: { statements: Record<string, string[]>; why: Record<string, string> };
}

const PERMISSIONS = JSON.parse(read('docs/setup/permissions.json')) as Permissions;
const FEATURES = PERMISSIONS.workflowRole.features;
const FEATURE_NAMES = [
  'source-lookup',
  'source-s3',
  'source-lake',
  'source-athena',
  'analysis-direct',
  'analysis-batch',
  'summary',
  'publish-sns',
  'publish-securityhub',
  'state',
  'allowed-account-ids',
];

/** Sid -> actions over every feature (Sids are unique across features). */
function workflowStatements(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of Object.values(FEATURES))
    for (const [sid, acts] of Object.entries(f.statements)) out.set(sid, acts);
  return out;
}
const grantedByPermissions = (): Set<string> => new Set([...workflowStatements().values()].flat());
const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
const sidsOf = (...features: string[]): string[] =>
  sorted(features.flatMap((f) => Object.keys(FEATURES[f]?.statements ?? {})));

// ---------------------------------------------------------------------------------------------------------------
// (b) CloudFormation: YAML with intrinsic-function tags, and a small evaluator for conditions and Subs
// ---------------------------------------------------------------------------------------------------------------

const INTRINSIC_TAGS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  GetAtt: 'Fn::GetAtt',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Transform: 'Fn::Transform',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
  // Rules-only functions
  Contains: 'Fn::Contains',
  EachMemberEquals: 'Fn::EachMemberEquals',
  EachMemberIn: 'Fn::EachMemberIn',
  RefAll: 'Fn::RefAll',
  ValueOf: 'Fn::ValueOf',
  ValueOfAll: 'Fn::ValueOfAll',
};

/** Parses a CloudFormation YAML template into the JSON form (`!Ref X` -> `{ Ref: 'X' }`, `!GetAtt A.B` -> array). */
function parseCfnYaml(text: string): Record<string, unknown> {
  const customTags = Object.keys(INTRINSIC_TAGS).flatMap((n) => [
    { tag: `!${n}`, resolve: (v: string) => v },
    { tag: `!${n}`, collection: 'seq' as const, resolve: (v: unknown) => v },
    { tag: `!${n}`, collection: 'map' as const, resolve: (v: unknown) => v },
  ]);
  const doc = parseDocument(text, { customTags });
  if (doc.errors.length)
    throw new Error(`template does not parse: ${doc.errors.map((e) => e.message).join('; ')}`);
  if (doc.warnings.length) throw new Error(`template: ${doc.warnings.map((e) => e.message).join('; ')}`);
  const convert = (node: unknown): unknown => {
    let value: unknown;
    let tag: string | undefined;
    if (isMap(node)) {
      tag = node.tag;
      const o: Record<string, unknown> = {};
      for (const p of node.items) o[String(isScalar(p.key) ? p.key.value : p.key)] = convert(p.value);
      value = o;
    } else if (isSeq(node)) {
      tag = node.tag;
      value = node.items.map(convert);
    } else if (isScalar(node)) {
      tag = node.tag;
      value = node.value;
    } else if (node === null || node === undefined) {
      return null;
    } else {
      throw new Error(`unsupported YAML node ${String(node)}`);
    }
    if (!tag || !tag.startsWith('!')) return value;
    const fn = INTRINSIC_TAGS[tag.slice(1)];
    if (!fn) throw new Error(`unknown tag ${tag}`);
    if (fn === 'Fn::GetAtt' && typeof value === 'string') {
      const dot = value.indexOf('.');
      return { [fn]: [value.slice(0, dot), value.slice(dot + 1)] };
    }
    return { [fn]: value };
  };
  return convert(doc.contents) as Record<string, unknown>;
}

const NO_VALUE = Symbol('AWS::NoValue');
type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

interface Template {
  Parameters: Record<
    string,
    { Type: string; Default?: unknown; AllowedValues?: unknown[]; AllowedPattern?: string }
  >;
  Conditions: Record<string, unknown>;
  Resources: Record<string, { Type: string; Condition?: string; Properties?: Obj; [k: string]: unknown }>;
  Outputs: Record<string, { Condition?: string; Description?: string; Value: unknown }>;
  Rules?: Obj;
}

/** Realistic stand-ins for what CloudFormation resolves at deploy time (long, to size the policy honestly). */
const RESOURCE_VALUES: Record<string, { ref: string; attrs: Record<string, string> }> = {
  GitHubOidcProvider: {
    ref: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
    attrs: { Arn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
  },
  WorkflowRole: {
    ref: 'trailsight-WorkflowRole-AbCdEfGhIjKl',
    attrs: { Arn: 'arn:aws:iam::123456789012:role/trailsight-WorkflowRole-AbCdEfGhIjKl' },
  },
  BatchServiceRole: {
    ref: 'trailsight-BatchServiceRole-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWx',
    attrs: {
      Arn: 'arn:aws:iam::123456789012:role/trailsight-BatchServiceRole-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWx',
    },
  },
  DataBucket: {
    ref: 'trailsight-databucket-abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopq',
    attrs: {
      Arn: 'arn:aws:s3:::trailsight-databucket-abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopq',
    },
  },
  AthenaResultsBucket: {
    ref: 'trailsight-athenaresultsbucket-abcdefghijklmnopqrstuvwxyz0123456789abcdefghi',
    attrs: {
      Arn: 'arn:aws:s3:::trailsight-athenaresultsbucket-abcdefghijklmnopqrstuvwxyz0123456789abcdefghi',
    },
  },
  AthenaDatabase: { ref: 'trailsight', attrs: {} },
  AlertsTopic: {
    ref: 'arn:aws:sns:us-east-1:123456789012:trailsight-AlertsTopic-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
    attrs: { TopicName: 'trailsight-AlertsTopic-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789' },
  },
};
const PSEUDO: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'trailsight',
};

class Evaluator {
  private readonly params: Record<string, string | string[]> = {};
  private readonly conditionCache = new Map<string, boolean>();

  constructor(
    readonly template: Template,
    given: Record<string, string>,
  ) {
    for (const [name, p] of Object.entries(template.Parameters)) {
      const raw = given[name] ?? (p.Default === undefined ? undefined : String(p.Default));
      if (raw === undefined) throw new Error(`parameter ${name} has no default and no value`);
      if (p.AllowedValues && !p.AllowedValues.map(String).includes(raw))
        throw new Error(`${name}=${raw} is not allowed`);
      if (p.AllowedPattern && p.Type !== 'CommaDelimitedList' && !new RegExp(p.AllowedPattern).test(raw)) {
        throw new Error(`${name}=${raw} does not match AllowedPattern ${p.AllowedPattern}`);
      }
      this.params[name] = p.Type === 'CommaDelimitedList' ? raw.split(',').map((s) => s.trim()) : raw;
    }
    for (const name of Object.keys(given))
      if (!(name in template.Parameters)) throw new Error(`no parameter ${name}`);
  }

  condition(name: string): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    if (!(name in this.template.Conditions)) throw new Error(`no condition ${name}`);
    const v = this.eval(this.template.Conditions[name]);
    if (typeof v !== 'boolean') throw new Error(`condition ${name} is not a boolean`);
    this.conditionCache.set(name, v);
    return v;
  }

  resourceExists(name: string): boolean {
    const r = this.template.Resources[name];
    return Boolean(r) && (!r?.Condition || this.condition(r.Condition));
  }

  private ref(name: string): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name in this.params) return this.params[name];
    if (name in PSEUDO) return PSEUDO[name];
    const r = RESOURCE_VALUES[name];
    if (!r || !this.template.Resources[name]) throw new Error(`Ref to unknown ${name}`);
    if (!this.resourceExists(name)) throw new Error(`Ref to ${name}, which these parameters do not create`);
    return r.ref;
  }

  private getAtt(name: string, attr: string): string {
    const v = RESOURCE_VALUES[name]?.attrs[attr];
    if (v === undefined || !this.template.Resources[name]) throw new Error(`GetAtt ${name}.${attr} unknown`);
    if (!this.resourceExists(name))
      throw new Error(`GetAtt ${name}.${attr}, which these parameters do not create`);
    return v;
  }

  private sub(template: string, vars: Obj): string {
    return template.replace(/\$\{(!?)([^}]+)\}/g, (_all, bang: string, expr: string) => {
      if (bang) return `\${${expr}}`;
      if (expr in vars) return String(vars[expr]);
      const dot = expr.indexOf('.');
      if (dot > 0 && !expr.startsWith('AWS::')) return this.getAtt(expr.slice(0, dot), expr.slice(dot + 1));
      const v = this.ref(expr);
      if (typeof v !== 'string') throw new Error(`\${${expr}} is not a string in Fn::Sub`);
      return v;
    });
  }

  eval(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((n) => this.eval(n)).filter((v) => v !== NO_VALUE);
    if (!node || typeof node !== 'object') return node;
    const o = node as Obj;
    const keys = Object.keys(o);
    const [k] = keys;
    if (
      keys.length === 1 &&
      k !== undefined &&
      (k === 'Ref' || k.startsWith('Fn::') || (k === 'Condition' && typeof o[k] === 'string'))
    ) {
      const arg = o[k];
      const args = Array.isArray(arg) ? arg : [];
      switch (k) {
        case 'Ref':
          return this.ref(String(arg));
        case 'Condition':
          return this.condition(String(arg));
        case 'Fn::GetAtt':
          return this.getAtt(String(args[0]), String(args[1]));
        case 'Fn::Sub':
          return typeof arg === 'string'
            ? this.sub(arg, {})
            : this.sub(String(args[0]), asObj(this.eval(args[1])));
        case 'Fn::If': {
          const chosen = this.condition(String(args[0])) ? args[1] : args[2];
          return this.eval(chosen);
        }
        case 'Fn::Equals': {
          const [a, b] = args.map((x) => JSON.stringify(this.eval(x)));
          return a === b;
        }
        case 'Fn::Not':
          return !this.eval(args[0]);
        case 'Fn::And':
          return args.every((x) => this.eval(x) === true);
        case 'Fn::Or':
          return args.some((x) => this.eval(x) === true);
        case 'Fn::Join': {
          const list = this.eval(args[1]);
          return (Array.isArray(list) ? list : []).map(String).join(String(args[0]));
        }
        case 'Fn::Select': {
          const list = this.eval(args[1]);
          return Array.isArray(list) ? list[Number(this.eval(args[0]))] : undefined;
        }
        case 'Fn::Split':
          return String(this.eval(args[1])).split(String(args[0]));
        default:
          throw new Error(`the test's evaluator does not support ${k}`);
      }
    }
    const out: Obj = {};
    for (const [key, v] of Object.entries(o)) {
      const e = this.eval(v);
      if (e !== NO_VALUE) out[key] = e;
    }
    return out;
  }

  /** The evaluated resources that these parameters create. */
  resources(): Record<string, { Type: string; Properties: Obj }> {
    const out: Record<string, { Type: string; Properties: Obj }> = {};
    for (const [name, r] of Object.entries(this.template.Resources)) {
      if (this.resourceExists(name))
        out[name] = { Type: r.Type, Properties: asObj(this.eval(r.Properties ?? {})) };
    }
    return out;
  }

  outputs(): Record<string, { Description: string; Value: unknown }> {
    const out: Record<string, { Description: string; Value: unknown }> = {};
    for (const [name, o] of Object.entries(this.template.Outputs)) {
      if (!o.Condition || this.condition(o.Condition))
        out[name] = { Description: o.Description ?? '', Value: this.eval(o.Value) };
    }
    return out;
  }
}

interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: string | string[];
  NotResource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
}
const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

const CFN_TEXT = read('docs/setup/trailsight.cfn.yaml');
const TEMPLATE = parseCfnYaml(CFN_TEXT) as unknown as Template;

const REQUIRED_PARAMS = { GitHubOrg: 'octo-org', GitHubRepo: 'infra' };
const ALL_OFF = {
  ...REQUIRED_PARAMS,
  EnableLookup: 'false',
  EnableDirect: 'false',
  EnableBatch: 'false',
  EnableState: 'false',
  CreateSnsTopic: 'false',
  EnableSecurityHub: 'false',
  EnableAthena: 'false',
};
const ALL_ON = {
  ...REQUIRED_PARAMS,
  ...Object.assign({}, ...Object.values(FEATURES).map((f) => f.cloudformation)),
  EnableLookup: 'true',
  LookupRegions: 'us-east-1,us-west-2,eu-west-1',
  TrailPrefix: 'organization-trail/',
  EnableDirect: 'true',
  EnableBatch: 'true',
  EnableState: 'true',
  CreateSnsTopic: 'true',
  EnableSecurityHub: 'true',
  AllowPullRequests: 'true',
  GitHubEnvironment: 'production',
  SummaryModelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  SummaryFoundationModelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
  EnableAthena: 'true',
  AthenaOrganizationId: 'o-abc1234567',
  AthenaAccountIds: '111122223333,444455556666',
  AthenaRegions: 'us-east-1,eu-west-1',
} as Record<string, string>;

function roleStatements(ev: Evaluator, role: string): Statement[] {
  const r = ev.resources()[role];
  if (!r) throw new Error(`${role} is not created`);
  return (
    (r.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? []
  ).flatMap((p) => p.PolicyDocument.Statement);
}
function bySid(statements: Statement[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of statements) {
    if (!s.Sid) throw new Error(`statement without Sid: ${JSON.stringify(s)}`);
    if (out.has(s.Sid)) throw new Error(`duplicate Sid ${s.Sid}`);
    out.set(s.Sid, sorted(list(s.Action)));
  }
  return out;
}
const asRecord = (m: Map<string, string[]>): Record<string, string[]> =>
  Object.fromEntries(
    [...m.entries()].map(([k, v]) => [k, sorted(v)]).sort(([a], [b]) => String(a).localeCompare(String(b))),
  );

function trustStatement(ev: Evaluator, role: string): Statement {
  const doc = ev.resources()[role]?.Properties.AssumeRolePolicyDocument as
    { Statement: Statement[] } | undefined;
  expect(doc?.Statement).toHaveLength(1);
  return doc?.Statement[0] ?? {};
}

// ---------------------------------------------------------------------------------------------------------------
// (c) Terraform: a small HCL reader (blocks, their labels and their own attribute text)
// ---------------------------------------------------------------------------------------------------------------

interface HclBlock {
  type: string;
  labels: string[];
  /** The block's text without its nested blocks. */
  own: string;
  children: HclBlock[];
}

/** Index just past the string literal that opens at `i` (handles escapes and `${ … }` with nested strings). */
function skipHclString(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length && s[j] !== '"') {
    if (s[j] === '\\') j += 2;
    else if ((s[j] === '$' || s[j] === '%') && s[j + 1] === '{') j = skipHclBraces(s, j + 1);
    else j++;
  }
  if (j >= s.length) throw new Error('unterminated string in HCL');
  return j + 1;
}
/** Index just past the `}` matching the `{` at `i`. */
function skipHclBraces(s: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const c = s[j];
    if (c === '"') {
      j = skipHclString(s, j);
      continue;
    }
    if (c === '<' && s.startsWith('<<', j)) {
      const h = /^<<-?([A-Z_]+)\n/.exec(s.slice(j));
      if (h?.[1]) {
        const end = s.indexOf(`\n${h[1]}`, j + h[0].length);
        const endIndented = new RegExp(`\\n\\s*${h[1]}\\b`).exec(s.slice(j + h[0].length));
        j =
          end !== -1
            ? end + h[1].length + 1
            : j + h[0].length + (endIndented?.index ?? 0) + (endIndented?.[0].length ?? 0);
        continue;
      }
    }
    if (c === '{') depth++;
    if (c === '}') {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  throw new Error('unbalanced braces in HCL');
}

function stripHclComments(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      const end = skipHclString(s, i);
      out += s.slice(i, end);
      i = end;
    } else if (c === '#' || (c === '/' && s[i + 1] === '/')) {
      while (i < s.length && s[i] !== '\n') i++;
    } else if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end === -1 ? s.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Parses the blocks of an HCL body (top level of a file, or the inside of a block). */
function parseHclBody(body: string): { blocks: HclBlock[]; own: string } {
  const blocks: HclBlock[] = [];
  let own = '';
  let i = 0;
  const header = /^[ \t]*([A-Za-z_][\w-]*)((?:[ \t]+"[^"\n]*")*)[ \t]*\{/;
  while (i < body.length) {
    const lineStart = i === 0 || body[i - 1] === '\n';
    const m = lineStart ? header.exec(body.slice(i)) : null;
    if (m) {
      const open = i + m[0].length - 1;
      const close = skipHclBraces(body, open);
      const inner = parseHclBody(body.slice(open + 1, close - 1));
      blocks.push({
        type: m[1] ?? '',
        labels: [...(m[2] ?? '').matchAll(/"([^"]*)"/g)].map((x) => x[1] ?? ''),
        own: inner.own,
        children: inner.blocks,
      });
      i = close;
      continue;
    }
    const c = body[i];
    if (c === '"') {
      const end = skipHclString(body, i);
      own += body.slice(i, end);
      i = end;
    } else if (c === '{') {
      const end = skipHclBraces(body, i);
      own += body.slice(i, end);
      i = end;
    } else {
      own += c;
      i++;
    }
  }
  return { blocks, own };
}

function readTerraform(): HclBlock[] {
  return ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf'].flatMap(
    (f) => parseHclBody(stripHclComments(read(`docs/setup/terraform/${f}`))).blocks,
  );
}
const attrString = (own: string, name: string): string | undefined =>
  new RegExp(`(?:^|\\n)\\s*${name}\\s*=\\s*"([^"]*)"`).exec(own)?.[1];
const attrList = (own: string, name: string): string[] | undefined => {
  const m = new RegExp(`(?:^|\\n)\\s*${name}\\s*=\\s*\\[([\\s\\S]*?)\\]`).exec(own);
  return m ? [...(m[1] ?? '').matchAll(/"([^"]*)"/g)].map((x) => x[1] ?? '') : undefined;
};

/** The statements of a policy document: `statement` blocks and the `content` of `dynamic "statement"` blocks. */
function hclStatements(doc: HclBlock): HclBlock[] {
  return doc.children.flatMap((b) =>
    b.type === 'statement'
      ? [b]
      : b.type === 'dynamic' && b.labels[0] === 'statement'
        ? b.children.filter((c) => c.type === 'content')
        : [],
  );
}
function policyDocument(blocks: HclBlock[], name: string): HclBlock {
  const doc = blocks.find(
    (b) => b.type === 'data' && b.labels[0] === 'aws_iam_policy_document' && b.labels[1] === name,
  );
  if (!doc) throw new Error(`no data "aws_iam_policy_document" "${name}" in docs/setup/terraform`);
  return doc;
}
function hclBySid(doc: HclBlock): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of hclStatements(doc)) {
    const sid = attrString(s.own, 'sid');
    if (!sid) throw new Error(`a statement in ${doc.labels[1]} has no sid`);
    if (out.has(sid)) throw new Error(`duplicate sid ${sid} in ${doc.labels[1]}`);
    const actions = attrList(s.own, 'actions');
    if (!actions) throw new Error(`statement ${sid} has no literal actions list`);
    out.set(sid, sorted(actions));
  }
  return out;
}
function hclConditions(doc: HclBlock): { test: string; variable: string; values: string }[] {
  return hclStatements(doc).flatMap((s) =>
    s.children
      .filter((c) => c.type === 'condition')
      .map((c) => ({
        test: attrString(c.own, 'test') ?? '',
        variable: attrString(c.own, 'variable') ?? '',
        values: /values\s*=\s*([^\n]+)/.exec(c.own)?.[1]?.trim() ?? '',
      })),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------------------------

describe('the scanner that reads AWS SDK calls out of src/', () => {
  it('finds commands through aliases, namespaces and paginators, and ignores comments and type imports', () => {
    const src = [
      "import { GetObjectCommand as Get, ListObjectsV2Command, type PutObjectCommand, S3Client } from '@aws-sdk/client-s3';",
      "import * as ct from '@aws-sdk/client-cloudtrail';",
      "import { paginateLookupEvents } from '@aws-sdk/client-cloudtrail';",
      "import type { PublishCommand } from '@aws-sdk/client-sns';",
      'const c = new S3Client({});',
      'await c.send(new Get({ Bucket, Key }));',
      '// await c.send(new ListObjectsV2Command({}));',
      '/* new ListObjectsV2Command({}) */ const s = "new ListObjectsV2Command(";',
      'await c.send(new ct.StartQueryCommand({}));',
      'for await (const p of paginateLookupEvents({ client }, {})) {}',
      'const x: PublishCommand | undefined = undefined;',
      "const q = key.replace(/[\"']/g, '') + `${a ? `${b}/` : ''}AWSLogs/`;",
      'await c.send(new ListObjectsV2Command({ Prefix: q }));',
    ].join('\n');
    const { uses, problems } = scanSource('x.ts', src);
    expect(problems).toEqual([]);
    expect(uses.map((u) => `${u.key}@${u.line}`).sort()).toEqual([
      'client-cloudtrail/LookupEventsCommand@10',
      'client-cloudtrail/StartQueryCommand@9',
      'client-s3/GetObjectCommand@6',
      'client-s3/ListObjectsV2Command@13',
    ]);
  });

  it('reports what it cannot map instead of skipping it', () => {
    const src = [
      "import { S3 } from '@aws-sdk/client-s3';",
      "import { MyCommand } from './local.js';",
      'new S3({});',
      'new MyCommand();',
      "const m = await import('@aws-sdk/client-sns');",
      "const { PublishCommand } = await import('@aws-sdk/client-sns');",
      'await sns.send(new PublishCommand({}));',
    ].join('\n');
    const { problems } = scanSource('y.ts', src);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/y\.ts:3: new S3\(…\).*not a Command/);
    expect(problems.join('\n')).toMatch(/y\.ts:4: new MyCommand\(…\) is not imported/);
    expect(problems.join('\n')).toMatch(/y\.ts:5: dynamic import/);
    // The destructured form binds its names like a static import.
    expect(scanSource('y.ts', src).uses.map((u) => `${u.key}@${u.line}`)).toEqual([
      'client-sns/PublishCommand@7',
    ]);
  });
});

describe('the IAM actions the code in src/ needs', () => {
  const needs = codeNeeds();

  it('maps every AWS SDK command src/ sends to IAM actions', () => {
    expect(needs.problems).toEqual([]);
    const unknown = needs.unknown.map(
      (u) =>
        `${u.file}:${u.line} sends ${u.key}, which this test's IAM_ACTIONS table does not know: add its IAM action(s) ` +
        `(Service Authorization Reference), then grant them in docs/setup/permissions.json and both templates`,
    );
    expect(unknown).toEqual([]);
    // The scanner must see something: the account check always sends GetCallerIdentity.
    expect(needs.required.has('sts:GetCallerIdentity')).toBe(true);
  });

  it('misses no `new …Command(` that a plain text search finds in src/', () => {
    const differ: string[] = [];
    for (const file of listTs('src')) {
      const text = read(file);
      const plain = [...stripComments(text).matchAll(/\bnew\s+[\w.]*Command\s*\(/g)].length;
      const viaNew = scanSource(file, text).uses.filter(
        (u) => u.via === 'new' && u.key.endsWith('Command'),
      ).length;
      if (plain !== viaNew)
        differ.push(`${file}: a text search finds ${plain} \`new …Command(\`, the scanner ${viaNew}`);
    }
    expect(differ).toEqual([]);
  });

  it('permissions.json grants exactly those actions: none missing, none the code does not call', () => {
    const granted = grantedByPermissions();
    const missing = [...needs.required.keys()]
      .filter((a) => !granted.has(a))
      .map(
        (a) =>
          `${a} (called by ${needs.required.get(a)?.join(', ')}) is granted to no feature in permissions.json`,
      );
    const extra = [...granted]
      .filter((a) => !needs.required.has(a) && !needs.mayNeed.has(a))
      .map((a) => `${a} is granted in permissions.json but no code in src/ calls it`);
    expect([...missing, ...extra]).toEqual([]);
  });

  it('sends (or, until src/sources/athena/ is merged, is granted ahead) exactly the Athena and Glue commands the kit grants for source-athena', () => {
    const sent = sorted(needs.uses.filter((u) => isAthenaOrGlue(u.key)).map((u) => u.key));
    expect(sent).toEqual(sorted(ATHENA_SOURCE_COMMANDS));
  });

  it('would report an Athena command src/ sends that the kit does not grant', () => {
    const src = [
      "import { ListQueryExecutionsCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';",
      'await client.send(new StartQueryExecutionCommand({}));',
      'await client.send(new ListQueryExecutionsCommand({}));',
    ].join('\n');
    const granted = grantedByPermissions();
    const missing = scanSource('z.ts', src)
      .uses.flatMap((u) => IAM_ACTIONS[u.key]?.actions ?? [`unmapped ${u.key}`])
      .filter((a) => !granted.has(a));
    expect(missing).toEqual(['athena:ListQueryExecutions']);
  });

  it('permissions.json describes every feature, with a reason for each action and unique statement ids', () => {
    expect(Object.keys(FEATURES).sort()).toEqual([...FEATURE_NAMES].sort());
    const sids: string[] = [];
    for (const [name, f] of Object.entries(FEATURES)) {
      expect([name, f.description.length > 0, f.input.length > 0]).toEqual([name, true, true]);
      for (const [sid, actions] of Object.entries(f.statements)) {
        expect(sid).toMatch(/^[A-Za-z0-9]+$/); // IAM allows only alphanumerics in a Sid
        sids.push(sid);
        for (const a of actions) expect([name, a, Boolean(f.why[a])]).toEqual([name, a, true]);
      }
    }
    expect(sids.length).toBe(new Set(sids).size);
  });
});

describe("the test's CloudFormation reader", () => {
  it('resolves tags, conditions, Subs with variables, NoValue and parameters the way CloudFormation does', () => {
    const t = parseCfnYaml(
      [
        "Parameters: { P: { Type: String, Default: 'a,b' }, L: { Type: CommaDelimitedList, Default: 'x,y' } }",
        'Conditions:',
        "  C: !Equals [!Select [1, !Split [',', !Ref P]], b]",
        "  D: !And [!Condition C, !Not [!Equals [!Join ['-', !Ref L], x-z]]]",
        'Resources:',
        '  DataBucket:',
        '    Type: AWS::S3::Bucket',
        '    Condition: D',
        '    Properties:',
        "      X: !Sub ['${A}/${AWS::Region}/${DataBucket.Arn}/${!Literal}', { A: !If [C, yes, no] }]",
        '      Y: !If [C, !Ref AWS::NoValue, 1]',
        '      Z: [!GetAtt DataBucket.Arn, !If [D, !Ref AWS::NoValue, 2], !Ref L]',
        'Outputs: {}',
      ].join('\n'),
    ) as unknown as Template;
    const arn = RESOURCE_VALUES.DataBucket?.attrs.Arn;
    expect(new Evaluator(t, {}).resources().DataBucket?.Properties).toEqual({
      X: `yes/us-east-1/${arn}/\${Literal}`,
      Z: [arn, ['x', 'y']],
    });
    expect(new Evaluator(t, { L: 'x,z' }).resourceExists('DataBucket')).toBe(false);
    expect(() => parseCfnYaml('A: !NotAFunction x')).toThrow(/NotAFunction/);
    expect(() => new Evaluator(t, { Nope: '1' })).toThrow(/no parameter Nope/);
  });
});

describe('CloudFormation template (docs/setup/trailsight.cfn.yaml)', () => {
  it('parses, with every intrinsic function tag known', () => {
    expect(TEMPLATE.Resources.WorkflowRole?.Type).toBe('AWS::IAM::Role');
    expect(() => new Evaluator(TEMPLATE, REQUIRED_PARAMS).resources()).not.toThrow();
    expect(() => new Evaluator(TEMPLATE, ALL_ON).resources()).not.toThrow();
    expect(() => new Evaluator(TEMPLATE, ALL_OFF).resources()).not.toThrow();
  });

  it('grants the workflow role exactly permissions.json, statement by statement, with every feature on', () => {
    const ev = new Evaluator(TEMPLATE, ALL_ON);
    expect(asRecord(bySid(roleStatements(ev, 'WorkflowRole')))).toEqual(asRecord(workflowStatements()));
  });

  it('grants the exact set of actions the code calls', () => {
    const needs = codeNeeds();
    const granted = new Set(
      roleStatements(new Evaluator(TEMPLATE, ALL_ON), 'WorkflowRole').flatMap((s) => list(s.Action)),
    );
    const missing = [...needs.required.keys()].filter((a) => !granted.has(a));
    const extra = [...granted].filter((a) => !needs.required.has(a) && !needs.mayNeed.has(a));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('grants only GetCallerIdentity with every feature off', () => {
    const ev = new Evaluator(TEMPLATE, ALL_OFF);
    expect([...bySid(roleStatements(ev, 'WorkflowRole')).keys()]).toEqual(['AllowedAccountIds']);
    expect(ev.resourceExists('BatchServiceRole')).toBe(false);
    expect(ev.resourceExists('DataBucket')).toBe(false);
    expect(ev.resourceExists('AlertsTopic')).toBe(false);
  });

  it.each(FEATURE_NAMES)('turns on exactly the statements of %s with its parameters', (name) => {
    const f = FEATURES[name];
    if (!f) throw new Error(`no feature ${name}`);
    const ev = new Evaluator(TEMPLATE, { ...ALL_OFF, ...f.cloudformation });
    const got = sorted(bySid(roleStatements(ev, 'WorkflowRole')).keys());
    expect(got).toEqual(sidsOf(name, ...(f.comesWith ?? []), 'allowed-account-ids'));
  });

  it('scopes every statement: Allow only, no NotAction or NotResource, no wildcard actions, * only where IAM has no resource', () => {
    const ev = new Evaluator(TEMPLATE, ALL_ON);
    const resourceStar = new Set([
      'cloudtrail:LookupEvents',
      'bedrock:ListModelInvocationJobs',
      'sts:GetCallerIdentity',
    ]);
    for (const role of ['WorkflowRole', 'BatchServiceRole']) {
      for (const s of roleStatements(ev, role)) {
        expect([s.Sid, s.Effect, s.NotAction, s.NotResource]).toEqual([s.Sid, 'Allow', undefined, undefined]);
        for (const a of list(s.Action)) expect(a).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
        if (list(s.Resource).includes('*'))
          expect(list(s.Action).every((a) => resourceStar.has(a))).toBe(true);
      }
    }
  });

  it("keeps the role's inline policies under IAM's 10,240-character limit with every feature on", () => {
    const ev = new Evaluator(TEMPLATE, {
      ...ALL_ON,
      TrailBucketName: 'a'.repeat(63),
      TrailPrefix: `${'p'.repeat(60)}/`,
    });
    const policies = ev.resources().WorkflowRole?.Properties.Policies as { PolicyDocument: unknown }[];
    const size = policies
      .map((p) => JSON.stringify(p.PolicyDocument).replace(/\s/g, '').length)
      .reduce((a, b) => a + b, 0);
    expect(size).toBeLessThan(10240);
  });

  it('trusts one repository and branch through GitHub OIDC, with the aud condition and exact subjects', () => {
    const base = trustStatement(new Evaluator(TEMPLATE, REQUIRED_PARAMS), 'WorkflowRole');
    expect(base.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(base.Principal).toEqual({ Federated: RESOURCE_VALUES.GitHubOidcProvider?.ref });
    expect(Object.keys(base.Condition ?? {})).toEqual(['StringEquals']);
    expect(base.Condition?.StringEquals?.['token.actions.githubusercontent.com:aud']).toBe(
      'sts.amazonaws.com',
    );
    expect(base.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:octo-org/infra:ref:refs/heads/main',
    ]);

    const pr = trustStatement(
      new Evaluator(TEMPLATE, { ...REQUIRED_PARAMS, AllowPullRequests: 'true' }),
      'WorkflowRole',
    );
    expect(pr.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:octo-org/infra:ref:refs/heads/main',
      'repo:octo-org/infra:pull_request',
    ]);

    const custom = trustStatement(
      new Evaluator(TEMPLATE, {
        ...REQUIRED_PARAMS,
        GitHubBranch: 'release',
        AllowPullRequests: 'true',
        GitHubEnvironment: 'security',
        GitHubSubjectPrefix: 'repo:octo-org@9919/infra@1296269',
        CreateOidcProvider: 'false',
        ExistingOidcProviderArn:
          'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      }),
      'WorkflowRole',
    );
    expect(custom.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:octo-org@9919/infra@1296269:ref:refs/heads/release',
      'repo:octo-org@9919/infra@1296269:pull_request',
      'repo:octo-org@9919/infra@1296269:environment:security',
    ]);
  });

  it('creates the GitHub OIDC provider only when asked, with the audience and the thumbprints CloudFormation requires', () => {
    const created = new Evaluator(TEMPLATE, REQUIRED_PARAMS).resources().GitHubOidcProvider?.Properties;
    expect(created?.Url).toBe('https://token.actions.githubusercontent.com');
    expect(created?.ClientIdList).toEqual(['sts.amazonaws.com']);
    expect((created?.ThumbprintList as string[]).every((t) => /^[0-9a-f]{40}$/.test(t))).toBe(true);
    const ev = new Evaluator(TEMPLATE, {
      ...REQUIRED_PARAMS,
      CreateOidcProvider: 'false',
      ExistingOidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
    });
    expect(ev.resourceExists('GitHubOidcProvider')).toBe(false);
  });

  it('gives the batch service role a trust limited by aws:SourceAccount and aws:SourceArn, and permissions.json grants', () => {
    const ev = new Evaluator(TEMPLATE, ALL_ON);
    const t = trustStatement(ev, 'BatchServiceRole');
    expect(t.Principal).toEqual({ Service: 'bedrock.amazonaws.com' });
    expect(t.Action).toBe('sts:AssumeRole');
    expect(t.Condition?.StringEquals?.['aws:SourceAccount']).toBe('123456789012');
    const arn = t.Condition?.ArnLike?.['aws:SourceArn'] ?? t.Condition?.ArnEquals?.['aws:SourceArn'];
    expect(arn).toBe('arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/*');
    expect(asRecord(bySid(roleStatements(ev, 'BatchServiceRole')))).toEqual(
      asRecord(new Map(Object.entries(PERMISSIONS.batchServiceRole.statements))),
    );
    // The workflow role may pass this role, and only to Bedrock.
    const pass = roleStatements(ev, 'WorkflowRole').find((s) => s.Sid === 'AnalysisBatchPassRole');
    expect(pass?.Resource).toBe(RESOURCE_VALUES.BatchServiceRole?.attrs.Arn);
    expect(pass?.Condition?.StringEquals?.['iam:PassedToService']).toBe('bedrock.amazonaws.com');
  });

  it('hardens the bucket: encryption, owner enforced, public access blocked, TLS only, batch objects expire, state kept', () => {
    for (const enc of ['SSE-S3', 'SSE-KMS-AWS-MANAGED']) {
      const res = new Evaluator(TEMPLATE, {
        ...ALL_ON,
        BucketEncryption: enc,
        BatchObjectExpirationDays: '9',
      }).resources();
      const b = res.DataBucket?.Properties ?? {};
      const sse = (
        b.BucketEncryption as { ServerSideEncryptionConfiguration: { ServerSideEncryptionByDefault: Obj }[] }
      ).ServerSideEncryptionConfiguration[0]?.ServerSideEncryptionByDefault;
      expect(sse?.SSEAlgorithm).toBe(enc === 'SSE-S3' ? 'AES256' : 'aws:kms');
      expect(sse?.KMSMasterKeyID).toBeUndefined(); // AWS managed key: no kms: grants needed by either role
      expect(b.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
      expect(b.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const rules = (b.LifecycleConfiguration as { Rules: Obj[] }).Rules;
      const batchExpiry = rules.find(
        (r) => r.Prefix === 'trailsight/batch/' && r.ExpirationInDays !== undefined,
      );
      expect(batchExpiry?.ExpirationInDays).toBe('9');
      expect(
        rules.filter((r) => r.ExpirationInDays !== undefined).every((r) => r.Prefix === 'trailsight/batch/'),
      ).toBe(true);
      const policy = res.DataBucketPolicy?.Properties.PolicyDocument as { Statement: Statement[] };
      const tls = policy.Statement.find(
        (s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      );
      expect(list(tls?.Resource)).toEqual([
        RESOURCE_VALUES.DataBucket?.attrs.Arn,
        `${RESOURCE_VALUES.DataBucket?.attrs.Arn}/*`,
      ]);
    }
  });

  it('encrypts the SNS topic with the AWS managed key', () => {
    const res = new Evaluator(TEMPLATE, ALL_ON).resources();
    expect(res.AlertsTopic?.Properties.KmsMasterKeyId).toBe('alias/aws/sns');
  });

  it('outputs RoleArn, BatchRoleArn, BucketName and TopicArn, each naming the input it feeds', () => {
    const outputs = new Evaluator(TEMPLATE, ALL_ON).outputs();
    expect(Object.keys(outputs).sort()).toEqual(['BatchRoleArn', 'BucketName', 'RoleArn', 'TopicArn']);
    const inputs = Object.keys((parseYaml(read('action.yml')) as { inputs: Obj }).inputs);
    for (const o of Object.values(outputs)) {
      const named = o.Description.split(/\s+and\s+|,\s*/).map((s) => s.trim());
      for (const n of named) expect(inputs).toContain(n);
    }
  });
});

describe('Terraform (docs/setup/terraform)', () => {
  const blocks = readTerraform();

  it('parses, and pins Terraform and the AWS provider', () => {
    const tf = blocks.find((b) => b.type === 'terraform');
    const providers = tf?.children.find((c) => c.type === 'required_providers');
    expect(providers?.own).toMatch(/source\s*=\s*"hashicorp\/aws"/);
    expect(providers?.own).toMatch(/version\s*=\s*">= 5\.\d+(\.\d+)?, < 7\.0\.0"/);
    expect(attrString(tf?.own ?? '', 'required_version')).toBeTruthy();
  });

  it('grants the workflow role exactly permissions.json, statement by statement', () => {
    expect(asRecord(hclBySid(policyDocument(blocks, 'workflow')))).toEqual(asRecord(workflowStatements()));
  });

  it('grants the batch service role exactly permissions.json', () => {
    expect(asRecord(hclBySid(policyDocument(blocks, 'batch_service')))).toEqual(
      asRecord(new Map(Object.entries(PERMISSIONS.batchServiceRole.statements))),
    );
  });

  it('trusts the repository through GitHub OIDC with both subject forms and the aud condition', () => {
    const conds = hclConditions(policyDocument(blocks, 'workflow_trust'));
    expect(conds).toContainEqual({
      test: 'StringEquals',
      variable: 'token.actions.githubusercontent.com:aud',
      values: '[var.oidc_audience]',
    });
    const sub = conds.find((c) => c.variable === 'token.actions.githubusercontent.com:sub');
    expect(sub?.test).toBe('StringEquals');
    const locals = blocks
      .filter((b) => b.type === 'locals')
      .map((b) => b.own)
      .join('\n');
    expect(sub?.values).toBe('local.trusted_subjects');
    expect(locals).toMatch(/trusted_subjects\s*=\s*concat\(/);
    expect(locals).toContain('"${local.subject_prefix}:ref:refs/heads/${var.github_branch}"');
    expect(locals).toMatch(
      /var\.allow_pull_requests \? \["\$\{local\.subject_prefix\}:pull_request"\] : \[\]/,
    );
    expect(locals).toMatch(
      /subject_prefix\s*=\s*var\.github_subject_prefix != "" \? var\.github_subject_prefix : "repo:\$\{var\.github_org\}\/\$\{var\.github_repo\}"/,
    );
  });

  it('limits the batch service role trust with aws:SourceAccount and aws:SourceArn', () => {
    const conds = hclConditions(policyDocument(blocks, 'batch_trust'));
    expect(conds.map((c) => `${c.test} ${c.variable}`).sort()).toEqual([
      'ArnLike aws:SourceArn',
      'StringEquals aws:SourceAccount',
    ]);
    expect(conds.find((c) => c.variable === 'aws:SourceArn')?.values).toContain(':model-invocation-job/*');
  });

  it('has a variable for every toggle permissions.json names, and the outputs', () => {
    const vars = blocks.filter((b) => b.type === 'variable').map((b) => b.labels[0]);
    for (const f of Object.values(FEATURES))
      for (const v of Object.keys(f.terraform)) expect(vars).toContain(v);
    const outputs = blocks.filter((b) => b.type === 'output').map((b) => b.labels[0]);
    expect(outputs.sort()).toEqual(['batch_role_arn', 'bucket_name', 'role_arn', 'topic_arn']);
  });

  it('hardens the bucket and the topic like the CloudFormation template', () => {
    // The data bucket's resources (the Athena results bucket has its own test).
    const res = (type: string): HclBlock[] =>
      blocks.filter((b) => b.type === 'resource' && b.labels[0] === type && b.labels[1] !== 'athena_results');
    const pab = res('aws_s3_bucket_public_access_block')[0]?.own ?? '';
    for (const k of [
      'block_public_acls',
      'block_public_policy',
      'ignore_public_acls',
      'restrict_public_buckets',
    ]) {
      expect(pab).toMatch(new RegExp(`${k}\\s*=\\s*true`));
    }
    expect(res('aws_s3_bucket_ownership_controls')[0]?.children[0]?.own).toMatch(
      /object_ownership\s*=\s*"BucketOwnerEnforced"/,
    );
    expect(res('aws_s3_bucket_server_side_encryption_configuration')).toHaveLength(1);
    const lifecycle = res('aws_s3_bucket_lifecycle_configuration')[0];
    const expiring = lifecycle?.children.filter(
      (r) => r.type === 'rule' && r.children.some((c) => c.type === 'expiration' && /days/.test(c.own)),
    );
    expect(expiring?.map((r) => r.children.find((c) => c.type === 'filter')?.own.trim())).toEqual([
      'prefix = var.batch_prefix',
    ]);
    expect(policyDocument(blocks, 'bucket_tls_only').children.length).toBeGreaterThan(0);
    expect(attrString(res('aws_sns_topic')[0]?.own ?? '', 'kms_master_key_id')).toBe('alias/aws/sns');
  });
});

describe('the Athena table, workgroup and results bucket (source-athena)', () => {
  const twinColumns = CLOUDTRAIL_COLUMNS.map((c) => ({ Name: c.name, Type: hiveTypeName(c.type) }));
  const athenaOn = {
    ...REQUIRED_PARAMS,
    EnableAthena: 'true',
    TrailBucketName: 'example-cloudtrail-archive',
  };

  it("creates AWS's documented CloudTrail table, the twin's columns, with partition projection on account, region and day", () => {
    const res = new Evaluator(TEMPLATE, athenaOn).resources();
    const input = res.CloudTrailTable?.Properties.TableInput as {
      Name: string;
      TableType: string;
      Parameters: Record<string, string>;
      PartitionKeys: { Name: string; Type: string }[];
      StorageDescriptor: Obj & { Columns: unknown[]; SerdeInfo: Obj };
    };
    expect(input.Name).toBe('cloudtrail_logs');
    expect(input.TableType).toBe('EXTERNAL_TABLE');
    expect(input.StorageDescriptor.Columns).toEqual(twinColumns);
    expect(input.PartitionKeys).toEqual([
      { Name: 'account', Type: 'string' },
      { Name: 'region', Type: 'string' },
      { Name: 'timestamp', Type: 'string' },
    ]);
    expect(input.StorageDescriptor.InputFormat).toBe('com.amazon.emr.cloudtrail.CloudTrailInputFormat');
    expect(input.StorageDescriptor.SerdeInfo.SerializationLibrary).toBe(
      'org.apache.hive.hcatalog.data.JsonSerDe',
    );
    expect(input.StorageDescriptor.Location).toBe('s3://example-cloudtrail-archive/AWSLogs/');
    expect(input.Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.account.type': 'enum',
      'projection.account.values': '123456789012',
      'projection.region.type': 'enum',
      'projection.region.values': 'us-east-1',
      'projection.timestamp.type': 'date',
      'projection.timestamp.format': 'yyyy/MM/dd',
      'projection.timestamp.range': '2024/01/01,NOW',
      'projection.timestamp.interval': '1',
      'projection.timestamp.interval.unit': 'DAYS',
      'storage.location.template':
        's3://example-cloudtrail-archive/AWSLogs/${account}/CloudTrail/${region}/${timestamp}',
    });
    expect(res.AthenaDatabase?.Properties.DatabaseInput).toMatchObject({ Name: 'trailsight' });
    expect(res.CloudTrailTable?.Properties.DatabaseName).toBe(RESOURCE_VALUES.AthenaDatabase?.ref);
  });

  it("projects an organization trail's layout and the accounts and regions given", () => {
    const res = new Evaluator(TEMPLATE, ALL_ON).resources();
    const params = (res.CloudTrailTable?.Properties.TableInput as { Parameters: Record<string, string> })
      .Parameters;
    expect(params['storage.location.template']).toBe(
      's3://example-cloudtrail-archive/organization-trail/AWSLogs/o-abc1234567/${account}/CloudTrail/${region}/${timestamp}',
    );
    expect(params['projection.account.values']).toBe('111122223333,444455556666');
    expect(params['projection.region.values']).toBe('us-east-1,eu-west-1');
    const existing = new Evaluator(TEMPLATE, {
      ...athenaOn,
      AthenaCreateDatabase: 'false',
      AthenaDatabaseName: 'default',
    });
    expect(existing.resourceExists('AthenaDatabase')).toBe(false);
    expect(existing.resources().CloudTrailTable?.Properties.DatabaseName).toBe('default');
  });

  it('gives the workgroup an enforced, encrypted result location in its own bucket, which expires results', () => {
    const res = new Evaluator(TEMPLATE, { ...athenaOn, AthenaResultsExpirationDays: '3' }).resources();
    const bucket = RESOURCE_VALUES.AthenaResultsBucket;
    expect(res.AthenaWorkGroup?.Properties).toMatchObject({
      Name: 'trailsight',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        ResultConfiguration: {
          OutputLocation: `s3://${bucket?.ref}/results/`,
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
        },
      },
    });
    const b = res.AthenaResultsBucket?.Properties ?? {};
    expect(b.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(b.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(b.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    const rules = (b.LifecycleConfiguration as { Rules: Obj[] }).Rules;
    expect(rules.find((r) => r.ExpirationInDays !== undefined)).toMatchObject({ ExpirationInDays: '3' });
    const policy = res.AthenaResultsBucketPolicy?.Properties.PolicyDocument as { Statement: Statement[] };
    expect(policy.Statement[0]?.Condition?.Bool?.['aws:SecureTransport']).toBe('false');
    // The role writes results only where the workgroup puts them, and queries only in that workgroup.
    const statements = roleStatements(new Evaluator(TEMPLATE, athenaOn), 'WorkflowRole');
    expect(statements.find((st) => st.Sid === 'SourceAthenaResultsObjects')?.Resource).toBe(
      `${bucket?.attrs.Arn}/results/*`,
    );
    expect(statements.find((st) => st.Sid === 'SourceAthenaQueries')?.Resource).toBe(
      'arn:aws:athena:us-east-1:123456789012:workgroup/trailsight',
    );
    expect(list(statements.find((st) => st.Sid === 'SourceAthenaCatalog')?.Resource)).toEqual([
      'arn:aws:glue:us-east-1:123456789012:catalog',
      'arn:aws:glue:us-east-1:123456789012:database/trailsight',
      'arn:aws:glue:us-east-1:123456789012:table/trailsight/cloudtrail_logs',
    ]);
  });

  it('creates nothing for Athena without EnableAthena, or without a trail archive to read', () => {
    for (const params of [
      { ...REQUIRED_PARAMS, TrailBucketName: 'b' },
      { ...REQUIRED_PARAMS, EnableAthena: 'true' },
    ]) {
      const ev = new Evaluator(TEMPLATE, params);
      for (const r of ['AthenaResultsBucket', 'AthenaWorkGroup', 'AthenaDatabase', 'CloudTrailTable'])
        expect([r, ev.resourceExists(r)]).toEqual([r, false]);
    }
    expect(TEMPLATE.Rules?.AthenaNeedsArchive).toBeDefined();
  });

  it('Terraform creates the same table, workgroup and bucket', () => {
    const blocks = readTerraform();
    const resource = (type: string, name: string): HclBlock | undefined =>
      blocks.find((b) => b.type === 'resource' && b.labels[0] === type && b.labels[1] === name);
    const table = resource('aws_glue_catalog_table', 'cloudtrail');
    const sd = table?.children.find((c) => c.type === 'storage_descriptor');
    const columns = (sd?.children ?? [])
      .filter((c) => c.type === 'columns')
      .map((c) => ({ Name: attrString(c.own, 'name'), Type: attrString(c.own, 'type') }));
    expect(columns).toEqual(twinColumns);
    expect(
      table?.children.filter((c) => c.type === 'partition_keys').map((c) => attrString(c.own, 'name')),
    ).toEqual(['account', 'region', 'timestamp']);
    expect(
      attrString(sd?.children.find((c) => c.type === 'ser_de_info')?.own ?? '', 'serialization_library'),
    ).toBe('org.apache.hive.hcatalog.data.JsonSerDe');
    const cfnParams = Object.keys(
      (
        new Evaluator(TEMPLATE, athenaOn).resources().CloudTrailTable?.Properties.TableInput as {
          Parameters: Obj;
        }
      ).Parameters,
    ).sort();
    const tfParams = [...(table?.own ?? '').matchAll(/^\s*"([a-zA-Z.]+)"\s*=/gm)].map((m) => m[1]).sort();
    expect(tfParams).toEqual(cfnParams);
    expect(table?.own).toContain('"${local.athena_location}$${account}/CloudTrail/$${region}/$${timestamp}"');
    const wg = resource('aws_athena_workgroup', 'trailsight');
    const conf = wg?.children.find((c) => c.type === 'configuration');
    expect(conf?.own).toMatch(/enforce_workgroup_configuration\s*=\s*true/);
    const result = conf?.children.find((c) => c.type === 'result_configuration');
    expect(result?.own).toMatch(
      /output_location\s*=\s*"s3:\/\/\$\{aws_s3_bucket\.athena_results\[0\]\.bucket\}\/results\/"/,
    );
    expect(result?.children[0]?.own).toMatch(/encryption_option\s*=\s*"SSE_S3"/);
    expect(resource('aws_s3_bucket_public_access_block', 'athena_results')?.own).toMatch(
      /restrict_public_buckets\s*=\s*true/,
    );
    expect(
      resource('aws_s3_bucket_server_side_encryption_configuration', 'athena_results')?.children[0]
        ?.children[0]?.own,
    ).toMatch(/sse_algorithm\s*=\s*"AES256"/);
    const lifecycle = resource('aws_s3_bucket_lifecycle_configuration', 'athena_results');
    const expiry = lifecycle?.children.find((r) => r.children.some((c) => c.type === 'expiration'));
    expect(expiry?.children.find((c) => c.type === 'expiration')?.own).toMatch(
      /days\s*=\s*var\.athena_results_expiration_days/,
    );
  });
});

describe('setup README (docs/setup/README.md)', () => {
  it('explains every action and names every statement id', () => {
    const readme = read('docs/setup/README.md');
    const all = [...grantedByPermissions(), ...Object.values(PERMISSIONS.batchServiceRole.statements).flat()];
    for (const a of new Set(all)) expect([a, readme.includes(`\`${a}\``)]).toEqual([a, true]);
    const sids = [...workflowStatements().keys(), ...Object.keys(PERMISSIONS.batchServiceRole.statements)];
    for (const sid of sids) expect([sid, readme.includes(sid)]).toEqual([sid, true]);
  });
});

describe('example workflows (docs/examples)', () => {
  const inputs = new Set(Object.keys((parseYaml(read('action.yml')) as { inputs: Obj }).inputs));
  const files = readdirSync(join(ROOT, 'docs/examples')).filter((f) => f.endsWith('.yml'));

  interface Step {
    uses?: string;
    with?: Obj;
  }
  interface Job {
    permissions?: Obj;
    steps?: Step[];
  }
  // Only the workflows: the folder also holds rule and suppression file examples.
  const workflows = files
    .map((f) => ({ file: f, wf: parseYaml(read(`docs/examples/${f}`)) as { jobs?: Record<string, Job> } }))
    .filter((w): w is { file: string; wf: { jobs: Record<string, Job> } } => Boolean(w.wf?.jobs));

  it('include the three documented ones', () => {
    const names = workflows.map((w) => w.file);
    for (const f of ['daily-review.yml', 'pr-gate.yml', 'submit-collect.yml']) expect(names).toContain(f);
  });

  it('pass TrailSight only inputs that action.yml declares', () => {
    const bad: string[] = [];
    let seen = 0;
    for (const { file, wf } of workflows) {
      for (const [job, j] of Object.entries(wf.jobs)) {
        for (const s of j.steps ?? []) {
          if (!s.uses?.startsWith('trailsight/trailsight@')) continue;
          seen++;
          for (const k of Object.keys(s.with ?? {})) if (!inputs.has(k)) bad.push(`${file} job ${job}: ${k}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(seen).toBeGreaterThanOrEqual(4);
  });

  it('give every job explicit permissions, and the ones its TrailSight step needs', () => {
    for (const { file, wf } of workflows) {
      for (const [job, j] of Object.entries(wf.jobs)) {
        expect([file, job, typeof j.permissions]).toEqual([file, job, 'object']);
        const p = j.permissions ?? {};
        for (const s of j.steps ?? []) {
          const w = s.with ?? {};
          const oidc =
            s.uses?.startsWith('aws-actions/configure-aws-credentials@') ||
            (s.uses?.startsWith('trailsight/') && w['role-to-assume']);
          if (oidc) expect([file, job, p['id-token']]).toEqual([file, job, 'write']);
          const to = String(w['report-to'] ?? '');
          if (/\bissue\b/.test(to)) expect([file, job, p.issues]).toEqual([file, job, 'write']);
          if (/\bpr-comment\b/.test(to))
            expect([file, job, p['pull-requests']]).toEqual([file, job, 'write']);
        }
      }
    }
  });

  it('pin every third-party action to a full commit SHA', () => {
    for (const { file, wf } of workflows) {
      for (const j of Object.values(wf.jobs)) {
        for (const s of j.steps ?? []) {
          if (!s.uses || s.uses.startsWith('trailsight/trailsight@')) continue;
          expect([file, s.uses]).toEqual([file, expect.stringMatching(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/)]);
        }
      }
    }
  });
});
