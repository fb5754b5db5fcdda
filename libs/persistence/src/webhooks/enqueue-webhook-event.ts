import type { EntityManager } from 'typeorm';
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from './webhook-event-types';

/** One fact to tell subscribers about; `id` is what receivers deduplicate by, so derive it from the fact. */
export interface WebhookEvent {
  /** Stable: the same fact enqueued twice (a retried transaction) must carry the same id, and is queued once per subscription. */
  id: string;
  /** One of WEBHOOK_EVENT_TYPES. */
  type: string;
  occurredAt: Date;
  /** The event's `data`, as documented for its type in docs/webhooks.md. */
  data: Record<string, unknown>;
}

/** Events per statement: four array parameters, whatever their number. */
const BATCH = 1000;

/**
 * Queues an event for every active subscription whose filter takes its type, in the caller's
 * transaction: it is delivered only if that transaction commits. Returns how many deliveries
 * were queued (0 without subscribers, or for an id already queued).
 */
export async function enqueueWebhookEvent(manager: EntityManager, event: WebhookEvent): Promise<number> {
  return enqueueWebhookEvents(manager, [event]);
}

/** enqueueWebhookEvent for many events (an import), a thousand to a statement. */
export async function enqueueWebhookEvents(manager: EntityManager, events: WebhookEvent[]): Promise<number> {
  const unknown = events.find((event) => !isWebhookEventType(event.type));
  if (unknown) throw new Error(`Unknown webhook event type ${unknown.type}: one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  let queued = 0;
  for (let at = 0; at < events.length; at += BATCH) {
    const batch = events.slice(at, at + BATCH);
    // The same SQL function fans out the events the audit trigger derives, so both follow one rule.
    const [row]: { queued: number | null }[] = await manager.query(
      `SELECT sum(enqueue_webhook_event(event.id, event.type, event.occurred_at, event.data))::int AS queued
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::jsonb[]) AS event (id, type, occurred_at, data)`,
      [
        batch.map((event) => event.id),
        batch.map((event) => event.type),
        batch.map((event) => event.occurredAt),
        batch.map((event) => JSON.stringify(event.data)),
      ],
    );
    queued += row?.queued ?? 0;
  }
  return queued;
}
