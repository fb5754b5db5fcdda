/**
 * Every event type a webhook subscription can receive: a stable, documented set
 * (docs/webhooks.md). Project events come from the audit trail (migration Webhooks1766300000000
 * maps audit actions to them); customer events are enqueued by the code that changes the customer.
 */
export const WEBHOOK_EVENT_TYPES = [
  'project.started',
  'project.stage-started',
  'project.stage-completed',
  'project.stage-skipped',
  'project.completed',
  'project.rejected',
  'project.cancelled',
  'project.event-raised',
  'project.metric-breached',
  'customer.profile-changed',
  'customer.imported',
  'customer.churn-warning',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** In a subscription's filter: every event type, those added later included. */
export const ALL_WEBHOOK_EVENTS = '*';

/** Whether `type` is one of WEBHOOK_EVENT_TYPES. */
export function isWebhookEventType(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}
