import { createHmac } from 'node:crypto';

/** The JSON body of every webhook request (docs/webhooks.md). */
export interface WebhookEnvelope {
  /** Stable across attempts and subscriptions: receivers drop an id they have seen. */
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** What one attempt sends: the exact body that was signed, and the headers. */
export interface WebhookRequest {
  body: string;
  headers: Record<string, string>;
}

export const WEBHOOK_SIGNATURE_VERSION = 'v1';

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`: binding the timestamp lets a receiver refuse an old request replayed. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `${WEBHOOK_SIGNATURE_VERSION}=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The signed request for one attempt at one delivery; `at` is the attempt's time, sent in whole seconds. */
export function webhookRequest(envelope: WebhookEnvelope, secret: string, at: Date): WebhookRequest {
  const body = JSON.stringify(envelope);
  const timestamp = Math.floor(at.getTime() / 1_000);
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Accord-Webhooks/1',
      'Accord-Webhook-Id': envelope.id,
      'Accord-Webhook-Timestamp': String(timestamp),
      'Accord-Webhook-Signature': webhookSignature(secret, timestamp, body),
    },
  };
}
