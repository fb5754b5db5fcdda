import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FishboneCategory, KanoClass, MaslowLevel } from '@accord/contracts';

/** One expectation as a version of the expectation document holds it (R-EXP-1, R-EXP-2): where it was heard and how it was analysed. */
@Entity({ name: 'expectations' })
export class ExpectationEntity {
  @PrimaryColumn('uuid', { name: 'project_id' })
  projectId!: string;

  /** The document version it is part of. */
  @PrimaryColumn('int')
  version!: number;

  /** Its place in that version, from 1. */
  @PrimaryColumn('int')
  position!: number;

  @Column('text')
  title!: string;

  @Column('text')
  category!: string;

  @Column('text')
  phase!: string;

  @Column('text')
  channel!: string;

  @Column('text', { nullable: true })
  source!: string | null;

  @Column('text', { nullable: true })
  detail!: string | null;

  @Column('text', { name: 'key_date', nullable: true })
  keyDate!: string | null;

  @Column('text', { name: 'recorded_in' })
  recordedIn!: string;

  @Column('text', { name: 'recorded_by' })
  recordedBy!: string;

  @Column('text', { nullable: true })
  maslow!: MaslowLevel | null;

  @Column('text', { nullable: true })
  kano!: KanoClass | null;

  /** Causes by fishbone category (people, machine, material, method, environment). */
  @Column('jsonb')
  fishbone!: { category: FishboneCategory; cause: string }[];
}
