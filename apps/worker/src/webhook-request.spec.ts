import { createHmac } from 'node:crypto';
import { webhookRequest, webhookSignature, type WebhookEnvelope } from './webhook-request';

const SECRET = 'whsec_test-secret';
const AT = new Date('2026-12-02T10:15:30.750Z');

function envelope(overrides: Partial<WebhookEnvelope> = {}): WebhookEnvelope {
  return {
    id: '6f1c0d8e-6d1f-4c54-9f55-3c3b1e2a9a01',
    type: 'project.started',
    occurredAt: '2026-12-02T10:15:00.000Z',
    data: { projectId: 'p-1', customerKey: 'acme' },
    ...overrides,
  };
}

describe('webhookRequest', () => {
  it('sends the envelope as JSON with its id, type, time and data, in that order', () => {
    const sut = webhookRequest(envelope(), SECRET, AT);
    expect(sut.body).toBe(
      '{"id":"6f1c0d8e-6d1f-4c54-9f55-3c3b1e2a9a01","type":"project.started","occurredAt":"2026-12-02T10:15:00.000Z","data":{"projectId":"p-1","customerKey":"acme"}}',
    );
    expect(sut.headers).toMatchObject({ 'Content-Type': 'application/json', 'Accord-Webhook-Id': envelope().id });
  });

  it('stamps the attempt in whole Unix seconds', () => {
    expect(webhookRequest(envelope(), SECRET, AT).headers['Accord-Webhook-Timestamp']).toBe('1796206530');
  });

  it('signs "<timestamp>.<body>" with HMAC-SHA256 of the secret, as a receiver recomputes it', () => {
    const sut = webhookRequest(envelope(), SECRET, AT);
    const expected = createHmac('sha256', SECRET).update(`1796206530.${sut.body}`).digest('hex');
    expect(sut.headers['Accord-Webhook-Signature']).toBe(`v1=${expected}`);
  });

  it('gives another signature for another body, timestamp or secret', () => {
    const signature = webhookSignature(SECRET, 1796206530, '{}');
    expect(webhookSignature(SECRET, 1796206530, '{ }')).not.toBe(signature);
    expect(webhookSignature(SECRET, 1796206531, '{}')).not.toBe(signature);
    expect(webhookSignature(`${SECRET}2`, 1796206530, '{}')).not.toBe(signature);
  });
});
