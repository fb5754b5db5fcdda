import { ApplicationFailure } from '@temporalio/common';
import type { AccordActivities, NotificationRequest, ProjectEventRaised, ReadingsRecorded, TaskClosed } from '@accord/activities';
import {
  type Assignee,
  type AuditEntry,
  CHANGE_REQUEST_SIGNAL,
  COMPLAINT_SIGNAL,
  type DeviationAnalysis,
  type DocumentChange,
  type ExpectationDocument,
  FailureType,
  FEEDBACK_SIGNALS,
  type IncidentRaised,
  type IncidentResolved,
  type MetricReading,
  type OpenedTask,
  type ProjectKpis,
  type ProjectMember,
  type ProjectStatus,
  type SmartGoal,
} from '@accord/contracts';
import { composeDeviationAnalysis, computeProjectKpis, diffExpectationDocuments, prefilledAgenda, recommendIncentives } from '@accord/domain';

/** A task as the `tasks` table would hold it: what was opened, and what happened to it since. */
export interface TaskRow extends OpenedTask {
  status: 'open' | TaskClosed['status'];
  claimedBy: string | null;
  pausedSince: string | null;
  pausedMs: number;
  closedAt?: string;
  completedBy?: string;
  outcome?: string;
  data?: Record<string, unknown>;
  comment?: string;
}

export interface ProjectRow {
  id: string;
  workflowId: string;
  definitionKey: string;
  definitionVersion: number;
  status: ProjectStatus;
  currentStage: string | null;
  finishedAt: string | null;
}

export interface ProjectEventRow extends ProjectEventRaised {
  closedAt?: string;
  outcome?: string;
}

export interface IncidentRow extends IncidentRaised {
  status: 'open' | 'resolved';
  resolution?: IncidentResolved['action'] | 'cancel';
}

interface Version<Content> {
  projectId: string;
  version: number;
  source: string;
  content: Content;
}

type Reading = ReadingsRecorded['readings'][number] & { projectId: string };

/** Real seconds a test waits for the workflow to write what it expects: generous, for a machine busy with other suites. */
const PATIENCE_MS = 30_000;

/**
 * Accord's read-model activities over plain maps and arrays instead of PostgreSQL, for
 * workflow unit tests: every write lands where a test can read it (tasks, audit trail,
 * notifications), and every answer (members in a role, a meeting's agenda, versions, KPIs)
 * is computed from what was written, with the pure rules the real activities use. Like the
 * real ones, writes keyed by id happen once, whatever Temporal retries.
 *
 * Customer analytics are not modelled: a project started for a customer is refused, so a
 * test that needs churn standings goes to the suite on PostgreSQL.
 */
export class InMemoryReadModel {
  readonly projects = new Map<string, ProjectRow>();
  readonly members: (ProjectMember & { projectId: string })[] = [];
  readonly tasks = new Map<string, TaskRow>();
  readonly audit: AuditEntry[] = [];
  readonly notifications: NotificationRequest[] = [];
  readonly documents: (Version<ExpectationDocument> & { changes: DocumentChange[] })[] = [];
  readonly baselines: Version<SmartGoal[]>[] = [];
  readonly readings: Reading[] = [];
  readonly events = new Map<string, ProjectEventRow>();
  readonly deviationAnalyses = new Map<string, DeviationAnalysis & { sources: string[] }>();
  readonly kpiReports = new Map<string, { kpis: ProjectKpis; incentives: ReturnType<typeof recommendIncentives> | null }>();
  readonly incidents = new Map<string, IncidentRow>();
  /** What a worker registers: the activities, each telling waiting tests after it wrote. */
  readonly activities: AccordActivities;

  private readonly watchers = new Set<() => void>();

  constructor() {
    this.activities = Object.fromEntries(
      Object.entries(this.createActivities()).map(([name, run]) => [
        name,
        async (...args: never[]) => {
          try {
            return await (run as (...input: never[]) => Promise<unknown>)(...args);
          } finally {
            for (const watcher of this.watchers) watcher();
          }
        },
      ]),
    ) as AccordActivities;
  }

