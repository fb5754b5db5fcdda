import { Column, Entity, PrimaryColumn } from 'typeorm';

export type NotificationKind = 'reminder' | 'reassigned' | 'escalation' | 'invitation' | 'message';

/** One message to send; unsent rows are retried until a sender accepts them. */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('text', { name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column('text')
  kind!: NotificationKind;

  @Column('text', { name: 'recipient_role', nullable: true })
  recipientRole!: string | null;

  @Column('text', { name: 'recipient_user', nullable: true })
  recipientUser!: string | null;

  @Column('text')
  subject!: string;

  @Column('text')
  body!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('int')
  attempts!: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;
}
