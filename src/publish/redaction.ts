import type { Config, RedactKind } from '../config/types.js';
import { describeError } from '../errors.js';
import { FULL_REDACTION, NO_REDACTION, type Redaction } from '../report/redact.js';
import type { PublishDeps } from './types.js';

const KIND_FIELD: Record<RedactKind, keyof Redaction> = {
  'account-ids': 'accountIds',
  'ip-addresses': 'ipAddresses',
  'access-key-ids': 'accessKeyIds',
};

/**
 * What to mask in published renderings. `auto` asks GitHub whether the repository is public and masks
 * everything when it is, or when that cannot be known (no token, no repository, an API error): fail safe.
 */
export async function resolveRedaction(config: Config, deps: PublishDeps): Promise<Redaction> {
  const redact = config.reporting.redact;
  switch (redact.mode) {
    case 'none':
      return { ...NO_REDACTION };
    case 'list': {
      const r = { ...NO_REDACTION };
      for (const k of redact.kinds) r[KIND_FIELD[k]] = true;
      return r;
    }
    case 'auto':
      return autoRedaction(deps);
  }
}

async function autoRedaction(deps: PublishDeps): Promise<Redaction> {
  const [owner, repo] = (deps.context.repository ?? '').split('/');
  if (!deps.github || !owner || !repo) {
    deps.logger.info(
      'redact: auto: repository visibility unknown (no GitHub token or repository); masking account ids, IPs and access keys',
    );
    return { ...FULL_REDACTION };
  }
  try {
    const r = await deps.github.getRepository(owner, repo);
    const isPublic = r.visibility ? r.visibility === 'public' : !r.private;
    deps.logger.info(
      `redact: auto: ${deps.context.repository} is ${isPublic ? 'public; masking account ids, IPs and access keys' : 'not public; nothing masked'}`,
    );
    return isPublic ? { ...FULL_REDACTION } : { ...NO_REDACTION };
  } catch (err) {
    deps.logger.warning(
      `redact: auto: could not read the repository's visibility (${describeError(err)}); masking to be safe`,
    );
    return { ...FULL_REDACTION };
  }
}
