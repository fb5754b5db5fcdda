import type { AuthUser } from '../auth/auth-user';
import { PRIORITY_RANK } from '@accord/persistence';
import type { InboxFilterDto, InboxQueryDto, InboxSort } from './dto/inbox-query.dto';
import type { SummarisedTask } from './task-summary';

/** Sort keys per order; the task id always breaks ties, so keyset pages never overlap. */
export const INBOX_ORDER: Record<InboxSort, string[]> = {
  created: ['created_at', 'id'],
  due: [`COALESCE(due_at, 'infinity'::timestamptz)`, 'id'],
  priority: ['priority', 'created_at', 'id'],
};

/** A task's due date as the indexed sort key: an undated task is due at infinity. */
const DUE_KEY = INBOX_ORDER.due[0];

interface Statement {
  sql: string;
  params: unknown[];
}

/** The columns of a task that lists show (see toSummary), named as TaskEntity names them. */
const SUMMARY_COLUMNS = [
  'id',
  'project_id AS "projectId"',
  'stage_id AS "stageId"',
  'step_id AS "stepId"',
  'kind',
  'title',
  'candidate_role AS "candidateRole"',
  'assignee_user AS "assigneeUser"',
  'claimed_by AS "claimedBy"',
  'priority',
  'paused_ms AS "pausedMs"',
  'paused_since AS "pausedSince"',
  'form_id AS "formId"',
  'outcomes',
  'status',
  'due_at AS "dueAt"',
  'created_at AS "createdAt"',
];

/**
 * A row of the inbox statement: the total, and one task of the page with its sort keys as
 * PostgreSQL text (so a cursor keeps full, microsecond, precision). An empty page is one row
 * holding the total alone, its task columns null.
 */
export type InboxRow = { total: string } & ((SummarisedTask & { key: string[] }) | { id: null });

/**
 * The status as a literal, not a parameter: the partial indexes hold only open tasks, and a
 * prepared statement's generic plan can use them only if the statement itself says 'open'.
 */
const STATUS_LITERAL: Record<InboxQueryDto['status'], string> = { open: `'open'`, completed: `'completed'`, cancelled: `'cancelled'`, expired: `'expired'` };

/** Collects the parameters of one statement and names each `$n`. */
class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The conditions of the inbox's filters (all but status, which picks the scopes). */
function filterConditions(query: InboxFilterDto, params: Parameters): string[] {
  const filters: string[] = [];
  if (query.project) filters.push(`project_id = ${params.add(query.project)}`);
  if (query.stage) filters.push(`stage_id = ${params.add(query.stage)}`);
  if (query.role) filters.push(`candidate_role = ${params.add(query.role)}`);
  if (query.priority) filters.push(`priority = ${params.add(PRIORITY_RANK[query.priority])}`);
  // Due-date filters are written on the indexed sort key, so counts stay index-only scans.
  if (query.dueBefore) filters.push(`${DUE_KEY} < ${params.add(query.dueBefore)}`);
  if (query.dueAfter) filters.push(`${DUE_KEY} > ${params.add(query.dueAfter)} AND due_at IS NOT NULL`);
  if (query.overdue === true) filters.push(`${DUE_KEY} < now()`);
  if (query.overdue === false) filters.push(`${DUE_KEY} >= now()`);
  if (query.q) filters.push(`title ILIKE ${params.add(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`);
  return filters;
}

/** The task's project has the caller as a member, in a role their token carries. */
function stillMember(me: string, user: AuthUser, params: Parameters): string {
  if (user.roles.length === 0) return 'false';
  return `project_id IN (SELECT project_id FROM project_members WHERE user_id = ${me} AND role = ANY(${params.add(user.roles)}))`;
}

/**
 * The ways a task reaches the caller, as conditions on `tasks`, disjoint by construction (a
 * task is offered to a role or assigned to a user, never both). The open inbox has one branch
 * per role the caller holds, so each walks partial indexes project by project.
 */
function scopes(user: AuthUser, status: InboxQueryDto['status'], params: Parameters): string[] {
  const me = params.add(user.userId);
  if (status === 'open') {
    return [
      ...user.roles.map((role) => {
        const held = params.add(role);
        return `candidate_role = ${held} AND claimed_by IS NULL AND project_id IN (SELECT project_id FROM project_members WHERE user_id = ${me} AND role = ${held})`;
      }),
      // What was handed to them personally, while they are still a member: someone who left sees nothing of it.
      `assignee_user = ${me} AND ${stillMember(me, user, params)}`,
      `claimed_by = ${me} AND candidate_role IS NOT NULL AND ${stillMember(me, user, params)}`,
    ];
  }
  return [
    `(assignee_user = ${me} OR completed_by = ${me}${
      user.roles.length > 0
        ? ` OR (candidate_role = ANY(${params.add(user.roles)}) AND EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = tasks.project_id AND m.user_id = ${me} AND m.role = tasks.candidate_role))`
        : ''
    })`,
  ];
}

