import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  type Assignee,
  CHANGE_REQUEST_SIGNAL,
  type MetricName,
  type PostedReadings,
  postReadingsUpdate,
  READINGS_REFUSAL,
  projectWorkflowId,
  type TimelineKind,
} from '@accord/contracts';
import { computeProjectKpis, localDate, projectTimeline, readingsFromMeasurements } from '@accord/domain';
import { ActionItemEntity, BaselineEntity, DeviationAnalysisEntity, KpiReportEntity, loadKpiInputs, loadTimelineSources, MeetingEntity, MetricReadingEntity, ProjectEventEntity } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { ErrorCode, ExpectationException, ProjectException } from '../errors/accord.exception';
import { ProjectsService } from '../projects/projects.service';
import { refusalReasons } from '../projects/workflow-refusal';
import type { RaiseChangeRequestDto } from './dto/change-request.dto';
import type { PostReadingsDto } from './dto/post-readings.dto';
import type { ActionItemsQueryDto } from './dto/tracking-query.dto';
import type {
  ActionItemResponse,
  ActionItemSummary,
  ChangeRequestRaisedResponse,
  ChangeRequestResponse,
  DeviationAnalysisResponse,
  KpiReportResponse,
  MeetingResponse,
  MetricReadingResponse,
  PostedReadingsResponse,
  ProgressResponse,
  TimelineEntryResponse,
} from './dto/project-tracking.responses';

const describeAssignee = (assignee: Assignee) => ('role' in assignee ? `role:${assignee.role}` : `user:${assignee.user}`);

