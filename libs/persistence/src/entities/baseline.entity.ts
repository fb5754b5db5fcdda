import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChangeProposal, Signature, SmartGoal } from '@accord/contracts';

/** One version of a project's goal baseline, signed by both sides; versions never change. */
@Entity({ name: 'baselines' })
export class BaselineEntity {
  @PrimaryColumn('uuid', { name: 'project_id' })
  projectId!: string;

  @PrimaryColumn('int')
  version!: number;

  @Column('jsonb')
  goals!: SmartGoal[];

  @Column('jsonb')
  signatures!: Signature[];

  /** The change request that produced this version (none for the first). */
  @Column('jsonb', { name: 'change_proposal', nullable: true })
  changeProposal!: ChangeProposal | null;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt!: Date;

  @Column('text')
  source!: string;
}
