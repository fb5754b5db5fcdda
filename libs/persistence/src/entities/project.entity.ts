import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProjectStatus } from '@accord/contracts';

@Entity({ name: 'projects' })
export class ProjectEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Index()
  @Column('text', { name: 'definition_key' })
  definitionKey!: string;

  @Column('int', { name: 'definition_version' })
  definitionVersion!: number;

  @Column('text')
  status!: ProjectStatus;

  @Column('text', { name: 'current_stage', nullable: true })
  currentStage!: string | null;

  @Column('text', { name: 'workflow_id' })
  workflowId!: string;

  /** The team that delivers the project (an organisational unit such as `erp-east`), for per-team KPIs. */
  @Column('text', { nullable: true })
  team!: string | null;

  /** The customer it is for (`customers.key`). */
  @Column('text', { name: 'customer_key', nullable: true })
  customerKey!: string | null;

  @Column('text', { name: 'started_by' })
  startedBy!: string;

  @Column('timestamptz', { name: 'started_at' })
  startedAt!: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt!: Date | null;
}
