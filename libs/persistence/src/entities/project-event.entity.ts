import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ProjectEventKind = 'signal' | 'metric-breach';

/** Something that started a sub-process: a change request, feedback, a complaint, a metric breach. */
@Entity({ name: 'project_events' })
export class ProjectEventEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('text')
  kind!: ProjectEventKind;

  /** The signal raised (`change-request`) or the metric breached (`schedule_deviation`). */
  @Column('text')
  name!: string;

  @Column('jsonb')
  data!: Record<string, unknown>;

  @Column('text', { name: 'raised_by' })
  raisedBy!: string;

  @Column('timestamptz', { name: 'raised_at' })
  raisedAt!: Date;

  @Column('text', { name: 'during_stage', nullable: true })
  duringStage!: string | null;

  @Column('text', { name: 'started_stage' })
  startedStage!: string;

  @Column('text', { name: 'started_workflow_id' })
  startedWorkflowId!: string;

  /** When the sub-process it started finished; open until then. */
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('text', { nullable: true })
  outcome!: string | null;
}