  /** Resolves with what `probe` finds once an activity wrote it (at once when it is there already). */
  waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = PATIENCE_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return;
        stop();
        resolve(found);
      };
      const timer = setTimeout(() => {
        stop();
        // A refused activity (a project for a customer, say) waits as an incident: say so rather than only time out.
        const incidents = [...this.incidents.values()]
          .filter((incident) => incident.status === 'open')
          .map((incident) => `${incident.activity ?? incident.kind}: ${incident.message}`);
        reject(
          new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${incidents.length > 0 ? `; open incidents: ${incidents.join('; ')}` : ''}`),
        );
      }, timeoutMs);
      const stop = () => {
        clearTimeout(timer);
        this.watchers.delete(check);
      };
      this.watchers.add(check);
      check();
    });
  }

  /** The open task of a step, once it is open (`where` narrows it: an approver's slot, an occurrence). */
  openTask(projectId: string, stepId: string, where: (task: TaskRow) => boolean = () => true): Promise<TaskRow> {
    return this.waitFor(
      () => this.tasksOf(projectId).find((task) => task.stepId === stepId && task.status === 'open' && where(task)),
      `the open ${stepId} task of ${projectId}`,
    );
  }

  /** The project's tasks in the order they were opened (those opened at the same moment, by id). */
  tasksOf(projectId: string): TaskRow[] {
    return [...this.tasks.values()]
      .filter((task) => task.projectId === projectId)
      .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
  }

  /** The project's audit trail, oldest first. */
  auditOf(projectId: string): AuditEntry[] {
    return this.audit.filter((entry) => entry.projectId === projectId);
  }

  notificationsOf(projectId: string): NotificationRequest[] {
    return this.notifications.filter((notification) => notification.projectId === projectId);
  }

  /** The workflows that may be running, as the read model knows them: running projects, open tasks' workflows and sub-processes. */
  workflowsMaybeRunning(): string[] {
    const projects = [...this.projects.values()].filter((project) => project.status === 'running').map((project) => project.workflowId);
    const tasks = [...this.tasks.values()].filter((task) => task.status === 'open').map((task) => task.workflowId);
    const events = [...this.events.values()].filter((event) => event.closedAt === undefined).map((event) => event.startedWorkflowId);
    return [...new Set([...projects, ...tasks, ...events])];
  }

  private appendAudit(entry: AuditEntry): void {
    if (!this.audit.some((existing) => existing.id === entry.id)) this.audit.push(entry);
  }

  /** Updates an open task; a closed one stays as it closed, as `WHERE status = 'open'` keeps it. */
  private updateOpenTask(id: string, change: Partial<TaskRow>): void {
    const task = this.tasks.get(id);
    if (task?.status === 'open') Object.assign(task, change);
  }

  private cancelOpenTasks(ids: string[], at: string, reason: string): void {
    for (const id of ids) this.updateOpenTask(id, { status: 'cancelled', closedAt: at, comment: reason });
  }

  private addMembers(projectId: string, members: ProjectMember[]): void {
    for (const member of members) {
      const known = this.members.some((existing) => existing.projectId === projectId && existing.user === member.user && existing.role === member.role);
      if (!known) this.members.push({ projectId, ...member });
    }
  }

  private latestVersion<Content>(versions: Version<Content>[], projectId: string): Version<Content> | undefined {
    return versions.filter((version) => version.projectId === projectId).at(-1);
  }

  private createActivities(): AccordActivities {
    return {
      recordProjectStarted: async (started) => {
        if (started.customer) {
          throw ApplicationFailure.nonRetryable(
            `The in-memory read model does not model customers (project ${started.projectId} is for ${started.customer.key}): test customers on PostgreSQL`,
            FailureType.preconditionFailed,
          );
        }
        if (!this.projects.has(started.projectId)) {
          this.projects.set(started.projectId, {
            id: started.projectId,
            workflowId: started.workflowId,
            definitionKey: started.definitionKey,
            definitionVersion: started.definitionVersion,
            status: 'running',
            currentStage: null,
            finishedAt: null,
          });
        }
        this.addMembers(started.projectId, started.members);
        this.appendAudit(started.audit);
      },

      recordProjectStatus: async (change) => {
        const project = this.projects.get(change.projectId);
        if (project && project.finishedAt === null)
          Object.assign(project, { status: change.status, currentStage: change.currentStage, finishedAt: change.finished ? change.at : null });
        this.appendAudit(change.audit);
      },

      recordMembersChanged: async (change) => {
        this.addMembers(change.projectId, change.add);
        for (const gone of change.remove) {
          const index = this.members.findIndex((member) => member.projectId === change.projectId && member.user === gone.user && member.role === gone.role);
          if (index >= 0) this.members.splice(index, 1);
        }
        this.appendAudit(change.audit);
      },

      recordProjectMigrated: async (migrated) => {
        const project = this.projects.get(migrated.projectId);
        if (project) project.definitionVersion = migrated.definitionVersion;
        this.appendAudit(migrated.audit);
      },

      openTask: async ({ audit, ...opened }) => {
        if (!this.tasks.has(opened.id)) this.tasks.set(opened.id, { ...opened, status: 'open', claimedBy: null, pausedSince: null, pausedMs: 0 });
        this.appendAudit(audit);
      },

      recordTaskPause: async (change) => {
        this.updateOpenTask(change.taskId, { pausedSince: change.pausedSince, pausedMs: change.pausedMs, dueAt: change.dueAt ?? undefined });
        this.appendAudit(change.audit);
      },

      recordTaskAssignment: async (assignment) => {
        this.updateOpenTask(assignment.taskId, { assignee: assignment.assignee, claimedBy: assignment.claimedBy });
        this.appendAudit(assignment.audit);
      },

      enqueueNotification: async (request) => {
        if (!this.notifications.some((queued) => queued.id === request.id)) this.notifications.push(request);
        if (request.audit) this.appendAudit(request.audit);
      },

      closeTask: async (closed) => {
        this.updateOpenTask(closed.taskId, {
          status: closed.status,
          closedAt: closed.at,
          completedBy: closed.completedBy,
          outcome: closed.outcome,
          data: closed.data,
          comment: closed.comment,
        });
        this.appendAudit(closed.audit);
      },

      recordAudit: async (entry) => {
        this.appendAudit(entry);
      },

      projectMembersInRole: async ({ projectId, role }) =>
        this.members
          .filter((member) => member.projectId === projectId && member.role === role)
          .map((member) => member.user)
          .sort(),

      meetingAgenda: async ({ projectId, at }) => {
        const latest = new Map<string, Reading>();
        for (const reading of [...this.readings].filter((candidate) => candidate.projectId === projectId).sort((a, b) => a.at.localeCompare(b.at)))
          latest.set(reading.metric, reading);
        const overdue = this.tasksOf(projectId)
          .filter((task) => task.status === 'open' && task.dueAt !== undefined && task.dueAt < at)
          .sort((a, b) => a.dueAt!.localeCompare(b.dueAt!))
          .slice(0, 10);
        return prefilledAgenda({
          openEvents: [...this.events.values()]
            .filter((event) => event.projectId === projectId && event.closedAt === undefined)
            .map((event) => ({ kind: event.kind, name: event.name, data: event.data, raisedAt: event.at })),
          latestReadings: [...latest.values()].map((reading) => ({ metric: reading.metric, value: reading.value, at: reading.at })),
          overdueTasks: overdue.map((task) => ({ title: task.title, dueAt: task.dueAt!, assignee: describeOverdueAssignee(task.assignee) })),
        });
      },

      publishExpectationDocument: async (publication) => {
        const existing = this.documents.find((version) => version.source === publication.source);
        const previous = this.latestVersion(this.documents, publication.projectId);
        if (existing) return { version: existing.version, changes: existing.changes };
        const version = (previous?.version ?? 0) + 1;
        const changes = previous ? diffExpectationDocuments(previous.content, publication.content) : [];
        this.documents.push({ projectId: publication.projectId, version, source: publication.source, content: publication.content, changes });
        this.appendAudit({ ...publication.audit, detail: { ...publication.audit.detail, version, changes: changes.length } });
        return { version, changes };
      },

      publishBaseline: async (publication) => {
        const existing = this.baselines.find((version) => version.source === publication.source);
        if (existing) return { version: existing.version };
        const version = (this.latestVersion(this.baselines, publication.projectId)?.version ?? 0) + 1;
        this.baselines.push({ projectId: publication.projectId, version, source: publication.source, content: publication.goals });
        this.appendAudit({
          ...publication.audit,
          detail: { ...publication.audit.detail, version, goals: publication.goals.length, signatures: publication.signatures },
        });
        return { version };
      },

      recordMetricReadings: async ({ projectId, readings }) => {
        const previous: Record<string, number | null> = {};
        for (const reading of readings) {
          const before = this.readings
            .filter(
              (candidate) =>
                candidate.projectId === projectId && candidate.metric === reading.metric && candidate.id !== reading.id && candidate.at <= reading.at,
            )
            .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
            .at(-1);
          previous[reading.id] = before ? before.value : null;
        }
        for (const reading of readings) if (!this.readings.some((known) => known.id === reading.id)) this.readings.push({ ...reading, projectId });
        return { previous };
      },

      recordProjectEvent: async (event) => {
        if (!this.events.has(event.id)) this.events.set(event.id, { ...event });
        this.appendAudit(event.audit);
        return {};
      },

      closeProjectEvent: async (closed) => {
        const event = this.events.get(closed.id);
        if (event && event.closedAt === undefined) Object.assign(event, { closedAt: closed.at, outcome: closed.outcome });
        this.appendAudit(closed.audit);
      },

      recordDeviationAnalysis: async (record) => {
        const existing = this.deviationAnalyses.get(record.workflowId);
        if (existing?.sources.includes(record.source)) return withoutSources(existing);
        const analysis = composeDeviationAnalysis({ ...record.steps, before: existing ? withoutSources(existing) : undefined });
        this.deviationAnalyses.set(record.workflowId, { ...analysis, sources: [...(existing?.sources ?? []), record.source] });
        this.appendAudit({ ...record.audit, detail: { ...record.audit.detail, status: analysis.status, followUps: analysis.followUps.length } });
        return analysis;
      },

      recordKpis: async (request) => {
        const { projectId } = request;
        const events = [...this.events.values()].filter((event) => event.projectId === projectId);
        const kpis = computeProjectKpis({
          goals: this.latestVersion(this.baselines, projectId)?.content ?? [],
          verifications: request.verifications.map(({ goal, actual }) => ({ goal: goal - 1, actual })),
          readings: this.readings
            .filter((reading) => reading.projectId === projectId)
            .map(({ metric, value, at }): Pick<MetricReading, 'metric' | 'value' | 'at'> => ({ metric, value, at })),
          survey: request.survey,
          feedback: events
            .filter((event) => event.kind === 'signal' && FEEDBACK_SIGNALS.includes(event.name))
            .map((event) => ({ raisedAt: event.at, closedAt: event.closedAt, complaint: event.name === COMPLAINT_SIGNAL || event.data.complaint === true })),
          deviationBreaches: events.filter((event) => event.kind === 'metric-breach').length,
          changeRequests: events.filter((event) => event.kind === 'signal' && event.name === CHANGE_REQUEST_SIGNAL).length,
        });
        this.kpiReports.set(projectId, { kpis, incentives: null });
        this.appendAudit({ ...request.audit, detail: { ...request.audit.detail, kpis } });
        return kpis;
      },

      recommendIncentives: async (request) => {
        const report = this.kpiReports.get(request.projectId);
        if (!report)
          throw ApplicationFailure.nonRetryable(
            `Project ${request.projectId} has no KPIs yet: record-kpis runs before incentive-recommendation`,
            FailureType.preconditionFailed,
          );
        const internal = this.members.filter((member) => member.projectId === request.projectId && request.internalRoles.includes(member.role));
        const done = this.tasksOf(request.projectId).filter((task) => task.status === 'completed' && task.completedBy !== undefined);
        const users = [...new Set(internal.map((member) => member.user))].sort();
        const recommendations = recommendIncentives(
          users.map((user) => ({
            member: user,
            roles: internal.filter((member) => member.user === user).map((member) => member.role),
            tasks: done.filter((task) => task.completedBy === user).map((task) => ({ onTime: task.dueAt === undefined || task.closedAt! <= task.dueAt })),
          })),
          report.kpis,
        );
        report.incentives = recommendations;
        this.appendAudit({
          ...request.audit,
          detail: { ...request.audit.detail, recommendations: recommendations.map(({ member, level }) => ({ member, level })) },
        });
        return recommendations;
      },

      // No project here has a customer (recordProjectStarted refuses them): both records answer as the real ones do then.
      recordCustomerRequirements: async (record) => {
        this.appendAudit({ ...record.audit, detail: { ...record.audit.detail, recorded: false, reason: 'no-customer' } });
        return { recorded: false, reason: 'no-customer' };
      },

      recordCustomerReview: async (record) => {
        this.appendAudit({ ...record.audit, detail: { ...record.audit.detail, ...record.review, recorded: false, reason: 'no-customer' } });
        const overall = record.review.survey?.overall;
        const id = `${record.source}:satisfaction`;
        if (typeof overall === 'number' && !this.readings.some((reading) => reading.id === id)) {
          this.readings.push({
            id,
            projectId: record.projectId,
            metric: 'satisfaction',
            value: overall,
            at: record.at,
            source: record.audit.subject ?? 'customer-review',
            detail: record.review.survey ?? {},
          });
        }
        return { recorded: false, reason: 'no-customer' };
      },

      recordIncident: async (incident) => {
        if (!this.incidents.has(incident.id)) this.incidents.set(incident.id, { ...incident, status: 'open' });
        this.appendAudit(incident.audit);
      },

      recordIncidentResolved: async (resolved) => {
        const incident = this.incidents.get(resolved.id);
        if (incident?.status === 'open') Object.assign(incident, { status: 'resolved', resolution: resolved.action });
        this.appendAudit(resolved.audit);
      },

      closeAbandonedTasks: async (abandoned) => {
        const ids = this.tasksOf(abandoned.projectId)
          .filter(
            (task) =>
              task.status === 'open' && (task.workflowId === abandoned.workflowIdPrefix || task.workflowId.startsWith(`${abandoned.workflowIdPrefix}/`)),
          )
          .map((task) => task.id);
        this.cancelOpenTasks(ids, abandoned.at, abandoned.reason);
        this.appendAudit({ ...abandoned.audit, detail: { ...abandoned.audit.detail, tasks: ids } });
      },

      recordProjectCancelled: async (cancelled) => {
        const project = this.projects.get(cancelled.projectId);
        if (project) Object.assign(project, { status: 'cancelled', currentStage: null, finishedAt: cancelled.at });
        const open = this.tasksOf(cancelled.projectId).filter((task) => task.status === 'open');
        this.cancelOpenTasks(
          open.map((task) => task.id),
          cancelled.at,
          `Project cancelled: ${cancelled.reason}`,
        );
        for (const incident of this.incidents.values()) {
          if (incident.projectId === cancelled.projectId && incident.status === 'open') Object.assign(incident, { status: 'resolved', resolution: 'cancel' });
        }
        this.appendAudit(cancelled.audit);
      },
    };
  }
}

function withoutSources({ sources: _sources, ...analysis }: DeviationAnalysis & { sources: string[] }): DeviationAnalysis {
  return analysis;
}

/** How the agenda names whom an overdue task waits for, as the real query does. */
function describeOverdueAssignee(assignee: Assignee): string {
  return 'user' in assignee ? assignee.user : `role ${assignee.role}`;
}
