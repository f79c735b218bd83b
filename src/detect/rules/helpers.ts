/** Small constructors that keep the rule pack readable; they build plain condition data. */
import type { Condition, FieldCondition } from '../schema.js';

/** The event name is one of these. */
export const names = (...n: string[]): Condition => ({ field: 'name', in: n });
/** Every condition holds. */
export const all = (...c: Condition[]): Condition => ({ all: c });
/** At least one condition holds. */
export const any = (...c: Condition[]): Condition => ({ any: c });
/** The condition does not hold. */
export const not = (c: Condition): Condition => ({ not: c });
/** A field condition. */
export const f = (field: string, op: Omit<FieldCondition, 'field'>): Condition =>
  ({ field, ...op }) as Condition;
/** A request parameter path. */
export const rp = (path: string): string => `raw.requestParameters.${path}`;

/** Some statement of the policy at `path` (an object or embedded JSON string) allows everyone (`*`) with no Condition. */
export const policyAllowsEveryone = (path: string): Condition =>
  f(`${path}.Statement`, {
    some: all(
      f('Effect', { equals: 'Allow' }),
      any(f('Principal', { equals: '*' }), f('Principal.AWS', { equals: '*' })),
      f('Condition', { exists: false }),
    ),
  });

/** The call was made by the principal on itself (the target user is the caller). */
export const onSelf = (userField: string): Condition =>
  any(f(userField, { equalsField: 'principal.userName' }), f('principal.arn', { endsWithField: userField }));
