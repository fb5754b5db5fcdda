import type { EntityManager } from 'typeorm';
import type { AuditAction, TaskKind } from '@accord/contracts';
import type { TimelineSource } from '@accord/domain';

interface Row {
  action: AuditAction;
  at: Date;
  actor: string;
  subject: string | null;
  detail: Record<string, unknown>;
  kind: TaskKind | null;
  form_id: string | null;
  stage_id: string | null;
  title: string | null;
}

/** A project's audit trail in order, each row with the task it is about: what `projectTimeline` reads. */
export async function loadTimelineSources(db: EntityManager, projectId: string): Promise<TimelineSource[]> {
  const rows: Row[] = await db.query(
    `SELECT audit.action, audit.at, audit.actor, audit.subject, audit.detail, task.kind, task.form_id, task.stage_id, task.title
       FROM audit_events audit LEFT JOIN tasks task ON task.id = audit.subject AND task.project_id = audit.project_id
      WHERE audit.project_id = $1 ORDER BY audit.seq`,
    [projectId],
  );
  return rows.map((row) => ({
    action: row.action,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    subject: row.subject,
    detail: row.detail,
    task: row.stage_id && row.kind ? { kind: row.kind, form: row.form_id, stageId: row.stage_id, title: row.title ?? '' } : undefined,
  }));
}
