import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IncidentAction, IncidentKind, IncidentStatus } from '@accord/contracts';

/** Something that stopped part of a project until an admin retries, skips or cancels (R-REL-2). */
@Entity({ name: 'incidents' })
export class IncidentEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('text', { name: 'workflow_id' })
  workflowId!: string;

  @Column('text', { name: 'stage_id', nullable: true })
  stageId!: string | null;

  @Column('text', { name: 'step_id', nullable: true })
  stepId!: string | null;

  @Column('text')
  kind!: IncidentKind;

  @Column('text', { name: 'failed_workflow_id', nullable: true })
  failedWorkflowId!: string | null;

  @Column('text', { nullable: true })
  activity!: string | null;

  @Column('text', { name: 'error_type' })
  errorType!: string;

  @Column('text')
  message!: string;

  @Column('integer')
  attempts!: number;

  @Column('boolean')
  skippable!: boolean;

  @Column('text')
  status!: IncidentStatus;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('text', { nullable: true })
  resolution!: IncidentAction | null;

  @Column('text', { name: 'resolved_by', nullable: true })
  resolvedBy!: string | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  @Column('text', { name: 'resolution_reason', nullable: true })
  resolutionReason!: string | null;
}
