import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row of a reported progress table (R-EXP-6): a task of a phase, its owner, its due date, planned against actual. */
@Entity({ name: 'progress_rows' })
export class ProgressRowEntity {
  /** The schedule-deviation reading the table was read into. */
  @PrimaryColumn('text', { name: 'reading_id' })
  readingId!: string;

  /** Its place in the table, from 1. */
  @PrimaryColumn('int')
  position!: number;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('timestamptz', { name: 'reported_at' })
  reportedAt!: Date;

  @Column('text')
  phase!: string;

  @Column('text')
  task!: string;

  @Column('text')
  owner!: string;

  @Column('text')
  due!: string;

  @Column('double precision', { name: 'planned_percent' })
  plannedPercent!: number;

  @Column('double precision', { name: 'actual_percent' })
  actualPercent!: number;
}
