import type { DataSource, EntityManager } from 'typeorm';

/**
 * One statement for every figure the metrics read from the read model. Each part is served by a
 * partial or leading index (open tasks, open incidents, the outbox by status, and the escalation
 * rows of the audit trail, whose index's condition is this query's: change both together).
 */
export const READ_MODEL_SNAPSHOT_SQL = `SELECT
  (SELECT count(*) FROM tasks WHERE status = 'open') AS open_tasks,
  (SELECT count(*) FROM tasks WHERE status = 'open' AND due_at < now()) AS overdue_tasks,
  (SELECT count(*) FROM incidents WHERE status = 'open') AS open_incidents,
  (SELECT count(*) FROM notifications WHERE status = 'pending') AS notification_backlog,
  (SELECT count(*) FROM notifications WHERE status = 'dead') AS notification_dead_letters,
  (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM notifications WHERE status = 'pending') AS oldest_pending_notification_seconds,
  (SELECT coalesce(json_object_agg(action, n), '{}') FROM (
     SELECT action, count(*) AS n FROM audit_events
     WHERE action IN ('task.reminded', 'task.escalated', 'task.auto-decided') OR (action = 'task.reassigned' AND actor = 'system')
     GROUP BY action) AS fired) AS escalations`;

/** The read model's figures as the pg driver returns them (counts are bigint, so text). */
export interface ReadModelSnapshotRow {
  open_tasks: string;
  overdue_tasks: string;
  open_incidents: string;
  notification_backlog: string;
  notification_dead_letters: string;
  oldest_pending_notification_seconds: string | number;
  escalations: Record<string, string | number>;
}

/** Every figure the metrics read from the read model, in one statement. */
export async function loadReadModelSnapshot(db: DataSource | EntityManager): Promise<ReadModelSnapshotRow> {
  const [row] = (await db.query(READ_MODEL_SNAPSHOT_SQL)) as ReadModelSnapshotRow[];
  return row;
}
