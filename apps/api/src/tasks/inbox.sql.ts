import type { AuthUser } from '../auth/auth-user';
import { PRIORITY_RANK } from '@accord/persistence';
import type { InboxQueryDto, InboxSort } from './dto/inbox-query.dto';

/** Sort keys per order; the task id always breaks ties, so keyset pages never overlap. */
export const INBOX_ORDER: Record<InboxSort, string[]> = {
  created: ['created_at', 'id'],
  due: [`COALESCE(due_at, 'infinity'::timestamptz)`, 'id'],
  priority: ['priority', 'created_at', 'id'],
};

export interface InboxSql {
  /**
   * Ids of the page's tasks plus one (which tells whether another page exists), in order,
   * with their sort keys as PostgreSQL text so a cursor keeps full (microsecond) precision.
   */
  page: { sql: string; params: unknown[] };
  count: { sql: string; params: unknown[] };
}

/**
 * The inbox as SQL whose cost does not grow with the table: an open inbox is a UNION ALL
 * of one branch per way a task reaches the caller (each role they hold in their projects,
 * assigned to them, claimed by them); each branch walks partial indexes in the requested
 * order and stops after one page, and the count is a sum of index-only counts.
 */
export function inboxSql(user: AuthUser, query: InboxQueryDto, after?: (string | number)[]): InboxSql {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const filters = [`status = ${param(query.status)}`];
  if (query.project) filters.push(`project_id = ${param(query.project)}`);
  if (query.stage) filters.push(`stage_id = ${param(query.stage)}`);
  if (query.priority) filters.push(`priority = ${param(PRIORITY_RANK[query.priority])}`);
  // Due-date filters are written on the indexed sort key (an undated task is due at infinity),
  // so counts stay index-only scans.
  const due = INBOX_ORDER.due[0];
  if (query.dueBefore) filters.push(`${due} < ${param(query.dueBefore)}`);
  if (query.dueAfter) filters.push(`${due} > ${param(query.dueAfter)} AND due_at IS NOT NULL`);
  if (query.overdue === true) filters.push(`${due} < now()`);
  if (query.overdue === false) filters.push(`${due} >= now()`);
  if (query.q) filters.push(`title ILIKE ${param(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`);

  const me = param(user.userId);
  // Disjoint by construction: a task is offered to a role or assigned to a user, never both.
  const scopes =
    query.status === 'open'
      ? [
          // Offered to a role the caller holds in the task's project: walked project by project.
          ...user.roles.map((role) => {
            const held = param(role);
            return `candidate_role = ${held} AND claimed_by IS NULL AND project_id IN (SELECT project_id FROM project_members WHERE user_id = ${me} AND role = ${held})`;
          }),
          `assignee_user = ${me}`,
          `claimed_by = ${me} AND candidate_role IS NOT NULL`,
        ]
      : [
          `(assignee_user = ${me} OR completed_by = ${me}${
            user.roles.length > 0 ? ` OR (candidate_role = ANY(${param(user.roles)}) AND EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = tasks.project_id AND m.user_id = ${me} AND m.role = tasks.candidate_role))` : ''
          })`,
        ];

  const countParams = [...params];
  const keys = INBOX_ORDER[query.sort];
  const cursor = after ? `(${keys.join(', ')}) > (${after.map(param).join(', ')})` : undefined;
  const take = query.limit + 1;
  const branch = (scope: string) =>
    `(SELECT id, ${keys.slice(0, -1).map((key, index) => `${key} AS k${index}`).join(', ')}${keys.length > 1 ? ', ' : ''}id AS tie FROM tasks WHERE ${[scope, ...filters, cursor].filter(Boolean).join(' AND ')} ORDER BY ${keys.join(', ')} LIMIT ${take})`;
  const outerKeys = [...keys.slice(0, -1).map((_, index) => `k${index}`), 'tie'];
  return {
    page: {
      sql: `SELECT id, ARRAY[${outerKeys.map((key) => `${key}::text`).join(', ')}] AS key FROM (${scopes.map(branch).join(' UNION ALL ')}) AS inbox ORDER BY ${outerKeys.join(', ')} LIMIT ${take}`,
      params,
    },
    count: { sql: `SELECT ${scopes.map((scope) => `(SELECT count(*) FROM tasks WHERE ${[scope, ...filters].join(' AND ')})`).join(' + ')} AS total`, params: countParams },
  };
}
