import { type AuthUser, isOverseer } from '../auth/auth-user';

/**
 * The rule of the customer record as a condition on a projects row (alias `project`): overseers
 * read all; anyone else must be a member in a role their token carries that the project's
 * definition does not mark external, which is ProjectAccessService's 'read-internal' right,
 * asked set-based so that lists need no query per project. A customer reads no record: it
 * holds the company's view of them (churn score, complaints, class).
 */
export function internalReadCondition(user: AuthUser, param: (value: unknown) => string): string {
  if (isOverseer(user)) return 'true';
  if (user.roles.length === 0) return 'false';
  return `EXISTS (SELECT 1 FROM project_members member
      JOIN definition_versions version ON version.key = project.definition_key AND version.version = project.definition_version
     WHERE member.project_id = project.id AND member.user_id = ${param(user.userId)} AND member.role = ANY(${param(user.roles)})
       AND version.compiled->'roles' ? member.role
       AND COALESCE((version.compiled->'roles'->member.role->>'external')::boolean, false) = false)`;
}

/**
 * Who may change a customer's profile: admins, and members of one of their projects in a role
 * that starts projects of its definition (who also manage its team); never a customer.
 */
export function profileManagerCondition(user: AuthUser, param: (value: unknown) => string): string {
  if (user.roles.includes('admin')) return 'true';
  if (user.roles.length === 0) return 'false';
  return `EXISTS (SELECT 1 FROM project_members member
      JOIN definition_versions version ON version.key = project.definition_key AND version.version = project.definition_version
     WHERE member.project_id = project.id AND member.user_id = ${param(user.userId)} AND member.role = ANY(${param(user.roles)})
       AND version.compiled->'starters' ? member.role
       AND COALESCE((version.compiled->'roles'->member.role->>'external')::boolean, false) = false)`;
}
