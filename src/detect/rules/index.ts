/** The built-in rule pack, grouped by domain. */
import type { RuleInput } from '../schema.js';
import { ACCOUNT_RULES } from './account.js';
import { attemptRule } from './attempts.js';
import { COMPUTE_RULES } from './compute.js';
import { CROSS_ACCOUNT_RULES } from './cross-account.js';
import { DATA_RULES } from './data.js';
import { IDENTITY_RULES } from './identity.js';
import { LOGGING_RULES } from './logging.js';
import { MONITORING_RULES } from './monitoring.js';
import { NETWORK_RULES } from './network.js';

const DOMAIN_RULES: readonly RuleInput[] = [
  ...LOGGING_RULES,
  ...IDENTITY_RULES,
  ...NETWORK_RULES,
  ...DATA_RULES,
  ...MONITORING_RULES,
  ...COMPUTE_RULES,
  ...ACCOUNT_RULES,
  ...CROSS_ACCOUNT_RULES,
];

export const BUILTIN_RULES: readonly RuleInput[] = [
  ...DOMAIN_RULES,
  // Built from the rules above: failed calls that they would have flagged had they succeeded.
  attemptRule(DOMAIN_RULES),
];
