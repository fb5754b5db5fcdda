import type { ProjectListQueryDto, ProjectListSort } from './dto/project-list-query.dto';

/** The instant a row last changed: its latest audit event (every write records one), else its start or end. */
const UPDATED_AT = `GREATEST(project.started_at, project.finished_at, (SELECT audit.at FROM audit_events audit WHERE audit.project_id = project.id ORDER BY audit.seq DESC LIMIT 1))`;

/** UTC with microseconds: what the cursor carries, and a text that casts back to the same instant. */
const instantText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Per order: the sort column of `listed`, its direction, its cursor text and the cast that reads the cursor back. The id breaks ties. */
const ORDER: Record<ProjectListSort, { column: string; direction: 'ASC' | 'DESC'; text: string; cast: string }> = {
  updated: { column: 'updated_at', direction: 'DESC', text: instantText('listed.updated_at'), cast: 'timestamptz' },
  started: { column: 'started_at', direction: 'DESC', text: instantText('listed.started_at'), cast: 'timestamptz' },
  // Case-insensitive: a project named in lower case belongs among the others, not after Z.
  name: { column: 'name_key', direction: 'ASC', text: 'listed.name_key', cast: 'text' },
};

export interface ProjectListRow {
  id: string;
  name: string;
  definition_key: string;
  definition_version: number;
  status: string;
  team: string | null;
  customer_key: string | null;
  customer_name: string | null;
  current_stage: string | null;
  workflow_id: string;
  started_at: Date;
  updated_at: Date;
  open_tasks: number;
  open_incidents: number;
  /** The sort key as the cursor carries it. */
  sort_key: string;
}

export interface ProjectListSql {
  /** The page's projects plus one (which tells whether another page exists), in order, each with its counts. */
  page: { sql: string; params: unknown[] };
  count: { sql: string; params: unknown[] };
}

/**
 * The projects list as two statements: the page (the open task and incident counts are
 * computed for its rows only, after the limit) and the total. `readable` is the caller's
 * visibility condition on `project` (ProjectAccessService.readableCondition), built on the
 * same `param`.
 */
export function projectListSql(
  query: ProjectListQueryDto,
  readable: (param: (value: unknown) => string) => string | undefined,
  after?: [string, string],
): ProjectListSql {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const filters = [readable(param)];
  if (query.status) filters.push(`project.status = ${param(query.status)}`);
  if (query.definition) filters.push(`project.definition_key = ${param(query.definition)}`);
  if (query.definitionVersion !== undefined) filters.push(`project.definition_version = ${param(query.definitionVersion)}`);
  if (query.team) filters.push(`project.team = ${param(query.team)}`);
  if (query.customer) filters.push(`project.customer_key = ${param(query.customer)}`);
  if (query.stage) filters.push(`project.current_stage = ${param(query.stage)}`);
  if (query.startedAfter) filters.push(`project.started_at >= ${param(query.startedAfter)}::timestamptz`);
  if (query.startedBefore) filters.push(`project.started_at < ${param(query.startedBefore)}::timestamptz`);
  if (query.q) filters.push(`project.name ILIKE ${param(`%${query.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`)} ESCAPE '\\'`);
  const where = filters.filter(Boolean).join(' AND ') || 'true';
  const countParams = [...params];

  const order = ORDER[query.sort];
  const keyset = after
    ? `(listed.${order.column}, listed.id) ${order.direction === 'ASC' ? '>' : '<'} (${param(after[0])}::${order.cast}, ${param(after[1])}::uuid)`
    : 'true';
  const listed = `SELECT project.*, ${UPDATED_AT} AS updated_at, lower(project.name) AS name_key FROM projects project WHERE ${where}`;
  const page = `SELECT listed.*, ${order.text} AS sort_key FROM (${listed}) listed WHERE ${keyset} ORDER BY listed.${order.column} ${order.direction}, listed.id ${order.direction} LIMIT ${query.limit + 1}`;
  return {
    page: {
      sql: `SELECT paged.id, paged.name, paged.definition_key, paged.definition_version, paged.status, paged.team, paged.customer_key, customer.name AS customer_name,
          paged.current_stage, paged.started_at, paged.updated_at, paged.sort_key, paged.workflow_id,
          (SELECT count(*) FROM tasks task WHERE task.project_id = paged.id AND task.status = 'open')::int AS open_tasks,
          (SELECT count(*) FROM incidents incident WHERE incident.project_id = paged.id AND incident.status = 'open')::int AS open_incidents
        FROM (${page}) paged
        LEFT JOIN customers customer ON customer.key = paged.customer_key
        ORDER BY paged.${order.column} ${order.direction}, paged.id ${order.direction}`,
      params,
    },
    count: { sql: `SELECT count(*)::int AS total FROM projects project WHERE ${where}`, params: countParams },
  };
}