/**
 * The inbox as one statement whose cost does not grow with the table: the page's tasks plus
 * one (which tells whether another page exists), in order, and the total. The page is a
 * UNION ALL of one branch per way a task reaches the caller; each branch walks partial indexes
 * in the requested order and stops after one page, and the total is a sum of index-only
 * counts. One statement, so that a page costs one round trip to PostgreSQL and reads one snapshot.
 */
export function inboxSql(user: AuthUser, query: InboxQueryDto, after?: (string | number)[]): Statement {
  const params = new Parameters();
  const filters = [`status = ${STATUS_LITERAL[query.status]}`, ...filterConditions(query, params)];
  const branches = scopes(user, query.status, params);

  const keys = INBOX_ORDER[query.sort];
  const cursor = after ? `(${keys.join(', ')}) > (${after.map((value) => params.add(value)).join(', ')})` : undefined;
  const take = query.limit + 1;
  const branch = (scope: string) =>
    `(SELECT id, ${keys
      .slice(0, -1)
      .map((key, index) => `${key} AS k${index}`)
      .join(
        ', ',
      )}${keys.length > 1 ? ', ' : ''}id AS tie FROM tasks WHERE ${[scope, ...filters, cursor].filter(Boolean).join(' AND ')} ORDER BY ${keys.join(', ')} LIMIT ${take})`;
  const outerKeys = [...keys.slice(0, -1).map((_, index) => `k${index}`), 'tie'];
  const page = `SELECT id, ${outerKeys.join(', ')}, ARRAY[${outerKeys.map((key) => `${key}::text`).join(', ')}] AS key FROM (${branches.map(branch).join(' UNION ALL ')}) AS inbox ORDER BY ${outerKeys.join(', ')} LIMIT ${take}`;
  // The filters only: a cursor moves the page, not the total.
  const total = branches.map((scope) => `(SELECT count(*) FROM tasks WHERE ${[scope, ...filters].join(' AND ')})`).join(' + ');
  return {
    // The left join keeps one row (with the total) when the page is empty.
    sql: `SELECT ${total} AS total, ${SUMMARY_COLUMNS.map((column) => `tasks.${column}`).join(', ')}, page.key
      FROM (VALUES (1)) AS always_one_row LEFT JOIN ((${page}) AS page JOIN tasks ON tasks.id = page.id) ON true
      ORDER BY ${outerKeys.map((key) => `page.${key}`).join(', ')}`,
    params: params.values,
  };
}

/** How many open tasks each of the inbox's filters would show (within `PROJECT_COUNTS_SHOWN` projects). */
export const PROJECT_COUNTS_SHOWN = 20;

/**
 * One statement counting the caller's open inbox under each filter value it can choose:
 * overdue, each priority, each role, each project (the busiest first). The counts take the
 * search text into account but no other filter, so each says what choosing it would show.
 */
export function inboxCountsSql(user: AuthUser, query: Pick<InboxFilterDto, 'q'>): Statement {
  const params = new Parameters();
  const filters = [`status = 'open'`, ...filterConditions({ q: query.q }, params)];
  const branches = scopes(user, 'open', params).map(
    (scope) => `SELECT project_id, candidate_role, priority, ${DUE_KEY} AS due FROM tasks WHERE ${[scope, ...filters].join(' AND ')}`,
  );
  return {
    sql: `WITH inbox AS (${branches.join(' UNION ALL ')})
      SELECT
        (SELECT count(*) FROM inbox) AS open,
        (SELECT count(*) FROM inbox WHERE due < now()) AS overdue,
        (SELECT coalesce(json_object_agg(priority, n), '{}') FROM (SELECT priority, count(*) AS n FROM inbox GROUP BY priority) AS p) AS priorities,
        (SELECT coalesce(json_agg(json_build_object('role', candidate_role, 'count', n) ORDER BY candidate_role), '[]')
           FROM (SELECT candidate_role, count(*) AS n FROM inbox WHERE candidate_role IS NOT NULL GROUP BY candidate_role) AS r) AS roles,
        (SELECT coalesce(json_agg(json_build_object('projectId', p.project_id, 'name', projects.name, 'count', p.n) ORDER BY p.n DESC, projects.name), '[]')
           FROM (SELECT project_id, count(*) AS n FROM inbox GROUP BY project_id ORDER BY count(*) DESC, project_id LIMIT ${PROJECT_COUNTS_SHOWN}) AS p
           JOIN projects ON projects.id = p.project_id) AS projects`,
    params: params.values,
  };
}
