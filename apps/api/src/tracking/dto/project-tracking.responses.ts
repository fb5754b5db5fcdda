import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type ActionItemStatus,
  type CorrectiveAction,
  type DeviationCauseCategory,
  type FollowUpCheck,
  type IncentiveRecommendation,
  type MeetingStatus,
  METRIC_NAMES,
  type MetricName,
  type ProgressRow,
  type ProjectKpis,
  TIMELINE_KINDS,
  type TimelineKind,
} from '@accord/contracts';
import type { DeviationAnalysisStanding } from '@accord/domain';

export class ProgressRowResponse implements ProgressRow {
  @ApiProperty({ example: 'implementation' }) phase!: string;
  @ApiProperty({ example: 'Data migration' }) task!: string;
  @ApiProperty({ example: 'tom' }) owner!: string;
  @ApiProperty({ example: '2027-03-01', format: 'date' }) due!: string;
  @ApiProperty({ example: 60 }) plannedPercent!: number;
  @ApiProperty({ example: 48 }) actualPercent!: number;
}

export class ProgressResponse {
  @ApiProperty({ format: 'date-time', description: 'When the table was last read' }) at!: string;
  @ApiProperty({ description: 'Who or which step reported it' }) source!: string;
  @ApiProperty({ example: -0.08, description: 'Schedule deviation as a fraction (−0.08 is 8% behind plan)' }) scheduleDeviation!: number;
  @ApiProperty({ type: [ProgressRowResponse], description: 'The tracking table: tasks per phase with owner, due date, planned and actual progress' })
  rows!: ProgressRowResponse[];
}

export class MetricReadingResponse {
  @ApiProperty({ enum: METRIC_NAMES }) metric!: MetricName;
  @ApiProperty({ description: 'Ratios as fractions; satisfaction on the survey scale' }) value!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What it was computed from' }) detail!: Record<string, unknown>;
}

export class MetricReadingsResponse {
  @ApiProperty({ type: [MetricReadingResponse] }) items!: MetricReadingResponse[];
}

export class PostedReadingsResponse {
  @ApiProperty({ description: 'The stage that checks them against its thresholds' }) stage!: string;
  @ApiProperty({ type: [MetricReadingResponse] }) readings!: Pick<MetricReadingResponse, 'metric' | 'value' | 'detail'>[];
}

export class ActionItemSummary {
  @ApiProperty({ description: 'Its owner’s task' }) id!: string;
  @ApiProperty() item!: string;
  @ApiProperty({ description: 'The user who owes it' }) owner!: string;
  @ApiProperty({ format: 'date', example: '2027-01-20', description: 'Due at the end of that working day' }) due!: string;
  @ApiProperty({ enum: ['open', 'done', 'cancelled'] }) status!: ActionItemStatus;
  @ApiProperty({ description: 'Open after its due day' }) overdue!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) closedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) closedBy!: string | null;
}

export class MeetingResponse {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() stage!: string;
  @ApiProperty({
    enum: ['scheduled', 'held', 'cancelled'],
    description: 'held: with minutes; cancelled: closed without being held (the cadence or branch that called it ended first)',
  })
  status!: MeetingStatus;
  @ApiProperty({ format: 'date-time' }) scheduledAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) heldAt!: string | null;
  @ApiProperty({ example: 'role:pm', description: 'Who calls it and records the minutes' }) organizer!: string;
  @ApiProperty({ type: [String], description: 'Roles or users invited, as the definition named them when the meeting was called' }) attendees!: string[];
  @ApiProperty({
    type: [String],
    description:
      "The definition's points, then those prefilled from what was open when it was called (feedback, changes, deviations, latest metrics, overdue tasks)",
  })
  agenda!: string[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Who recorded the minutes' }) recordedBy!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'Minutes, decisions and action items (owner, due) as recorded',
  })
  minutes!: Record<string, unknown> | null;
  @ApiProperty({ type: [ActionItemSummary], description: 'Each action item of the minutes and where it stands' }) actionItems!: ActionItemSummary[];
}

