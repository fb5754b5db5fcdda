import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IncentiveRecommendation, ProjectKpis } from '@accord/contracts';

/** A project's KPIs and incentive recommendations, computed when it is assessed. */
@Entity({ name: 'kpi_reports' })
export class KpiReportEntity {
  @PrimaryColumn('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('jsonb')
  kpis!: ProjectKpis;

  @Column('jsonb', { nullable: true })
  incentives!: IncentiveRecommendation[] | null;

  @Column('timestamptz', { name: 'computed_at' })
  computedAt!: Date;
}
