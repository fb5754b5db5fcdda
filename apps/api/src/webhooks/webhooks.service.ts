import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ALL_WEBHOOK_EVENTS, type WebhookDeliveryEntity, type WebhookSubscriptionEntity, WebhookSubscriptionsRepository } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { ErrorCode } from '../errors/accord.exception';
import type { WebhookDeliveriesQueryDto, WebhookDeliveryResponse } from './dto/webhook-delivery.dto';
import type { CreateWebhookDto, UpdateWebhookDto, WebhookSubscriptionResponse, WebhookSubscriptionWithSecretResponse } from './dto/webhook-subscription.dto';
import { WebhookException } from './webhook.exception';

/** Webhook subscriptions and their deliveries, as admins manage them; the worker's WebhookDispatcher sends. */
@Injectable()
export class WebhooksService {
  private readonly subscriptions: WebhookSubscriptionsRepository;

  constructor(dataSource: DataSource) {
    this.subscriptions = new WebhookSubscriptionsRepository(dataSource);
  }

  async create(user: AuthUser, dto: CreateWebhookDto): Promise<WebhookSubscriptionWithSecretResponse> {
    const now = new Date();
    const row: WebhookSubscriptionEntity = {
      id: randomUUID(),
      url: dto.url,
      secret: dto.secret ?? generatedSecret(),
      eventTypes: dto.events ?? [ALL_WEBHOOK_EVENTS],
      active: dto.active ?? true,
      description: dto.description ?? null,
      createdBy: user.userId,
      createdAt: now,
      updatedAt: now,
    };
    await this.subscriptions.insert(row);
    return { ...subscriptionResponse(row), secret: row.secret };
  }

  async list(): Promise<WebhookSubscriptionResponse[]> {
    return (await this.subscriptions.all()).map(subscriptionResponse);
  }

  async get(id: string): Promise<WebhookSubscriptionResponse> {
    return subscriptionResponse(await this.existing(id));
  }

  async update(id: string, dto: UpdateWebhookDto): Promise<WebhookSubscriptionResponse> {
    const row = await this.existing(id);
    // What is left out (or null) stays; a null description clears it.
    Object.assign(row, {
      url: dto.url ?? row.url,
      eventTypes: dto.events ?? row.eventTypes,
      active: dto.active ?? row.active,
      description: dto.description === undefined ? row.description : dto.description,
      updatedAt: new Date(),
    });
    await this.subscriptions.update(id, {
      url: row.url,
      eventTypes: row.eventTypes,
      active: row.active,
      description: row.description,
      updatedAt: row.updatedAt,
    });
    return subscriptionResponse(row);
  }

  /** Its deliveries go with it, those still pending included. */
  async remove(id: string): Promise<void> {
    if (!(await this.subscriptions.delete(id))) throw notFound(id);
  }

  /** From now on every attempt, those of deliveries already queued included, is signed with the new secret. */
  async rotateSecret(id: string, secret: string | undefined): Promise<WebhookSubscriptionWithSecretResponse> {
    const row = await this.existing(id);
    Object.assign(row, { secret: secret ?? generatedSecret(), updatedAt: new Date() });
    await this.subscriptions.update(id, { secret: row.secret, updatedAt: row.updatedAt });
    return { ...subscriptionResponse(row), secret: row.secret };
  }

  async deliveries(id: string, query: WebhookDeliveriesQueryDto): Promise<WebhookDeliveryResponse[]> {
    await this.existing(id);
    const rows = await this.subscriptions.deliveries(id, { status: query.status, limit: query.limit ?? 50 });
    return rows.map(deliveryResponse);
  }

  /**
   * Sends a dead or delivered event again, under the same event id, with all its attempts
   * ahead of it. One still pending is already on its way and is answered as it is.
   */
  async redeliver(id: string, deliveryId: string): Promise<WebhookDeliveryResponse> {
    const row = await this.subscriptions.redeliver(id, deliveryId);
    if (!row)
      throw new WebhookException(ErrorCode.NOT_FOUND, `No delivery ${deliveryId} of webhook ${id}`, [
        { path: 'deliveryId', message: `no delivery ${deliveryId} of webhook ${id}` },
      ]);
    return deliveryResponse(row);
  }

  private async existing(id: string): Promise<WebhookSubscriptionEntity> {
    const row = await this.subscriptions.find(id);
    if (!row) throw notFound(id);
    return row;
  }
}

/** 192 random bits, prefixed so that a leaked one is recognised for what it is. */
function generatedSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

function notFound(id: string): WebhookException {
  return new WebhookException(ErrorCode.NOT_FOUND, `No webhook subscription ${id}`, [{ path: 'id', message: `no webhook subscription ${id}` }]);
}

function subscriptionResponse(row: WebhookSubscriptionEntity): WebhookSubscriptionResponse {
  return {
    id: row.id,
    url: row.url,
    events: row.eventTypes,
    active: row.active,
    description: row.description,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function deliveryResponse(row: WebhookDeliveryEntity): WebhookDeliveryResponse {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    eventId: row.eventId,
    eventType: row.eventType,
    occurredAt: row.occurredAt.toISOString(),
    data: row.data,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
