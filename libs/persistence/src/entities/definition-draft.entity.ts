import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The editable next version of a definition: one draft per key, valid or not. */
@Entity({ name: 'definition_drafts' })
export class DefinitionDraftEntity {
  @PrimaryColumn('text')
  key!: string;

  @Column('text')
  source!: string;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('text', { name: 'updated_by' })
  updatedBy!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
