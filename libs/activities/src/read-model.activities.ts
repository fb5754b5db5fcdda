import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Assignee, AuditEntry, CustomerRef, OpenedTask, ProjectMember, ProjectStatus } from '@accord/contracts';
import { auditInsert, boundParameters, closeTaskStatement, type TaskClosed } from './close-task.statement';
import { createCustomerReviewActivities } from './customer-review.activities';
import { createExpectationActivities } from './expectation.activities';
import { withClassifiedFailures } from './failure-classification';
import { createIncidentActivities } from './incident.activities';
import { createProjectRoleActivities } from './project-role.activities';
import {
  ActionItemEntity,
  CustomerEntity,
  MeetingEntity,
  NotificationEntity,
  type NotificationKind,
  PRIORITY_RANK,
  ProjectEntity,
  ProjectMemberEntity,
  TaskEntity,
} from '@accord/persistence';

export interface ActivityDependencies {
  dataSource: DataSource;
}

export interface ProjectStarted {
  projectId: string;
  name: string;
  definitionKey: string;
  definitionVersion: number;
  workflowId: string;
  team?: string;
  customer?: CustomerRef;
  startedBy: string;
  members: ProjectMember[];
  at: string;
  audit: AuditEntry;
}

export interface MembersChanged {
  projectId: string;
  add: ProjectMember[];
  remove: ProjectMember[];
  by: string;
  at: string;
  audit: AuditEntry;
}

export interface ProjectStatusChange {
  projectId: string;
  status: ProjectStatus;
  currentStage: string | null;
  finished: boolean;
  at: string;
  audit: AuditEntry;
}

export interface ProjectMigrated {
  projectId: string;
  definitionVersion: number;
  audit: AuditEntry;
}

/** Who a task is offered to and who claimed it, after a claim, release, delegation or reassignment. */
export interface TaskAssignment {
  taskId: string;
  assignee: Assignee;
  claimedBy: string | null;
  audit: AuditEntry;
}

/** A task's SLA clock stopped or started again. */
export interface TaskPauseChanged {
  taskId: string;
  pausedSince: string | null;
  pausedMs: number;
  dueAt: string | null;
  audit: AuditEntry;
}

/** A message for the outbox; the id is deterministic so a retried activity queues it once. */
export interface NotificationRequest {
  id: string;
  projectId: string;
  taskId?: string;
  kind: NotificationKind;
  recipient: Assignee;
  subject: string;
  body: string;
  at: string;
  /** Absent when the fact was audited with the change that caused the message (a reassignment). */
  audit?: AuditEntry;
}

export type { TaskClosed } from './close-task.statement';

/**
 * The activities through which workflows write the read model. Each is idempotent:
 * rows have deterministic ids and inserts ignore conflicts, so Temporal may retry freely.
 */
