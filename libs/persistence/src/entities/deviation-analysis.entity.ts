import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CorrectiveAction, DeviationAnalysisStatus, DeviationCauseCategory, FollowUpCheck } from '@accord/contracts';

/** A deviation analysis as it stands (R-EXP-7), one per sub-process that analyses a deviation. */
@Entity({ name: 'deviation_analyses' })
export class DeviationAnalysisEntity {
  /** The sub-process's workflow: `project_events.started_workflow_id` of what started it. */
  @PrimaryColumn('text', { name: 'workflow_id' })
  workflowId!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('jsonb')
  causes!: Record<DeviationCauseCategory, string[]>;

  @Column('jsonb', { name: 'corrective_actions' })
  correctiveActions!: CorrectiveAction[];

  @Column('jsonb', { name: 'follow_ups' })
  followUps!: FollowUpCheck[];

  @Column('int')
  replans!: number;

  @Column('jsonb')
  lessons!: string[];

  @Column('text')
  status!: DeviationAnalysisStatus;

  /** The step runs recorded so far: a retried activity finds its own and changes nothing. */
  @Column('jsonb')
  sources!: string[];

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;
}
