import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type Assignee,
  CHANGE_REQUEST_SIGNAL,
  type MetricName,
  type PostedReadings,
  postReadingsUpdate,
  READINGS_REFUSAL,
  projectEventId,
  projectWorkflowId,
  type TimelineKind,
} from '@accord/contracts';
import {
  deviationAnalysisStanding,
  localDate,
  noCauses,
  projectTimeline,
  readingsFromMeasurements,
  type ReportedProjectKpis,
  type RolledUpKpis,
  rollUpKpis,
  stepsWithin,
} from '@accord/domain';
import { type ActionItemEntity, ExpectationsRepository, ProjectsRepository, ProjectTrackingRepository } from '@accord/persistence';
import { type AuthUser, isOverseer } from '../auth/auth-user';
import { ErrorCode, ExpectationException, ProjectException } from '../errors/accord.exception';
import type { KeysetPageDto } from '../input/keyset-page.dto';
import { decodeProjectCursor, encodeProjectCursor } from '../projects/project-list-cursor';
import { ProjectsService } from '../projects/projects.service';
import { refusalReasons } from '../projects/workflow-refusal';
import type { RaiseChangeRequestDto } from './dto/change-request.dto';
import type { PostReadingsDto } from './dto/post-readings.dto';
import type { ActionItemsQueryDto } from './dto/tracking-query.dto';
import { kpiReportsOf, readableProjectsOf, type RollupProject, type RollupScope } from './kpi-rollup.repository';
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
  private readonly records: ProjectTrackingRepository;
  private readonly baselines: ExpectationsRepository;
  private readonly timelines: ProjectsRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly projects: ProjectsService,
  ) {
    this.records = new ProjectTrackingRepository(dataSource);
    this.baselines = new ExpectationsRepository(dataSource);
    this.timelines = new ProjectsRepository(dataSource);
  }

  /** The progress table as last read, with the schedule deviation computed from it. */
  async progress(user: AuthUser, projectId: string): Promise<ProgressResponse> {
    await this.projects.authorize(user, projectId, 'read');
    const reading = await this.records.latestReading(projectId, 'schedule_deviation');
    if (!reading) throw new ExpectationException(ErrorCode.NOT_FOUND, 'No progress table has been reported in this project yet');
    return {
      at: reading.at.toISOString(),
      source: reading.source,
      scheduleDeviation: reading.value,
      rows: (reading.detail.rows as ProgressResponse['rows']) ?? [],
    };
  }

  async readings(user: AuthUser, projectId: string, metric: MetricName | undefined): Promise<MetricReadingResponse[]> {
    await this.projects.authorize(user, projectId, 'read');
    const rows = await this.records.readings(projectId, metric);
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
        throw new ProjectException(
          code,
          reasons.join('; '),
          reasons.map((message) => ({ path: '', message })),
        );
      }
      if (error instanceof WorkflowNotFoundError)
        throw new ProjectException(ErrorCode.PROJECT_ENDED, `Project ${projectId} has ended: it takes no more readings`);
      throw error;
    }
  }

  /** Every meeting the caller was in a position to attend, with who was invited, the minutes once held, and where each action item stands. */
  async meetings(user: AuthUser, projectId: string): Promise<MeetingResponse[]> {
    const { definition, meetings, items } = await this.visibleMeetings(user, projectId);
    const now = new Date();
    const itemsByMeeting = new Map<string, ActionItemEntity[]>();
    for (const item of items) {
      const ofMeeting = itemsByMeeting.get(item.meetingId);
      if (ofMeeting) ofMeeting.push(item);
      else itemsByMeeting.set(item.meetingId, [item]);
    }
    return meetings.map((row) => ({
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
      actionItems: (itemsByMeeting.get(row.id) ?? []).map((item) => actionItemOf(item, now, definition.calendar.timezone)),
    }));
  }

  /** The action items of the meetings the caller sees (and their own), soonest due first: `status`, `owner` and `overdue` narrow the list. */
  async actionItems(user: AuthUser, projectId: string, query: ActionItemsQueryDto): Promise<ActionItemResponse[]> {
    const { definition, meetings, items } = await this.visibleMeetings(user, projectId);
    const titles = new Map(meetings.map((meeting) => [meeting.id, meeting.title]));
    const now = new Date();
    return items
      .filter((item) => (query.status === undefined || item.status === query.status) && (query.owner === undefined || item.owner === query.owner))
      .sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id))
      .map((item) => ({ ...actionItemOf(item, now, definition.calendar.timezone), meeting: { id: item.meetingId, title: titles.get(item.meetingId) ?? '' } }))
      .filter((item) => query.overdue === undefined || item.overdue === query.overdue);
  }

  /**
   * The project's meetings and action items as the caller may see them. The team sees all;
   * someone in external roles only (the customer) sees the meetings they were invited to,
   * their items, and items they owe: an internal kick-off stays internal. Meetings recorded
   * before attendees were (migration 1765200000000) take them from the definition.
   */
  private async visibleMeetings(user: AuthUser, projectId: string) {
    const { definition, roles: memberships } = await this.projects.authorize(user, projectId, 'read');
    const steps = stepsWithin(definition.stages.flatMap((stage) => stage.steps));
    const recorded = await this.records.meetings(projectId);
    const all = recorded.map((row) => {
      const step = steps.find((candidate) => candidate.id === row.stepId);
      return row.attendees.length === 0 && step?.type === 'meeting' ? { ...row, organizer: step.organizer, attendees: step.attendees } : row;
    });
    const items = await this.records.actionItems(projectId);
    const roles = isOverseer(user) ? undefined : memberships;
    if (roles === undefined || roles.some((role) => definition.roles[role] && !definition.roles[role].external)) return { definition, meetings: all, items };
    const invited = (assignee: Assignee) => ('role' in assignee ? roles.includes(assignee.role) : assignee.user === user.userId);
    const meetings = all.filter((meeting) => [meeting.organizer, ...meeting.attendees].some(invited));
    const shown = new Set(meetings.map((meeting) => meeting.id));
    return { definition, meetings, items: items.filter((item) => shown.has(item.meetingId) || item.owner === user.userId) };
  }

  async raiseChangeRequest(user: AuthUser, projectId: string, dto: RaiseChangeRequestDto, requestId: string | undefined): Promise<ChangeRequestRaisedResponse> {
    const id = requestId ?? randomUUID();
    // As any event a member raises: the definition's raisedBy and form for change-request apply.
    const { started } = await this.projects.raiseEvent(
      user,
      projectId,
      { signal: CHANGE_REQUEST_SIGNAL, data: { trigger: dto.trigger, reason: dto.reason, changedItems: dto.changedItems ?? [] } },
      id,
    );
    return { id: projectEventId(projectId, id), started };
  }

  /** Change requests with where each stands and the baseline version it produced. */
  async changeRequests(user: AuthUser, projectId: string): Promise<ChangeRequestResponse[]> {
    await this.projects.authorize(user, projectId, 'read');
    const events = await this.records.events(projectId, CHANGE_REQUEST_SIGNAL);
    const baselines = await this.baselines.baselines(projectId);
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
    const records = new Map((await this.records.deviationAnalyses(projectId)).map((record) => [record.workflowId, record]));
    const events = await this.records.events(projectId);
    return events
      .filter((event) => event.kind === 'metric-breach' || records.has(event.startedWorkflowId))
      .map((event) => {
        const record = records.get(event.startedWorkflowId);
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
          status: deviationAnalysisStanding(record?.status, { ended: event.closedAt !== null, outcome: event.outcome }),
          causes: record?.causes ?? noCauses(),
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
    const lines = projectTimeline(await this.timelines.timelineSources(projectId));
    return kinds.length === 0 ? lines : lines.filter((line) => kinds.includes(line.kind));
  }

  /** The KPI report: final once the assess stage recorded it, else computed now from what was recorded so far. */
  async kpiReport(user: AuthUser, projectId: string): Promise<KpiReportResponse> {
    await this.projects.authorize(user, projectId, 'read-internal');
    return (await kpiReportsOf(this.dataSource.manager, [projectId])).get(projectId)!;
  }

  /**
   * The KPIs of a team's or a customer's projects whose report the caller could read one by
   * one: combined over all of them, and each project's for one page of them, oldest first.
   * A fixed number of queries on `db` (the caller's roll-up transaction), whatever the
   * number of projects.
   */
  async kpiRollUp(db: EntityManager, user: AuthUser, scope: RollupScope, page: KeysetPageDto): Promise<KpiRollUp> {
    const after = page.cursor === undefined ? undefined : decodeProjectCursor(page.cursor, 'started').key;
    const { readable, notVisible } = await readableProjectsOf(db, user, scope);
    const reports = await kpiReportsOf(
      db,
      readable.map((project) => project.id),
    );
    const reported = readable.map((project) => ({ projectId: project.id, ...reports.get(project.id)! }));
    const rest = after ? readable.filter(({ pageKey }) => pageKey[0] > after[0] || (pageKey[0] === after[0] && pageKey[1] > after[1])) : readable;
    const shown = rest.slice(0, page.limit);
    const last = shown.at(-1);
    return {
      readable,
      notVisible,
      reported,
      kpis: rollUpKpis(reported),
      page: shown.map((project) => ({ project, report: reports.get(project.id)! })),
      nextCursor: rest.length > shown.length && last ? encodeProjectCursor({ sort: 'started', key: last.pageKey }) : null,
    };
  }
}

/** A roll-up of project KPIs (kpiRollUp): totals over every readable project, reports for one page of them. */
export interface KpiRollUp {
  /** Every project rolled up, oldest first. */
  readable: RollupProject[];
  /** The scope's projects the caller may not read the report of. */
  notVisible: number;
  /** Each readable project's report, in the same order. */
  reported: ReportedProjectKpis[];
  kpis: RolledUpKpis;
  page: { project: RollupProject; report: KpiReportResponse }[];
  nextCursor: string | null;
}

/** An action item as the API shows it: overdue while open after its task's due time (the end of its due day, where the project works). */
function actionItemOf(item: ActionItemEntity, now: Date, timezone: string): ActionItemSummary {
  const overdue = item.status === 'open' && (item.dueAt ? now > item.dueAt : localDate(now, timezone) > item.due);
  return {
    id: item.id,
    item: item.item,
    owner: item.owner,
    due: item.due,
    status: item.status,
    overdue,
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