export function createActivities({ dataSource }: ActivityDependencies) {
  const appendAudit = (db: EntityManager, entry: AuditEntry) => {
    const { param, parameters } = boundParameters();
    return db.query(auditInsert(entry, param), parameters);
  };

  const addMembers = async (db: EntityManager, projectId: string, members: ProjectMember[], by: string, at: string) => {
    if (members.length === 0) return;
    await db
      .createQueryBuilder()
      .insert()
      .into(ProjectMemberEntity)
      .values(members.map((member) => ({ projectId, userId: member.user, role: member.role, addedBy: by, addedAt: new Date(at) })))
      .orIgnore()
      .execute();
  };

  return withClassifiedFailures({
    ...createExpectationActivities({ dataSource }, appendAudit),
    ...createIncidentActivities({ dataSource }, appendAudit),
    ...createCustomerReviewActivities({ dataSource }, appendAudit),
    ...createProjectRoleActivities({ dataSource }),

    async recordProjectStarted(started: ProjectStarted): Promise<void> {
      await dataSource.transaction(async (db) => {
        await db
          .createQueryBuilder()
          .insert()
          .into(ProjectEntity)
          .values({
            id: started.projectId,
            name: started.name,
            definitionKey: started.definitionKey,
            definitionVersion: started.definitionVersion,
            status: 'running',
            currentStage: null,
            workflowId: started.workflowId,
            team: started.team ?? null,
            customerKey: started.customer?.key ?? null,
            startedBy: started.startedBy,
            startedAt: new Date(started.at),
            finishedAt: null,
          })
          .orIgnore()
          .execute();
        if (started.customer) {
          // The first project names the customer; later ones keep the name their record has.
          await db
            .createQueryBuilder()
            .insert()
            .into(CustomerEntity)
            .values({ key: started.customer.key, name: started.customer.name, firstProjectAt: new Date(started.at) })
            .orIgnore()
            .execute();
          // An imported customer exists before their first project, which dates them now.
          await db.update(CustomerEntity, { key: started.customer.key, firstProjectAt: IsNull() }, { firstProjectAt: new Date(started.at) });
        }
        await addMembers(db, started.projectId, started.members, started.startedBy, started.at);
        await appendAudit(db, started.audit);
      });
    },

    async recordProjectStatus(change: ProjectStatusChange): Promise<void> {
      await dataSource.transaction(async (db) => {
        // A project that has finished stays finished: nothing turns it back to running.
        await db.update(
          ProjectEntity,
          { id: change.projectId, finishedAt: IsNull() },
          { status: change.status, currentStage: change.currentStage, finishedAt: change.finished ? new Date(change.at) : null },
        );
        await appendAudit(db, change.audit);
      });
    },

    async recordMembersChanged(change: MembersChanged): Promise<void> {
      await dataSource.transaction(async (db) => {
        await addMembers(db, change.projectId, change.add, change.by, change.at);
        for (const member of change.remove) await db.delete(ProjectMemberEntity, { projectId: change.projectId, userId: member.user, role: member.role });
        await appendAudit(db, change.audit);
      });
    },

    async recordProjectMigrated(migrated: ProjectMigrated): Promise<void> {
      await dataSource.transaction(async (db) => {
        await db.update(ProjectEntity, { id: migrated.projectId }, { definitionVersion: migrated.definitionVersion });
        await appendAudit(db, migrated.audit);
      });
    },

    async openTask(task: OpenedTask & { audit: AuditEntry }): Promise<void> {
      await dataSource.transaction(async (db) => {
        await db
          .createQueryBuilder()
          .insert()
          .into(TaskEntity)
          .values({
            id: task.id,
            projectId: task.projectId,
            workflowId: task.workflowId,
            stageId: task.stageId,
            stepId: task.stepId,
            kind: task.kind,
            title: task.title,
            candidateRole: 'role' in task.assignee ? task.assignee.role : null,
            assigneeUser: 'user' in task.assignee ? task.assignee.user : null,
            formId: task.form ?? null,
            claimedBy: null,
            priority: PRIORITY_RANK[task.priority],
            pausedMs: '0',
            pausedSince: null,
            outcomes: task.outcomes,
            status: 'open',
            dueAt: task.dueAt ? new Date(task.dueAt) : null,
            createdAt: new Date(task.openedAt),
            agenda: task.agenda ?? null,
            submittedBy: task.submittedBy ?? null,
          })
          .orIgnore()
          .execute();
        if (task.meeting) {
          await db
            .createQueryBuilder()
            .insert()
            .into(MeetingEntity)
            .values({
              id: task.id,
              projectId: task.projectId,
              stageId: task.stageId,
              stepId: task.stepId,
              title: task.title,
              organizer: task.assignee,
              attendees: task.meeting.attendees as QueryDeepPartialEntity<Assignee>[],
              agenda: task.agenda ?? [],
              status: 'scheduled',
              scheduledAt: new Date(task.openedAt),
            })
            .orIgnore()
            .execute();
        }
        if (task.actionItem) {
          const { meetingId, index, item, owner, due } = task.actionItem;
          await db
            .createQueryBuilder()
            .insert()
            .into(ActionItemEntity)
            .values({
              id: task.id,
              projectId: task.projectId,
              meetingId,
              index,
              item,
              owner,
              due,
              dueAt: task.dueAt ? new Date(task.dueAt) : null,
              status: 'open',
              openedAt: new Date(task.openedAt),
            })
            .orIgnore()
            .execute();
        }
        await appendAudit(db, task.audit);
      });
    },

    async recordTaskPause(change: TaskPauseChanged): Promise<void> {
      await dataSource.transaction(async (db) => {
        await db.update(
          TaskEntity,
          { id: change.taskId, status: 'open' },
          {
            pausedSince: change.pausedSince ? new Date(change.pausedSince) : null,
            pausedMs: String(change.pausedMs),
            dueAt: change.dueAt ? new Date(change.dueAt) : null,
          },
        );
        await appendAudit(db, change.audit);
      });
    },

    async recordTaskAssignment(assignment: TaskAssignment): Promise<void> {
      await dataSource.transaction(async (db) => {
        await db.update(
          TaskEntity,
          { id: assignment.taskId, status: 'open' },
          {
            candidateRole: 'role' in assignment.assignee ? assignment.assignee.role : null,
            assigneeUser: 'user' in assignment.assignee ? assignment.assignee.user : null,
            claimedBy: assignment.claimedBy,
          },
        );
        await appendAudit(db, assignment.audit);
      });
    },

    /** Queues a notification in the outbox, in the same transaction as its audit entry. */
    async enqueueNotification(request: NotificationRequest): Promise<void> {
      await dataSource.transaction(async (db) => {
        await db
          .createQueryBuilder()
          .insert()
          .into(NotificationEntity)
          .values({
            id: request.id,
            projectId: request.projectId,
            taskId: request.taskId ?? null,
            kind: request.kind,
            recipientRole: 'role' in request.recipient ? request.recipient.role : null,
            recipientUser: 'user' in request.recipient ? request.recipient.user : null,
            subject: request.subject,
            body: request.body,
            createdAt: new Date(request.at),
            attempts: 0,
          })
          .orIgnore()
          .execute();
        if (request.audit) await appendAudit(db, request.audit);
      });
    },

    async closeTask(closed: TaskClosed): Promise<void> {
      const { sql, parameters } = closeTaskStatement(closed);
      await dataSource.query(sql, parameters);
    },

    async recordAudit(entry: AuditEntry): Promise<void> {
      await appendAudit(dataSource.manager, entry);
    },
  });
}

export type AccordActivities = ReturnType<typeof createActivities>;
