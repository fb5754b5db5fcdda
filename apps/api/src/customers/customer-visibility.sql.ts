import { membershipCondition } from '@accord/persistence';
import { type AuthUser, isOverseer } from '../auth/auth-user';

/**
 * The rule of the customer record as a condition on a projects row (alias `project`): overseers
 * read all; anyone else must be a member in a role their token carries that the project's
 * definition does not mark external, which is ProjectAccessService's 'read-internal' right,
 * asked set-based so that lists need no query per project. A customer reads no record: it
 * holds the company's view of them (churn score, complaints, class).
 */
export function internalReadCondition(user: AuthUser, param: (value: unknown) => string): string {
  return isOverseer(user) ? 'true' : membershipCondition(user, { internal: true }, param);
}

/**
 * Who may change a customer's profile: admins, and members of one of their projects in a role
 * that starts projects of its definition (who also manage its team); never a customer.
 */
export function profileManagerCondition(user: AuthUser, param: (value: unknown) => string): string {
  return user.roles.includes('admin') ? 'true' : membershipCondition(user, { internal: true, starter: true }, param);
}
