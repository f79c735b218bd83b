import { randomBytes } from 'node:crypto';
import type { ServiceHandler, TwinContext, TwinRequest, TwinResponse } from '../types.js';
import { verifyIdToken } from './oidc.js';
import { isQueryAction, queryError, queryParams, queryResponse } from './query.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ACTIONS: ReadonlySet<string> = new Set(['AssumeRoleWithWebIdentity', 'GetCallerIdentity']);
/** Audiences the twin's IAM OIDC provider trusts (its client id list). */
export const TRUSTED_AUDIENCES = ['sts.amazonaws.com'];

interface Session {
  roleName: string;
  sessionName: string;
  roleId: string;
  expires: Date;
}

const sessions = new WeakMap<TwinContext, Map<string, Session>>();

function sessionsOf(ctx: TwinContext): Map<string, Session> {
  let s = sessions.get(ctx);
  if (!s) sessions.set(ctx, (s = new Map()));
  return s;
}

function randomId(prefix: string, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  return out;
}

function validation(message: string): TwinResponse {
  return queryError('sts', 400, 'ValidationError', message);
}

/** STS (awsQuery): AssumeRoleWithWebIdentity with the twin's OIDC tokens, and GetCallerIdentity. */
export const stsHandler: ServiceHandler = {
  name: 'sts',
  protocol: 'awsQuery',
  matches: (req) => isQueryAction(req, ACTIONS, 'sts'),
  operation: (req) => queryParams(req).get('Action') ?? undefined,
  reset: (ctx) => {
    sessions.delete(ctx);
  },
  async handle(req, ctx): Promise<TwinResponse> {
    const p = queryParams(req);
    const action = p.get('Action') ?? '';
    if (p.get('Version') !== '2011-06-15') {
      return queryError(
        'sts',
        400,
        'InvalidAction',
        `Could not find operation ${action} for version ${p.get('Version') ?? 'NO_VERSION_SPECIFIED'}`,
      );
    }
    if (action === 'AssumeRoleWithWebIdentity') return assumeRoleWithWebIdentity(p, ctx);
    if (action === 'GetCallerIdentity') return getCallerIdentity(req, ctx);
    return queryError('sts', 400, 'InvalidAction', `The twin does not emulate STS ${action}`);
  },
};

function assumeRoleWithWebIdentity(p: URLSearchParams, ctx: TwinContext): TwinResponse {
  const roleArn = p.get('RoleArn') ?? '';
  const sessionName = p.get('RoleSessionName') ?? '';
  const token = p.get('WebIdentityToken') ?? '';
  const durationRaw = p.get('DurationSeconds');
  const errors: string[] = [];
  if (roleArn.length < 20 || roleArn.length > 2048) {
    errors.push(
      `Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20`,
    );
  }
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    errors.push(
      `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64`,
    );
  }
  if (token.length < 4 || token.length > 20000) {
    errors.push(
      `Value at 'webIdentityToken' failed to satisfy constraint: Member must have length between 4 and 20000`,
    );
  }
  let duration = 3600;
  if (durationRaw !== null) {
    duration = Number(durationRaw);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      errors.push(
        `Value '${durationRaw}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${duration < 900 ? 'greater than or equal to 900' : 'less than or equal to 43200'}`,
      );
    }
  }
  if (errors.length > 0) {
    return validation(
      `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`,
    );
  }
  const role = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/.exec(roleArn);
  if (!role) return validation(`${roleArn} is invalid`);
  if (role[1] !== ctx.account) {
    return queryError('sts', 403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  }
  const check = verifyIdToken(token, TRUSTED_AUDIENCES);
  if (!check.ok) {
    if (check.reason === 'expired') {
      return queryError(
        'sts',
        400,
        'ExpiredTokenException',
        'Token expired: current date/time must be before the expiration date/time',
      );
    }
    if (check.reason === 'audience')
      return queryError('sts', 400, 'InvalidIdentityToken', 'Incorrect token audience');
    return queryError(
      'sts',
      400,
      'InvalidIdentityToken',
      `Couldn't verify the web identity token: ${check.message}`,
    );
  }
  const roleName = role[2] as string;
  const accessKeyId = randomId('ASIA', 16);
  const roleId = randomId('AROA', 17);
  const expires = new Date(Date.now() + duration * 1000);
  expires.setMilliseconds(0);
  sessionsOf(ctx).set(accessKeyId, { roleName, sessionName, roleId, expires });
  return queryResponse('AssumeRoleWithWebIdentity', NS, {
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretAccessKey: randomBytes(30).toString('base64'),
      SessionToken: `FwoGZXIvYXdzE${randomBytes(96).toString('base64')}`,
      Expiration: expires.toISOString().replace('.000', ''),
    },
    SubjectFromWebIdentityToken: String(check.claims.sub ?? ''),
    AssumedRoleUser: {
      Arn: `arn:aws:sts::${ctx.account}:assumed-role/${roleName}/${sessionName}`,
      AssumedRoleId: `${roleId}:${sessionName}`,
    },
    PackedPolicySize: p.get('Policy') ? 6 : undefined,
    Provider: `arn:aws:iam::${ctx.account}:oidc-provider/token.actions.githubusercontent.com`,
    Audience: String(check.claims.aud ?? ''),
  });
}

function getCallerIdentity(req: TwinRequest, ctx: TwinContext): TwinResponse {
  const session = req.accessKeyId ? sessionsOf(ctx).get(req.accessKeyId) : undefined;
  if (session) {
    return queryResponse('GetCallerIdentity', NS, {
      UserId: `${session.roleId}:${session.sessionName}`,
      Account: ctx.account,
      Arn: `arn:aws:sts::${ctx.account}:assumed-role/${session.roleName}/${session.sessionName}`,
    });
  }
  // Any other signed caller is the twin's IAM user, as long-term credentials would be.
  return queryResponse('GetCallerIdentity', NS, {
    UserId: 'AIDATWINUSER00000000',
    Account: ctx.account,
    Arn: `arn:aws:iam::${ctx.account}:user/twin`,
  });
}
