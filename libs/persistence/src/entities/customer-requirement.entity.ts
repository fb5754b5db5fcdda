import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RequirementSpecification } from '@accord/contracts';

/** One version of a customer's requirement specification, recorded by a project's requirement analysis (R-REV-1); versions never change. */
@Entity({ name: 'customer_requirements' })
export class CustomerRequirementEntity {
  /** The step run that recorded it: a retried activity finds its row again. */
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'customer_key' })
  customerKey!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  /** Counts per customer across all their projects, from 1. */
  @Column('int')
  version!: number;

  @Column('jsonb')
  specification!: RequirementSpecification;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;

  @Column('text', { name: 'recorded_by', nullable: true })
  recordedBy!: string | null;
}
