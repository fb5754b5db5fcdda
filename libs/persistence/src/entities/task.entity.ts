import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaskKind, TaskStatus } from '@accord/contracts';

/** Indexes live in the migrations (the inbox ones are partial and per sort order). */
@Entity({ name: 'tasks' })
export class TaskEntity {
  /** Deterministic id from `taskId()` in contracts. */
  @PrimaryColumn('text')
  id!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('text', { name: 'workflow_id' })
  workflowId!: string;

  @Column('text', { name: 'stage_id' })
  stageId!: string;

  @Column('text', { name: 'step_id' })
  stepId!: string;

  @Column('text')
  kind!: TaskKind;

  @Column('text')
  title!: string;

  @Column('text', { name: 'candidate_role', nullable: true })
  candidateRole!: string | null;

  @Column('text', { name: 'assignee_user', nullable: true })
  assigneeUser!: string | null;

  @Column('text', { name: 'claimed_by', nullable: true })
  claimedBy!: string | null;

  /** 0 high, 1 normal, 2 low, so that ascending order is most urgent first. */
  @Column('smallint')
  priority!: number;

  /** Time the due clock stood still while the stage waited on an external role (bigint as text). */
  @Column('bigint', { name: 'paused_ms' })
  pausedMs!: string;

  @Column('timestamptz', { name: 'paused_since', nullable: true })
  pausedSince!: Date | null;

  @Column('text', { name: 'form_id', nullable: true })
  formId!: string | null;

  @Column('jsonb')
  outcomes!: string[];

  @Column('text')
  status!: TaskStatus;

  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt!: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('text', { name: 'completed_by', nullable: true })
  completedBy!: string | null;

  @Column('text', { nullable: true })
  outcome!: string | null;

  @Column('jsonb', { name: 'completion_data', nullable: true })
  completionData!: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  comment!: string | null;

  @Column('text', { name: 'completion_request_id', nullable: true })
  completionRequestId!: string | null;

  /** A meeting's agenda as it was called. */
  @Column('jsonb', { nullable: true })
  agenda!: string[] | null;

  /** For an approval: who submitted what it decides on (null for rows opened before it was recorded). */
  @Column('text', { name: 'submitted_by', nullable: true })
  submittedBy!: string | null;
}

export const PRIORITY_RANK = { high: 0, normal: 1, low: 2 } as const;
export const PRIORITY_NAME = ['high', 'normal', 'low'] as const;
