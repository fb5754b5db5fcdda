import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `pending` until the receiver answers 2xx (`delivered`) or the attempts run out (`dead`, until an admin redelivers it). */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'dead';

/**
 * One event to POST to one subscription: the webhook outbox. Queued in the transaction that
 * recorded the event (SQL function `enqueue_webhook_event`), at most once per subscription and event id.
 */
@Entity({ name: 'webhook_deliveries' })
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'subscription_id' })
  subscriptionId!: string;

  /** The event's id, the same on every attempt and for every subscription: receivers drop one they have seen. */
  @Column('text', { name: 'event_id' })
  eventId!: string;

  @Column('text', { name: 'event_type' })
  eventType!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('jsonb')
  data!: Record<string, unknown>;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('text')
  status!: WebhookDeliveryStatus;

  /** Attempts started, counted when a dispatcher claims the row. */
  @Column('int')
  attempts!: number;

  /** A pending row is not claimed before this time (backoff after a failed attempt). */
  @Column('timestamptz', { name: 'next_attempt_at' })
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

  /** The HTTP status of the last answer; null when there was none (refused, timed out). */
  @Column('int', { name: 'last_status_code', nullable: true })
  lastStatusCode!: number | null;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt!: Date | null;
}
