import { ApplicationFailure } from '@temporalio/common';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CHURN_WARNING_SIGNAL, FailureType } from '@accord/contracts';
import type {
  AuditEntry,
  CustomerStanding,
  ChangeProposal,
  DeviationAnalysis,
  DocumentChange,
  Expectation,
  ExpectationDocument,
  IncentiveRecommendation,
  MetricReading,
  ProjectKpis,
  Signature,
  SmartGoal,
} from '@accord/contracts';
import {
  composeDeviationAnalysis,
  computeProjectKpis,
  type DeviationAnalysisSteps,
  diffExpectationDocuments,
  prefilledAgenda,
  recommendIncentives,
} from '@accord/domain';
import {
  BaselineEntity,
  DeviationAnalysisEntity,
  ExpectationDocumentEntity,
  ExpectationEntity,
  KpiReportEntity,
  loadKpiInputs,
  MetricReadingEntity,
  ProjectEventEntity,
  type ProjectEventKind,
  ProjectMemberEntity,
} from '@accord/persistence';
import { customerOfProject, watchCustomerChurn } from './churn-watch';

export interface DocumentPublication {
  projectId: string;
  /** The step run that writes it: a retry finds the version it already wrote. */
  source: string;
  content: ExpectationDocument;
  approvals: Signature[];
  at: string;
  audit: AuditEntry;
}

export interface BaselinePublication {
  projectId: string;
  source: string;
  goals: SmartGoal[];
  signatures: Signature[];
  changeProposal?: ChangeProposal;
  at: string;
  audit: AuditEntry;
}

export interface ReadingsRecorded {
  projectId: string;
  readings: (MetricReading & { id: string; detail: Record<string, unknown> })[];
}

export interface ProjectEventRaised {
  id: string;
  projectId: string;
  kind: ProjectEventKind;
  name: string;
  data: Record<string, unknown>;
  raisedBy: string;
  at: string;
  duringStage: string | null;
  startedStage: string;
  startedWorkflowId: string;
  audit: AuditEntry;
}

export interface ProjectEventClosed {
  id: string;
  at: string;
  outcome: string;
  audit: AuditEntry;
}

export interface KpiRequest {
  projectId: string;
  survey?: { overall: number; deliverables: number; service: number };
  /** What was measured per goal at acceptance; `goal` is the goal's number in the baseline, from 1. */
  verifications: { goal: number; actual: number }[];
  at: string;
  audit: AuditEntry;
}

export interface DeviationAnalysisRecord {
  projectId: string;
  /** The analysing sub-process's workflow: the record's id. */
  workflowId: string;
  /** The step run that records: a retry finds it among the record's sources. */
  source: string;
  steps: Omit<DeviationAnalysisSteps, 'before'>;
  at: string;
  audit: AuditEntry;
}

export interface IncentiveRequest {
  projectId: string;
  /** Roles of the company's own staff: customers get no incentives. */
  internalRoles: string[];
  at: string;
  audit: AuditEntry;
}

type Audit = (db: EntityManager, entry: AuditEntry) => Promise<unknown>;

/**
 * Activities of customer expectation management: versioned documents and baselines,
 * metric readings, the events that start sub-processes, KPIs and incentives. Idempotent
 * like every activity: versions are found again by their source, rows have deterministic ids.
 */