export class ActionItemResponse extends ActionItemSummary {
  @ApiProperty({ example: { id: '…:track:1:weekly-sync-occurrence:3', title: 'Weekly progress meeting' } }) meeting!: { id: string; title: string };
}

export class ActionItemsResponse {
  @ApiProperty({ type: [ActionItemResponse] }) items!: ActionItemResponse[];
}

export class MeetingsResponse {
  @ApiProperty({ type: [MeetingResponse] }) items!: MeetingResponse[];
}

export class ChangeRequestResponse {
  @ApiProperty() id!: string;
  @ApiProperty() trigger!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() raisedBy!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiPropertyOptional({ nullable: true, type: String, description: 'completed, or rejected when either side refused it' }) outcome!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The baseline version it produced' }) baseline!: number | null;
  @ApiProperty() workflowId!: string;
}

export class ChangeRequestsResponse {
  @ApiProperty({ type: [ChangeRequestResponse] }) items!: ChangeRequestResponse[];
}

export class DeviationTriggerResponse {
  @ApiProperty({ enum: ['metric-breach', 'signal'] }) kind!: string;
  @ApiProperty({ example: 'schedule_deviation', description: 'The metric breached, or the signal raised' }) name!: string;
  @ApiPropertyOptional({ nullable: true, type: Number, example: -0.2 }) value!: number | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, example: { above: 0.1 } }) threshold!: Record<string, number> | null;
  @ApiProperty() raisedBy!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
}

export class DeviationAnalysisResponse {
  @ApiProperty({ description: 'The analysing sub-process’s workflow' }) id!: string;
  @ApiProperty({ type: DeviationTriggerResponse }) trigger!: DeviationTriggerResponse;
  @ApiProperty({
    enum: ['analysing', 'actions-under-way', 're-planning', 'closed', 'abandoned'],
    description:
      'analysing until the corrective actions are approved; abandoned when the sub-process ended without closing it (the plan rejected too often, the stage cancelled)',
  })
  status!: DeviationAnalysisStanding;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'Causes by category: people, technology, resources, process, environment',
  })
  causes!: Record<DeviationCauseCategory, string[]>;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: '{ action, owner, due }' }) correctiveActions!: CorrectiveAction[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Every check of the actions’ effect, in order: { effective, evidence, checkedBy, at }',
  })
  followUps!: FollowUpCheck[];
  @ApiProperty({ description: 'Times the schedule was re-planned after an ineffective check' }) replans!: number;
  @ApiProperty({ type: [String] }) lessons!: string[];
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) updatedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) closedAt!: string | null;
}

export class DeviationAnalysesResponse {
  @ApiProperty({ type: [DeviationAnalysisResponse] }) items!: DeviationAnalysisResponse[];
}

export class ChangeRequestRaisedResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: { stageId: 'adjust', run: 1, workflowId: 'project/…/stage/adjust/1' } }) started!: {
    stageId: string;
    run: number;
    workflowId: string;
  };
}

export class TimelineEntryResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: TIMELINE_KINDS }) kind!: TimelineKind;
  @ApiPropertyOptional({ nullable: true, type: String }) stage!: string | null;
  @ApiProperty({ example: 'baseline v2 with 3 goals, signed by dora (dept_head) and carl (customer)' }) detail!: string;
  @ApiPropertyOptional() subject?: string;
}

export class TimelineResponse {
  @ApiProperty({ type: [TimelineEntryResponse] }) items!: TimelineEntryResponse[];
}

export class KpiReportResponse {
  @ApiProperty({
    description: 'true once the assess stage recorded it; false: computed now from what was recorded so far (no survey or goal verification yet)',
  })
  final!: boolean;
  @ApiProperty({ format: 'date-time' }) computedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'satisfactionScore, goalsSet, goalsMet, goalsMetRatio, scheduleDeviation, nonConformityRate, feedbackItems, feedbackResponseHours, complaints, deviationBreaches, changeRequests',
  })
  kpis!: ProjectKpis;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Per internal team member: reward, standard or coaching, with the reason' })
  incentives!: IncentiveRecommendation[];
}
