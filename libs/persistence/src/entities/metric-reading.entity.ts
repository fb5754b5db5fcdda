import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MetricName } from '@accord/contracts';

/** One reading of a project metric (ratios as fractions). */
@Entity({ name: 'metric_readings' })
export class MetricReadingEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('text')
  metric!: MetricName;

  @Column('double precision')
  value!: number;

  @Column('timestamptz')
  at!: Date;

  @Column('text')
  source!: string;

  /** What the reading was computed from (the progress table, the inspection counts…). */
  @Column('jsonb')
  detail!: Record<string, unknown>;
}