export function createExpectationActivities({ dataSource }: { dataSource: DataSource }, appendAudit: Audit) {
  /** Serialises version numbering per project (a document and a baseline may be published at once by parallel stages). */
  const lockProject = (db: EntityManager, projectId: string) => db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [projectId]);
  const json = (value: unknown) => value as QueryDeepPartialEntity<Record<string, unknown>>;

  return {
    async publishExpectationDocument(publication: DocumentPublication): Promise<{ version: number; changes: DocumentChange[] }> {
      return dataSource.transaction(async (db) => {
        await lockProject(db, publication.projectId);
        const repository = db.getRepository(ExpectationDocumentEntity);
        const existing = await repository.findOneBy({ source: publication.source });
        if (existing) return { version: existing.version, changes: existing.changes };
        const previous = await repository.findOne({ where: { projectId: publication.projectId }, order: { version: 'DESC' } });
        const version = (previous?.version ?? 0) + 1;
        const changes = previous ? diffExpectationDocuments(previous.content, publication.content) : [];
        await db
          .createQueryBuilder()
          .insert()
          .into(ExpectationDocumentEntity)
          .values({
            projectId: publication.projectId,
            version,
            content: json(publication.content),
            changes: changes as QueryDeepPartialEntity<DocumentChange>[],
            approvals: publication.approvals,
            publishedAt: new Date(publication.at),
            source: publication.source,
          })
          .execute();
        if (publication.content.expectations.length > 0) {
          await db
            .createQueryBuilder()
            .insert()
            .into(ExpectationEntity)
            .values(publication.content.expectations.map((expectation, index) => expectationRow(publication.projectId, version, index + 1, expectation)))
            .execute();
        }
        await appendAudit(db, { ...publication.audit, detail: { ...publication.audit.detail, version, changes: changes.length } });
        return { version, changes };
      });
    },

    async publishBaseline(publication: BaselinePublication): Promise<{ version: number }> {
      return dataSource.transaction(async (db) => {
        await lockProject(db, publication.projectId);
        const repository = db.getRepository(BaselineEntity);
        const existing = await repository.findOneBy({ source: publication.source });
        if (existing) return { version: existing.version };
        const previous = await repository.findOne({ where: { projectId: publication.projectId }, order: { version: 'DESC' } });
        const version = (previous?.version ?? 0) + 1;
        await db
          .createQueryBuilder()
          .insert()
          .into(BaselineEntity)
          .values({
            projectId: publication.projectId,
            version,
            goals: publication.goals,
            signatures: publication.signatures,
            changeProposal: publication.changeProposal ? json(publication.changeProposal) : null,
            publishedAt: new Date(publication.at),
            source: publication.source,
          })
          .execute();
        await appendAudit(db, {
          ...publication.audit,
          detail: { ...publication.audit.detail, version, goals: publication.goals.length, signatures: publication.signatures },
        });
        return { version };
      });
    },

    /**
     * Records readings; answers, per reading id, the value of the metric's reading before it
     * (null for the first), so that a breach is told once when a metric crosses its
     * threshold, whichever step or caller took the readings.
     */
    async recordMetricReadings({ projectId, readings }: ReadingsRecorded): Promise<{ previous: Record<string, number | null>; standing?: CustomerStanding }> {
      if (readings.length === 0) return { previous: {} };
      return dataSource.transaction(async (db) => {
        const previous: Record<string, number | null> = {};
        for (const reading of readings) {
          const [before] = await db.query(
            `SELECT value FROM metric_readings WHERE project_id = $1 AND metric = $2 AND id <> $3 AND at <= $4 ORDER BY at DESC, id DESC LIMIT 1`,
            [projectId, reading.metric, reading.id, new Date(reading.at)],
          );
          previous[reading.id] = before ? Number(before.value) : null;
        }
        await db
          .createQueryBuilder()
          .insert()
          .into(MetricReadingEntity)
          .values(
            readings.map((reading) => ({
              id: reading.id,
              projectId,
              metric: reading.metric,
              value: reading.value,
              at: new Date(reading.at),
              source: reading.source,
              detail: json(reading.detail),
            })),
          )
          .orIgnore()
          .execute();
        // A reading (a satisfaction survey, a deviation) may turn the customer's churn warning on.
        const customer = await customerOfProject(db, projectId);
        if (customer === null) return { previous };
        return { previous, standing: await watchCustomerChurn(db, customer, new Date(readings[0].at), readings[0].id) };
      });
    },

    /** Records an event with what it started; a complaint or a breach may turn the customer's churn warning on (`standing`). */
    async recordProjectEvent(event: ProjectEventRaised): Promise<{ standing?: CustomerStanding }> {
      return dataSource.transaction(async (db) => {
        await db
          .createQueryBuilder()
          .insert()
          .into(ProjectEventEntity)
          .values({
            id: event.id,
            projectId: event.projectId,
            kind: event.kind,
            name: event.name,
            data: json(event.data),
            raisedBy: event.raisedBy,
            raisedAt: new Date(event.at),
            duringStage: event.duringStage,
            startedStage: event.startedStage,
            startedWorkflowId: event.startedWorkflowId,
            closedAt: null,
            outcome: null,
          })
          .orIgnore()
          .execute();
        await appendAudit(db, event.audit);
        const customer = event.name === CHURN_WARNING_SIGNAL ? null : await customerOfProject(db, event.projectId);
        return customer === null ? {} : { standing: await watchCustomerChurn(db, customer, new Date(event.at), event.id) };
      });
    },

    async closeProjectEvent(closed: ProjectEventClosed): Promise<void> {
      await dataSource.transaction(async (db) => {
        await db.update(ProjectEventEntity, { id: closed.id, closedAt: IsNull() }, { closedAt: new Date(closed.at), outcome: closed.outcome });
        await appendAudit(db, closed.audit);
      });
    },

    /** What is open in the project now, as agenda points for a meeting being called (R-EXP-6). */
    async meetingAgenda({ projectId, at }: { projectId: string; at: string }): Promise<string[]> {
      const events = await dataSource.getRepository(ProjectEventEntity).find({ where: { projectId, closedAt: IsNull() }, order: { raisedAt: 'ASC' } });
      const readings: { metric: MetricReading['metric']; value: number; at: Date }[] = await dataSource.query(
        `SELECT DISTINCT ON (metric) metric, value, at FROM metric_readings WHERE project_id = $1 ORDER BY metric, at DESC, id DESC`,
        [projectId],
      );
      const overdue: { title: string; due_at: Date; candidate_role: string | null; assignee_user: string | null }[] = await dataSource.query(
        `SELECT title, due_at, candidate_role, assignee_user FROM tasks WHERE project_id = $1 AND status = 'open' AND due_at < $2 ORDER BY due_at LIMIT 10`,
        [projectId, new Date(at)],
      );
      return prefilledAgenda({
        openEvents: events.map((event) => ({ kind: event.kind, name: event.name, data: event.data, raisedAt: event.raisedAt.toISOString() })),
        latestReadings: readings.map((reading) => ({ metric: reading.metric, value: Number(reading.value), at: new Date(reading.at).toISOString() })),
        overdueTasks: overdue.map((task) => ({
          title: task.title,
          dueAt: new Date(task.due_at).toISOString(),
          assignee: task.assignee_user ?? `role ${task.candidate_role}`,
        })),
      });
    },

    /** Records a deviation analysis as it stands after a step: what the step adds to the record so far. */
    async recordDeviationAnalysis(record: DeviationAnalysisRecord): Promise<DeviationAnalysis> {
      return dataSource.transaction(async (db) => {
        const repository = db.getRepository(DeviationAnalysisEntity);
        const existing = await repository.findOne({ where: { workflowId: record.workflowId }, lock: { mode: 'pessimistic_write' } });
        if (existing?.sources.includes(record.source)) return analysisOf(existing);
        const analysis = composeDeviationAnalysis({ ...record.steps, before: existing ? analysisOf(existing) : undefined });
        await repository.save({
          workflowId: record.workflowId,
          projectId: record.projectId,
          ...analysis,
          sources: [...(existing?.sources ?? []), record.source],
          updatedAt: new Date(record.at),
          closedAt: analysis.status === 'closed' ? new Date(record.at) : null,
        });
        await appendAudit(db, { ...record.audit, detail: { ...record.audit.detail, status: analysis.status, followUps: analysis.followUps.length } });
        return analysis;
      });
    },

    /** Computes the KPIs from the baseline in force, the readings and the events, and stores the report. */
    async recordKpis(request: KpiRequest): Promise<ProjectKpis> {
      const { projectId } = request;
      return dataSource.transaction(async (db) => {
        const kpis = computeProjectKpis(
          await loadKpiInputs(db, projectId, {
            survey: request.survey,
            verifications: request.verifications.map(({ goal, actual }) => ({ goal: goal - 1, actual })),
          }),
        );
        await db
          .createQueryBuilder()
          .insert()
          .into(KpiReportEntity)
          .values({ projectId, kpis: json(kpis), incentives: null, computedAt: new Date(request.at) })
          .orUpdate(['kpis', 'computed_at'], ['project_id'])
          .execute();
        await appendAudit(db, { ...request.audit, detail: { ...request.audit.detail, kpis } });
        return kpis;
      });
    },

    /** Recommends an incentive per internal team member from their tasks and the project's KPIs. */
    async recommendIncentives(request: IncentiveRequest): Promise<IncentiveRecommendation[]> {
      const { projectId } = request;
      return dataSource.transaction(async (db) => {
        const report = await db.getRepository(KpiReportEntity).findOneBy({ projectId });
        if (!report)
          throw ApplicationFailure.nonRetryable(
            `Project ${projectId} has no KPIs yet: record-kpis runs before incentive-recommendation`,
            FailureType.preconditionFailed,
          );
        const members = await db.getRepository(ProjectMemberEntity).find({ where: { projectId }, order: { userId: 'ASC' } });
        const done: { completed_by: string; on_time: boolean }[] = await db.query(
          `SELECT completed_by, (due_at IS NULL OR closed_at <= due_at) AS on_time FROM tasks WHERE project_id = $1 AND status = 'completed' AND completed_by IS NOT NULL`,
          [projectId],
        );
        const internal = members.filter((member) => request.internalRoles.includes(member.role));
        const users = [...new Set(internal.map((member) => member.userId))];
        const recommendations = recommendIncentives(
          users.map((user) => ({
            member: user,
            roles: internal.filter((member) => member.userId === user).map((member) => member.role),
            tasks: done.filter((task) => task.completed_by === user).map((task) => ({ onTime: task.on_time })),
          })),
          report.kpis,
        );
        await db.update(KpiReportEntity, { projectId }, { incentives: recommendations });
        await appendAudit(db, {
          ...request.audit,
          detail: { ...request.audit.detail, recommendations: recommendations.map(({ member, level }) => ({ member, level })) },
        });
        return recommendations;
      });
    },
  };
}

function analysisOf(row: DeviationAnalysisEntity): DeviationAnalysis {
  return {
    causes: row.causes,
    correctiveActions: row.correctiveActions,
    followUps: row.followUps,
    replans: row.replans,
    lessons: row.lessons,
    status: row.status,
  };
}

function expectationRow(projectId: string, version: number, position: number, expectation: Expectation): QueryDeepPartialEntity<ExpectationEntity> {
  return {
    projectId,
    version,
    position,
    title: expectation.title,
    category: expectation.category,
    phase: expectation.phase,
    channel: expectation.channel,
    source: expectation.source ?? null,
    detail: expectation.detail ?? null,
    keyDate: expectation.keyDate ?? null,
    recordedIn: expectation.recordedIn,
    recordedBy: expectation.recordedBy,
    maslow: expectation.analysis?.maslow ?? null,
    kano: expectation.analysis?.kano ?? null,
    fishbone: expectation.analysis?.fishbone ?? [],
  };
}
