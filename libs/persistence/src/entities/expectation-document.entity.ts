import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DocumentChange, ExpectationDocument, Signature } from '@accord/contracts';

/** One published version of a project's expectation document; versions never change. */
@Entity({ name: 'expectation_documents' })
export class ExpectationDocumentEntity {
  @PrimaryColumn('uuid', { name: 'project_id' })
  projectId!: string;

  @PrimaryColumn('int')
  version!: number;

  @Column('jsonb')
  content!: ExpectationDocument;

  /** What changed from the version before (empty for the first). */
  @Column('jsonb')
  changes!: DocumentChange[];

  @Column('jsonb')
  approvals!: Signature[];

  @Column('timestamptz', { name: 'published_at' })
  publishedAt!: Date;

  @Column('text')
  source!: string;
}
