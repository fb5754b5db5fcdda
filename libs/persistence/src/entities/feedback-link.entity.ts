import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A project's public online-form link for customer feedback; only the token's hash is kept. */
@Entity({ name: 'feedback_links' })
export class FeedbackLinkEntity {
  @PrimaryColumn('uuid', { name: 'project_id' })
  projectId!: string;

  /** SHA-256 of the token, hex: a leaked table does not open the forms. */
  @Column('text', { name: 'token_hash' })
  tokenHash!: string;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
