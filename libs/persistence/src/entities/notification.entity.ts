import { Column, Entity, PrimaryColumn } from 'typeorm';

export type NotificationKind = 'reminder' | 'reassigned' | 'escalation' | 'invitation' | 'message';

/** `pending` until a sender accepts it (`sent`) or its attempts run out (`dead`, until an admin retries it). */
export type NotificationStatus = 'pending' | 'sent' | 'dead';

/** One message to send; its id stays the same on every attempt, so a receiver can drop a duplicate. */
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

  @Column('text', { default: 'pending' })
  status!: NotificationStatus;

  /** Attempts started, counted when a dispatcher claims the row. */
  @Column('int')
  attempts!: number;

  /** A pending row is not claimed before this time (backoff after a failed attempt). */
  @Column('timestamptz', { name: 'next_attempt_at', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column('timestamptz', { name: 'last_attempt_at', nullable: true })
  lastAttemptAt!: Date | null;

  /** The claim being sent now: only the dispatcher holding this token records its outcome. */
  @Column('uuid', { name: 'lease_token', nullable: true })
  leaseToken!: string | null;

  /** Until then no other dispatcher claims the row; after it, the claim is taken as lost. */
  @Column('timestamptz', { name: 'leased_until', nullable: true })
  leasedUntil!: Date | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;
}
