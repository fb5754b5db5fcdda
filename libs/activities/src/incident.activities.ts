import { type DataSource, type EntityManager, In } from 'typeorm';
import type { AuditEntry, IncidentRaised, IncidentResolved } from '@accord/contracts';
import { ActionItemEntity, IncidentEntity, MeetingEntity, ProjectEntity, TaskEntity } from '@accord/persistence';

type Audit = (db: EntityManager, entry: AuditEntry) => Promise<unknown>;

/** A project ended by an admin: what its `recordProjectCancelled` activity writes. */
export interface ProjectCancelled {
  projectId: string;
  reason: string;
  at: string;
  audit: AuditEntry;
}

/** The open tasks a skipped stage left behind (its workflows' ids start with the prefix), closed as cancelled. */
export interface StageTasksAbandoned {
  projectId: string;
  workflowIdPrefix: string;
  reason: string;
  at: string;
  audit: AuditEntry;
}

/** Closes open tasks as cancelled, with the meeting or action-item record each may have. */
async function cancelTasks(db: EntityManager, ids: string[], at: Date, reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db.update(TaskEntity, { id: In(ids), status: 'open' }, { status: 'cancelled', closedAt: at, comment: reason });
  await db.update(MeetingEntity, { id: In(ids), status: 'scheduled' }, { status: 'cancelled' });
  await db.update(ActionItemEntity, { id: In(ids), status: 'open' }, { status: 'cancelled', closedAt: at });
}

/** Incidents and their resolutions, and the end of a cancelled project (R-REL-2). */
export function createIncidentActivities({ dataSource }: { dataSource: DataSource }, appendAudit: Audit) {
  return {
    async recordIncident(incident: IncidentRaised): Promise<void> {
      await dataSource.transaction(async (db) => {
        await db
          .createQueryBuilder()
          .insert()
          .into(IncidentEntity)
          .values({
            id: incident.id,
            projectId: incident.projectId,
            workflowId: incident.workflowId,
            stageId: incident.stageId,
            stepId: incident.stepId,
            kind: incident.kind,
            failedWorkflowId: incident.failedWorkflowId,
            activity: incident.activity,
            errorType: incident.errorType,
            message: incident.message,
            attempts: incident.attempts,
            skippable: incident.skippable,
            status: 'open',
            openedAt: new Date(incident.at),
          })
          .orIgnore()
          .execute();
        await appendAudit(db, incident.audit);
      });
    },

    async recordIncidentResolved(resolved: IncidentResolved): Promise<void> {
      await dataSource.transaction(async (db) => {
        await db.update(
          IncidentEntity,
          { id: resolved.id, status: 'open' },
          {
            status: 'resolved',
            resolution: resolved.action,
            resolvedBy: resolved.resolvedBy,
            resolvedAt: new Date(resolved.at),
            resolutionReason: resolved.reason,
          },
        );
        await appendAudit(db, resolved.audit);
      });
    },

    async closeAbandonedTasks(abandoned: StageTasksAbandoned): Promise<void> {
      const at = new Date(abandoned.at);
      await dataSource.transaction(async (db) => {
        const open: { id: string }[] = await db.query(
          `SELECT id FROM tasks WHERE project_id = $1 AND status = 'open' AND (workflow_id = $2 OR workflow_id LIKE $3)`,
          [abandoned.projectId, abandoned.workflowIdPrefix, `${abandoned.workflowIdPrefix.replace(/[\\%_]/g, (character) => `\\${character}`)}/%`],
        );
        const ids = open.map((task) => task.id);
        await cancelTasks(db, ids, at, abandoned.reason);
        await appendAudit(db, { ...abandoned.audit, detail: { ...abandoned.audit.detail, tasks: ids } });
      });
    },

    /** Ends the project as cancelled: open tasks, meetings and action items close, open incidents resolve as `cancel`. */
    async recordProjectCancelled(cancelled: ProjectCancelled): Promise<void> {
      const at = new Date(cancelled.at);
      await dataSource.transaction(async (db) => {
        await db.update(ProjectEntity, { id: cancelled.projectId }, { status: 'cancelled', currentStage: null, finishedAt: at });
        const open = await db.find(TaskEntity, { select: { id: true }, where: { projectId: cancelled.projectId, status: 'open' } });
        const ids = open.map((task) => task.id);
        await cancelTasks(db, ids, at, `Project cancelled: ${cancelled.reason}`);
        await db.update(
          IncidentEntity,
          { projectId: cancelled.projectId, status: 'open' },
          { status: 'resolved', resolution: 'cancel', resolvedBy: cancelled.audit.actor, resolvedAt: at, resolutionReason: cancelled.reason },
        );
        await appendAudit(db, cancelled.audit);
      });
    },
  };
}
