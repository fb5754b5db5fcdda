import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { CompiledDefinition } from '@accord/contracts';

export type DefinitionVersionStatus = 'published' | 'deprecated';

/** A published, immutable version of a process definition. */
@Entity({ name: 'definition_versions' })
@Unique('definition_versions_key_version', ['key', 'version'])
export class DefinitionVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  key!: string;

  @Column('int')
  version!: number;

  @Column('text')
  source!: string;

  @Column('jsonb')
  compiled!: CompiledDefinition;

  @Column('text')
  checksum!: string;

  @Column('text', { name: 'published_by' })
  publishedBy!: string;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt!: Date;

  /** Deprecated versions start no new projects; running ones stay on them. */
  @Column('text')
  status!: DefinitionVersionStatus;

  @Column('text', { name: 'deprecated_by', nullable: true })
  deprecatedBy!: string | null;

  @Column('timestamptz', { name: 'deprecated_at', nullable: true })
  deprecatedAt!: Date | null;
}
