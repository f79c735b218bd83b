import { createSign, createVerify, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { jsonResponse } from '../protocol.js';
import type { TwinContext, TwinRequest, TwinResponse } from '../types.js';

/** GitHub's issuer: the twin signs with its own key but names the real issuer, so STS answers look as on AWS. */
export const OIDC_ISSUER = 'https://token.actions.githubusercontent.com';
export const TWIN_REPOSITORY = 'octo-org/infra';
const KEY_ID = 'twin-oidc-key-1';

let keys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

// One RSA key per process: generating it costs tens of milliseconds, and every twin may share it.
function keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  keys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  return keys;
}

function b64url(v: Buffer | string): string {
  return Buffer.from(v).toString('base64url');
}

/** Issues an RS256 JWT with the claims GitHub Actions puts in its OIDC tokens. */
export function issueIdToken(audience: string, opts: { ttlSeconds?: number; now?: number } = {}): string {
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  const header = { typ: 'JWT', alg: 'RS256', x5t: KEY_ID, kid: KEY_ID };
  const claims = {
    jti: randomUUID(),
    sub: `repo:${TWIN_REPOSITORY}:ref:refs/heads/main`,
    aud: audience,
    ref: 'refs/heads/main',
    sha: '0123456789abcdef0123456789abcdef01234567',
    repository: TWIN_REPOSITORY,
    repository_owner: 'octo-org',
    repository_owner_id: '1000001',
    repository_id: '2000002',
    repository_visibility: 'private',
    run_id: '3000003',
    run_number: '42',
    run_attempt: '1',
    actor: 'octocat',
    actor_id: '583231',
    workflow: 'security-review',
    workflow_ref: `${TWIN_REPOSITORY}/.github/workflows/security-review.yml@refs/heads/main`,
    workflow_sha: '0123456789abcdef0123456789abcdef01234567',
    job_workflow_ref: `${TWIN_REPOSITORY}/.github/workflows/security-review.yml@refs/heads/main`,
    job_workflow_sha: '0123456789abcdef0123456789abcdef01234567',
    head_ref: '',
    base_ref: '',
    event_name: 'schedule',
    ref_type: 'branch',
    ref_protected: 'true',
    runner_environment: 'github-hosted',
    iss: OIDC_ISSUER,
    nbf: now - 5,
    iat: now,
    exp: now + (opts.ttlSeconds ?? 300),
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(keyPair().privateKey);
  return `${signingInput}.${b64url(signature)}`;
}

export type TokenCheck =
  | { ok: true; claims: Record<string, unknown> }
  | {
      ok: false;
      reason: 'malformed' | 'signature' | 'issuer' | 'audience' | 'expired' | 'not-yet-valid';
      message: string;
    };

/** Checks a token the twin issued: signature, issuer, audience (one of `audiences`), `nbf` and `exp`. */
export function verifyIdToken(token: string, audiences: readonly string[], nowMs = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed', message: 'Token is not a JWT' };
  const [h = '', p = '', s = ''] = parts;
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'malformed', message: 'Token is not a JWT' };
  }
  if (header.alg !== 'RS256')
    return { ok: false, reason: 'signature', message: 'Unsupported token algorithm' };
  const valid = createVerify('RSA-SHA256')
    .update(`${h}.${p}`)
    .verify(keyPair().publicKey, Buffer.from(s, 'base64url'));
  if (!valid)
    return { ok: false, reason: 'signature', message: 'The signature of the web identity token is invalid' };
  if (claims.iss !== OIDC_ISSUER) return { ok: false, reason: 'issuer', message: 'Issuer not trusted' };
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => typeof a === 'string' && audiences.includes(a))) {
    return { ok: false, reason: 'audience', message: 'Incorrect token audience' };
  }
  const now = nowMs / 1000;
  if (typeof claims.exp !== 'number' || claims.exp <= now) {
    return { ok: false, reason: 'expired', message: 'Token expired' };
  }
  if (typeof claims.nbf === 'number' && claims.nbf > now + 60) {
    return { ok: false, reason: 'not-yet-valid', message: 'Token is not yet valid' };
  }
  return { ok: true, claims };
}

/** `/_twin/oidc`: the runner's ID-token endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`) and its discovery documents. */
export async function oidcControl(req: TwinRequest, ctx: TwinContext): Promise<TwinResponse | undefined> {
  const path = req.path.replace(/\/+$/, '');
  if (req.method !== 'GET' || !path.startsWith('/_twin/oidc')) return undefined;
  if (path === '/_twin/oidc/.well-known/openid-configuration') {
    return jsonResponse(200, {
      issuer: OIDC_ISSUER,
      jwks_uri: `${ctx.baseUrl}/_twin/oidc/.well-known/jwks`,
      subject_types_supported: ['public', 'pairwise'],
      response_types_supported: ['id_token'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: [
        'sub',
        'aud',
        'exp',
        'iat',
        'iss',
        'jti',
        'nbf',
        'ref',
        'repository',
        'repository_owner',
      ],
    });
  }
  if (path === '/_twin/oidc/.well-known/jwks') {
    const jwk = keyPair().publicKey.export({ format: 'jwk' });
    return jsonResponse(200, { keys: [{ ...jwk, kid: KEY_ID, alg: 'RS256', use: 'sig' }] });
  }
  if (path !== '/_twin/oidc') return undefined;
  const auth = String(req.headers.authorization ?? '');
  if (!/^Bearer \S+/.test(auth)) {
    return jsonResponse(401, { message: 'Bearer token (ACTIONS_ID_TOKEN_REQUEST_TOKEN) required' });
  }
  const audience = req.query.get('audience') ?? 'https://github.com/octo-org';
  // A negative ttl gives an already expired token, for testing that STS rejects it.
  const ttl = Number(req.query.get('ttl') ?? '300');
  return jsonResponse(200, {
    count: 1,
    value: issueIdToken(audience, { ttlSeconds: Number.isFinite(ttl) ? ttl : 300 }),
  });
}
