import type { DataSource } from 'typeorm';
import { WebhookDeliveryEntity, type WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { WebhookSubscriptionEntity } from '../entities/webhook-subscription.entity';

/** What an admin may change of a subscription. */
export type WebhookSubscriptionChanges = Partial<Pick<WebhookSubscriptionEntity, 'url' | 'eventTypes' | 'active' | 'description' | 'secret' | 'updatedAt'>>;

/** Webhook subscriptions and their deliveries, as admins manage them; the worker's dispatcher sends. */
export class WebhookSubscriptionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(subscription: WebhookSubscriptionEntity): Promise<void> {
    await this.subscriptions().insert(subscription);
  }

  /** Every subscription, oldest first. */
  all(): Promise<WebhookSubscriptionEntity[]> {
    return this.subscriptions().find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  find(id: string): Promise<WebhookSubscriptionEntity | null> {
    return this.subscriptions().findOneBy({ id });
  }

  async update(id: string, changes: WebhookSubscriptionChanges): Promise<void> {
    await this.subscriptions().update({ id }, changes);
  }

  /** Removes the subscription and its deliveries; false when there was none. */
  async delete(id: string): Promise<boolean> {
    return Boolean((await this.subscriptions().delete({ id })).affected);
  }

  /** The subscription's newest deliveries, in a status or all. */
  deliveries(id: string, filter: { status?: WebhookDeliveryStatus; limit: number }): Promise<WebhookDeliveryEntity[]> {
    return this.dataSource.getRepository(WebhookDeliveryEntity).find({
      where: { subscriptionId: id, ...(filter.status ? { status: filter.status } : {}) },
      order: { createdAt: 'DESC', occurredAt: 'DESC', id: 'ASC' },
      take: filter.limit,
    });
  }

  /**
   * Queues a dead or delivered delivery again with all its attempts ahead of it, and reads it
   * back (null: the subscription has no such delivery). One conditional update, so two admins
   * redelivering at once queue it once; one still pending is left as it is.
   */
  async redeliver(id: string, deliveryId: string): Promise<WebhookDeliveryEntity | null> {
    await this.dataSource
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: () => 'now()', deliveredAt: null, leaseToken: null, leasedUntil: null })
      .where('id = :deliveryId AND subscription_id = :id AND status IN (:...statuses)', { deliveryId, id, statuses: ['dead', 'delivered'] })
      .execute();
    return this.dataSource.getRepository(WebhookDeliveryEntity).findOneBy({ id: deliveryId, subscriptionId: id });
  }

  private subscriptions() {
    return this.dataSource.getRepository(WebhookSubscriptionEntity);
  }
}