/** Delivery against the baseline (R-EXP-6…8, R-EXP-10): progress, metrics, meetings, change requests, the timeline and the KPIs. */
@Injectable()
export class ProjectTrackingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly projects: ProjectsService,
  ) {}

  /** The progress table as last read, with the schedule deviation computed from it. */
  async progress(user: AuthUser, projectId: string): Promise<ProgressResponse> {
    await this.projects.authorize(user, projectId, 'read');
    const reading = await this.dataSource.getRepository(MetricReadingEntity).findOne({ where: { projectId, metric: 'schedule_deviation' }, order: { at: 'DESC', id: 'DESC' } });
    if (!reading) throw new ExpectationException(ErrorCode.NOT_FOUND, 'No progress table has been reported in this project yet');
    return { at: reading.at.toISOString(), source: reading.source, scheduleDeviation: reading.value, rows: (reading.detail.rows as ProgressResponse['rows']) ?? [] };
  }

  async readings(user: AuthUser, projectId: string, metric: MetricName | undefined): Promise<MetricReadingResponse[]> {
    await this.projects.authorize(user, projectId, 'read');
    const rows = await this.dataSource.getRepository(MetricReadingEntity).find({ where: { projectId, ...(metric ? { metric } : {}) }, order: { at: 'ASC', id: 'ASC' } });
    return rows.map((row) => ({ metric: row.metric, value: row.value, at: row.at.toISOString(), source: row.source, detail: row.detail }));
  }

  /**
   * Computes readings from what was measured and hands them to the running stage, which
   * records them and starts its analysis when one breaches a threshold (R-EXP-7).
   */
  async postReadings(user: AuthUser, projectId: string, dto: PostReadingsDto, requestId: string | undefined): Promise<PostedReadingsResponse> {
    const { project } = await this.projects.authorize(user, projectId, 'act');
    const readings = readingsOf(dto);
    if (project.status !== 'running') throw new ProjectException(ErrorCode.PROJECT_ENDED, `Project ${projectId} has ended: it takes no more readings`);
    const id = requestId ?? randomUUID();
    try {
      const result = await this.temporal.workflow.getHandle(projectWorkflowId(projectId)).executeUpdate(postReadingsUpdate, {
        args: [{ readings, postedBy: user.userId, requestId: id } satisfies PostedReadings],
        updateId: id,
      });
      return { stage: result.stage, readings };
    } catch (error) {
      const reasons = refusalReasons(error);
      if (reasons) {
        const code = reasons.includes(READINGS_REFUSAL.betweenStages) ? ErrorCode.PROJECT_BETWEEN_STAGES : ErrorCode.PROJECT_ENDED;
        throw new ProjectException(code, reasons.join('; '), reasons.map((message) => ({ path: '', message })));
      }
      if (error instanceof WorkflowNotFoundError) throw new ProjectException(ErrorCode.PROJECT_ENDED, `Project ${projectId} has ended: it takes no more readings`);
      throw error;
    }
  }

  /** Every meeting the stages held or scheduled, with who was invited, the minutes once held, and where each action item stands. */
  async meetings(user: AuthUser, projectId: string): Promise<MeetingResponse[]> {
    const { definition } = await this.projects.authorize(user, projectId, 'read');
    const today = localDate(new Date(), definition.calendar.timezone);
    const rows = await this.dataSource.getRepository(MeetingEntity).find({ where: { projectId }, order: { scheduledAt: 'ASC', id: 'ASC' } });
    const items = await this.dataSource.getRepository(ActionItemEntity).find({ where: { projectId }, order: { meetingId: 'ASC', index: 'ASC' } });
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      stage: row.stageId,
      status: row.status,
      scheduledAt: row.scheduledAt.toISOString(),
      heldAt: row.heldAt?.toISOString() ?? null,
      organizer: describeAssignee(row.organizer),
      attendees: row.attendees.map(describeAssignee),
      agenda: row.agenda,
      recordedBy: row.recordedBy,
      minutes: row.minutes,
      actionItems: items.filter((item) => item.meetingId === row.id).map((item) => actionItemOf(item, today)),
    }));
  }

  /** The action items of every meeting, soonest due first: `status`, `owner` and `overdue` narrow the list. */
  async actionItems(user: AuthUser, projectId: string, query: ActionItemsQueryDto): Promise<ActionItemResponse[]> {
    const { definition } = await this.projects.authorize(user, projectId, 'read');
    const found = await this.dataSource.getRepository(ActionItemEntity).find({
      where: { projectId, ...(query.status ? { status: query.status } : {}), ...(query.owner ? { owner: query.owner } : {}) },
      order: { due: 'ASC', id: 'ASC' },
    });
    const meetings = await this.dataSource.getRepository(MeetingEntity).find({ where: { projectId }, select: { id: true, title: true } });
    const today = localDate(new Date(), definition.calendar.timezone);
    return found
      .map((item) => ({ ...actionItemOf(item, today), meeting: { id: item.meetingId, title: meetings.find((meeting) => meeting.id === item.meetingId)?.title ?? '' } }))
      .filter((item) => query.overdue === undefined || item.overdue === query.overdue);
  }

  async raiseChangeRequest(user: AuthUser, projectId: string, dto: RaiseChangeRequestDto, requestId: string | undefined): Promise<ChangeRequestRaisedResponse> {
    await this.projects.authorize(user, projectId, 'act');
    const id = requestId ?? randomUUID();
    const { started } = await this.projects.deliverEvent(projectId, { signal: CHANGE_REQUEST_SIGNAL, raisedBy: user.userId, data: { trigger: dto.trigger, reason: dto.reason, changedItems: dto.changedItems ?? [] } }, id);
    return { id: `${projectId}:event:${id}`, started };
  }

  /** Change requests with where each stands and the baseline version it produced. */
  async changeRequests(user: AuthUser, projectId: string): Promise<ChangeRequestResponse[]> {
    await this.projects.authorize(user, projectId, 'read');
    const events = await this.dataSource.getRepository(ProjectEventEntity).find({ where: { projectId, kind: 'signal', name: CHANGE_REQUEST_SIGNAL }, order: { raisedAt: 'ASC' } });
    const baselines = await this.dataSource.getRepository(BaselineEntity).find({ where: { projectId }, order: { version: 'ASC' } });
    return events.map((event) => ({
      id: event.id,
      trigger: String(event.data.trigger ?? ''),
      reason: String(event.data.reason ?? ''),
      raisedBy: event.raisedBy,
      raisedAt: event.raisedAt.toISOString(),
      status: event.closedAt ? 'closed' : 'open',
      outcome: event.outcome,
      // A baseline's source is the step run that published it, inside the sub-process's workflow.
      baseline: baselines.find((baseline) => baseline.source.startsWith(`${event.startedWorkflowId}/`))?.version ?? null,
      workflowId: event.startedWorkflowId,
    }));
  }

  /**
   * Every deviation analysis (R-EXP-7) with what started it: a breach is listed from the
   * moment it starts its analysis, which has a record once its corrective actions are approved.
   */
  async deviationAnalyses(user: AuthUser, projectId: string): Promise<DeviationAnalysisResponse[]> {
    await this.projects.authorize(user, projectId, 'read-internal');
    const records = await this.dataSource.getRepository(DeviationAnalysisEntity).find({ where: { projectId } });
    const events = await this.dataSource.getRepository(ProjectEventEntity).find({ where: { projectId }, order: { raisedAt: 'ASC', id: 'ASC' } });
    return events
      .filter((event) => event.kind === 'metric-breach' || records.some((record) => record.workflowId === event.startedWorkflowId))
      .map((event) => {
        const record = records.find((candidate) => candidate.workflowId === event.startedWorkflowId);
        return {
          id: event.startedWorkflowId,
          trigger: {
            kind: event.kind,
            name: event.name,
            value: typeof event.data.value === 'number' ? event.data.value : null,
            threshold: (event.data.threshold as Record<string, number> | undefined) ?? null,
            raisedBy: event.raisedBy,
            raisedAt: event.raisedAt.toISOString(),
          },
          status: record?.status ?? 'analysing',
          causes: record?.causes ?? { people: [], technology: [], resources: [], process: [], environment: [] },
          correctiveActions: record?.correctiveActions ?? [],
          followUps: record?.followUps ?? [],
          replans: record?.replans ?? 0,
          lessons: record?.lessons ?? [],
          updatedAt: record?.updatedAt.toISOString() ?? null,
          closedAt: record?.closedAt?.toISOString() ?? null,
        };
      });
  }

  /** The project's history as dated lines: stages, meetings, breaches, changes, baselines (internal roles and overseers). */
  async timeline(user: AuthUser, projectId: string, kinds: TimelineKind[]): Promise<TimelineEntryResponse[]> {
    await this.projects.authorize(user, projectId, 'read-internal');
    const lines = projectTimeline(await loadTimelineSources(this.dataSource.manager, projectId));
    return kinds.length === 0 ? lines : lines.filter((line) => kinds.includes(line.kind));
  }

  /** The KPI report: final once the assess stage recorded it, else computed now from what was recorded so far. */
  async kpiReport(user: AuthUser, projectId: string): Promise<KpiReportResponse> {
    await this.projects.authorize(user, projectId, 'read-internal');
    return this.recordedKpis(projectId);
  }

  /** The KPI report of a project the caller was checked to see. */
  async recordedKpis(projectId: string): Promise<KpiReportResponse> {
    const report = await this.dataSource.getRepository(KpiReportEntity).findOneBy({ projectId });
    if (report) return { final: true, computedAt: report.computedAt.toISOString(), kpis: report.kpis, incentives: report.incentives ?? [] };
    const kpis = computeProjectKpis(await loadKpiInputs(this.dataSource.manager, projectId, { verifications: [] }));
    return { final: false, computedAt: new Date().toISOString(), kpis, incentives: [] };
  }
}

/** An action item as the API shows it: overdue once its due day is over, in the project's time zone, and it is still open. */
function actionItemOf(item: ActionItemEntity, today: string): ActionItemSummary {
  return {
    id: item.id,
    item: item.item,
    owner: item.owner,
    due: item.due,
    status: item.status,
    overdue: item.status === 'open' && today > item.due,
    closedAt: item.closedAt?.toISOString() ?? null,
    closedBy: item.closedBy,
  };
}

/** The readings posted measurements give, or a 400 naming what cannot be computed. */
function readingsOf(dto: PostReadingsDto): PostedReadings['readings'] {
  const { readings, problems } = readingsFromMeasurements(dto);
  if (problems.length > 0) throw new ExpectationException(ErrorCode.VALIDATION_FAILED, 'These measurements give no reading', problems);
  return readings;
}
