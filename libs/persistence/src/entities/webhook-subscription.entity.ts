import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A receiver of outbound webhooks: where to POST, the secret that signs each request, and which event types it takes. */
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  url!: string;

  /** Kept as given: every delivery is signed with it (HMAC-SHA256), so it cannot be stored hashed. */
  @Column('text')
  secret!: string;

  /** Event types delivered to it; `*` for every type. */
  @Column('text', { name: 'event_types', array: true })
  eventTypes!: string[];

  /** An inactive subscription gets no new deliveries; those already queued are still sent. */
  @Column('boolean')
  active!: boolean;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
