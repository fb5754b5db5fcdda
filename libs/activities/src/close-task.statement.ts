import type { AuditEntry } from '@accord/contracts';

/** A task closed: by whom and how, the record of its own that closes with it, and its audit entry. */
export interface TaskClosed {
  taskId: string;
  status: 'completed' | 'cancelled' | 'expired';
  at: string;
  completedBy?: string;
  outcome?: string;
  data?: Record<string, unknown>;
  comment?: string;
  requestId?: string;
  /** The record of its own that closes with it, for a meeting or an action item. */
  record?: 'meeting' | 'action-item';
  audit: AuditEntry;
}

/**
 * Closing a task as one statement: its updates as data-modifying CTEs, the audit entry as the
 * statement's own insert. A statement is atomic on its own, so this is one round trip to
 * PostgreSQL where a transaction took four (BEGIN, UPDATE, INSERT, COMMIT); on a decision's
 * critical path that round trip is most of what the write costs (docs/benchmarks.md).
 * Only an open task (a scheduled meeting, an open action item) changes, and the audit id
 * ignores a conflict, so a retry writes nothing twice.
 */
export function closeTaskStatement(closed: TaskClosed): { sql: string; parameters: unknown[] } {
  const { param, parameters } = boundParameters();
  const id = param(closed.taskId);
  const at = param(closed.at, '::timestamptz');
  const by = param(closed.completedBy ?? null, '::text');
  // SQL NULL, not JSON null, when the decision carried no data: as the column held before.
  const data = param(closed.data == null ? null : JSON.stringify(closed.data), '::jsonb');
  const held = closed.status === 'completed';

  const updates = [
    `task AS (UPDATE tasks SET status = ${param(closed.status)}, closed_at = ${at}, completed_by = ${by}, outcome = ${param(closed.outcome ?? null, '::text')},
       completion_data = ${data}, comment = ${param(closed.comment ?? null, '::text')}, completion_request_id = ${param(closed.requestId ?? null, '::text')}
     WHERE id = ${id} AND status = 'open')`,
  ];
  if (closed.record === 'meeting') {
    updates.push(
      held
        ? `meeting AS (UPDATE meetings SET status = 'held', held_at = ${at}, recorded_by = ${by}, minutes = ${data} WHERE id = ${id} AND status = 'scheduled')`
        : `meeting AS (UPDATE meetings SET status = 'cancelled' WHERE id = ${id} AND status = 'scheduled')`,
    );
  }
  if (closed.record === 'action-item') {
    updates.push(
      `action_item AS (UPDATE action_items SET status = ${param(held ? 'done' : 'cancelled')}, closed_at = ${at}, closed_by = ${by} WHERE id = ${id} AND status = 'open')`,
    );
  }

  const sql = `WITH ${updates.join(',\n')}
    ${auditInsert(closed.audit, param)}`;
  return { sql, parameters };
}

/**
 * The insert of an audit entry, its values bound through `param`: on its own (appendAudit) or as
 * the statement a close ends with. A conflict on its deterministic id is a retry: nothing happens.
 */
export function auditInsert(audit: AuditEntry, param: (value: unknown, cast?: string) => string): string {
  return `INSERT INTO audit_events (id, project_id, action, actor, at, subject, reason, request_id, detail)
    VALUES (${[audit.id, audit.projectId, audit.action, audit.actor].map((value) => param(value)).join(', ')}, ${param(audit.at, '::timestamptz')},
      ${param(audit.subject ?? null, '::text')}, ${param(audit.reason ?? null, '::text')}, ${param(audit.requestId ?? null, '::text')}, ${param(JSON.stringify(audit.detail), '::jsonb')})
    ON CONFLICT DO NOTHING`;
}

/** Values for one statement's `$n` placeholders: `param` binds one (with an optional cast) and returns its placeholder. */
export function boundParameters(): { param: (value: unknown, cast?: string) => string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  return { parameters, param: (value, cast = '') => `$${parameters.push(value)}${cast}` };
}
