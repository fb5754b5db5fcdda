import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TaskKind, TaskStatus } from '@accord/contracts';

export class TaskSummaryResponse {
  @ApiProperty({ example: '0d6f…:set:1:sign.1:1' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() stageId!: string;
  @ApiProperty() stepId!: string;
  @ApiProperty({ enum: ['task', 'approval', 'meeting'] }) kind!: TaskKind;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Role the task is offered to' }) candidateRole!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'User the task is assigned to' }) assignee!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'User who claimed it; nobody else may complete it meanwhile' }) claimedBy!: string | null;
  @ApiProperty({ enum: ['high', 'normal', 'low'] }) priority!: 'high' | 'normal' | 'low';
  @ApiProperty({ description: 'Open and past its due date' }) overdue!: boolean;
  @ApiProperty({ description: 'Its clock stands still now: the stage waits on an external role (the customer)' }) paused!: boolean;
  @ApiProperty({ description: 'Milliseconds its clock has stood still so far; the due date already includes them' }) pausedMs!: number;
  @ApiProperty({ enum: ['open', 'completed', 'cancelled', 'expired'] }) status!: TaskStatus;
  @ApiProperty({ type: [String] }) outcomes!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) formId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) dueAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TaskHistoryEntryResponse {
  @ApiProperty({ example: 'task.claimed' }) action!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail!: Record<string, unknown>;
}

export class DecidedStepResponse {
  @ApiProperty() stepId!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) outcome!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'What was submitted: the expectation, goals or proposal being decided on',
  })
  data!: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the decider decided so: the reason a refusal sends work back for rework' }) comment!:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) completedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) completedAt!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'For a decision on an approval: the version of the submission it was given on (see TaskResponse.submission)',
  })
  submissionVersion!: number | null;
}

export class SubmissionResponse {
  @ApiProperty({ description: 'The step whose completion the approval decides on' }) stepId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 2, description: "Which of the step's completions in this stage run: 1 for the first, 2 after one return for rework, …" })
  version!: number;
  @ApiProperty() submittedBy!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
}

export class TaskResponse extends TaskSummaryResponse {
  @ApiProperty({ type: [DecidedStepResponse], description: 'Steps of this stage already completed, oldest first: the context a decision needs' })
  decidedSoFar!: DecidedStepResponse[];
  @ApiProperty({ type: [TaskHistoryEntryResponse], description: 'Everything that happened to the task, oldest first' }) history!: TaskHistoryEntryResponse[];
  @ApiProperty({ description: 'Project the task belongs to' }) projectName!: string;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, description: 'JSON-Schema subset the completion data must match' })
  form!: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String }) outcome!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) completedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) closedAt!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: [String],
    description: "A meeting's agenda as it was called: the definition's points, then those prefilled from what was open",
  })
  agenda!: string[] | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'For an approval: who submitted the work it decides on, the only one who may withdraw it' })
  submittedBy!: string | null;
  @ApiProperty({ description: 'The caller submitted this approval and it is open: they may withdraw it' }) mayWithdraw!: boolean;
  @ApiPropertyOptional({ nullable: true, type: SubmissionResponse, description: 'For an approval: the submission it decides on; null for other tasks' })
  submission!: SubmissionResponse | null;
}

export class InboxResponse {
  @ApiProperty({ type: [TaskSummaryResponse] }) items!: TaskSummaryResponse[];
  @ApiProperty({ description: 'Tasks matching the filters in all pages' }) total!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export class CompletionResponse {
  @ApiProperty() taskId!: string;
  @ApiProperty({ enum: ['completed'] }) status!: 'completed';
  @ApiProperty() outcome!: string;
  @ApiProperty() completedBy!: string;
  @ApiProperty({ format: 'date-time' }) completedAt!: string;
  @ApiProperty() requestId!: string;
}
