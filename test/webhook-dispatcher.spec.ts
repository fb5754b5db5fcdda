import { randomUUID } from 'node:crypto';
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from '@accord/persistence';
import { WebhookDispatcher, type WebhookDispatcherOptions } from '../apps/worker/src/webhook-dispatcher';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { signatureVerifies, WebhookReceiver } from './support/webhook-receiver';

const QUEUED_AT = Date.UTC(2026, 11, 2, 9, 0);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const SECRET = 'whsec_dispatcher-spec-secret';

/** The dispatchers' clock: tests move it instead of waiting. */
class TestClock {
  now = new Date(QUEUED_AT + 5 * MINUTE);

  advanceTo(time: Date): void {
    this.now = new Date(time);
  }

  advanceBy(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

describe(WebhookDispatcher.name, () => {
  let database: TestDatabase;
  let receiver: WebhookReceiver;
  let clock: TestClock;
  let subscriptionId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  beforeEach(async () => {
    await database.dataSource.query('DELETE FROM webhook_subscriptions');
    receiver = await WebhookReceiver.start();
    clock = new TestClock();
    subscriptionId = await subscribe(receiver.url);
  });

  afterEach(async () => {
    await receiver.stop();
  });

  const deliveries = () => database.dataSource.getRepository(WebhookDeliveryEntity);
  const delivery = (eventId: string) => deliveries().findOneByOrFail({ eventId });

  const subscribe = async (url: string, secret = SECRET): Promise<string> => {
    const id = randomUUID();
    await database.dataSource.getRepository(WebhookSubscriptionEntity).insert({
      id,
      url,
      secret,
      eventTypes: ['*'],
      active: true,
      description: null,
      createdBy: 'ada',
      createdAt: new Date(QUEUED_AT),
      updatedAt: new Date(QUEUED_AT),
    });
    return id;
  };

  const queue = (eventId: string, minute = 0, to = subscriptionId) =>
    deliveries().insert({
      id: randomUUID(),
      subscriptionId: to,
      eventId,
      eventType: 'project.stage-completed',
      occurredAt: new Date(QUEUED_AT + minute * MINUTE),
      data: { projectId: '3b6f5f3e-0000-4000-8000-000000000001', stage: 'kickoff', outcome: 'completed' },
      createdAt: new Date(QUEUED_AT + minute * MINUTE),
      nextAttemptAt: new Date(QUEUED_AT + minute * MINUTE),
      status: 'pending',
      attempts: 0,
    });

  const dispatcher = (options: Partial<WebhookDispatcherOptions> = {}) =>
    new WebhookDispatcher(database.dataSource, {
      maxAttempts: 5,
      backoffMs: MINUTE,
      backoffCapMs: 10 * MINUTE,
      sendTimeoutMs: 5 * SECOND,
      now: () => clock.now,
      ...options,
    });

  it('POSTs the event as JSON signed with the subscription secret, and marks it delivered on a 2xx', async () => {
    await queue('evt-1');

    expect(await dispatcher().dispatchOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });

    const [request] = receiver.received;
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'accord-webhook-id': 'evt-1',
      'accord-webhook-timestamp': String(clock.now.getTime() / SECOND),
    });
    expect(JSON.parse(request.body)).toEqual({
      id: 'evt-1',
      type: 'project.stage-completed',
      occurredAt: new Date(QUEUED_AT).toISOString(),
      data: { projectId: '3b6f5f3e-0000-4000-8000-000000000001', stage: 'kickoff', outcome: 'completed' },
    });
    expect(signatureVerifies(request, SECRET)).toBe(true);
    expect(signatureVerifies(request, 'whsec_another-secret')).toBe(false);
    expect(await delivery('evt-1')).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 204,
      lastError: null,
      deliveredAt: clock.now,
      leaseToken: null,
    });
  });

  it('retries a receiver that answers 500 after the backoff, under the same id with a fresh signature, until it answers 2xx', async () => {
    await queue('evt-1');
    receiver.answerWith(500);
    const sut = dispatcher();

    expect(await sut.dispatchOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    const failed = await delivery('evt-1');
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500 Internal Server Error' });
    expect(failed.nextAttemptAt).toEqual(new Date(clock.now.getTime() + MINUTE));

    clock.advanceTo(new Date(failed.nextAttemptAt.getTime() - 1));
    expect(await sut.dispatchOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    clock.advanceTo(failed.nextAttemptAt);
    receiver.answerWith(200);
    expect(await sut.dispatchOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });

    expect(receiver.received.map((request) => request.headers['accord-webhook-id'])).toEqual(['evt-1', 'evt-1']);
    expect(receiver.received.every((request) => signatureVerifies(request, SECRET))).toBe(true);
    expect(new Set(receiver.received.map((request) => request.headers['accord-webhook-timestamp'])).size).toBe(2);
    expect(await delivery('evt-1')).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null });
  });

  it('waits between failed attempts with the notifications’ backoff: doubling from the first wait, up to the cap', async () => {
    await queue('evt-1');
    receiver.answerWith(503);
    const sut = dispatcher({ maxAttempts: 8, backoffMs: MINUTE, backoffCapMs: 5 * MINUTE });

    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await sut.dispatchOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
      const { lastAttemptAt, nextAttemptAt } = await delivery('evt-1');
      waits.push(nextAttemptAt.getTime() - lastAttemptAt!.getTime());
      clock.advanceTo(nextAttemptAt);
    }
    expect(waits).toEqual([1, 2, 4, 5, 5].map((minutes) => minutes * MINUTE));
  });

  it('makes a delivery a dead letter with its last error once its attempts run out, and sends it no more', async () => {
    await queue('evt-1');
    receiver.answerWith(410);
    const sut = dispatcher({ maxAttempts: 2 });

    expect(await sut.dispatchOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    clock.advanceTo((await delivery('evt-1')).nextAttemptAt);
    expect(await sut.dispatchOnce()).toEqual({ delivered: 0, failed: 0, dead: 1 });

    expect(await delivery('evt-1')).toMatchObject({ status: 'dead', attempts: 2, lastStatusCode: 410, lastError: 'HTTP 410 Gone', deliveredAt: null });
    clock.advanceBy(24 * 60 * MINUTE);
    expect(await sut.dispatchOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(receiver.received).toHaveLength(2);
  });

  it('counts a redirect as a failure instead of following it', async () => {
    await queue('evt-1');
    receiver.answer = (_, response) => response.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();

    expect(await dispatcher().dispatchOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(await delivery('evt-1')).toMatchObject({ status: 'pending', lastStatusCode: 302, lastError: 'HTTP 302 Found' });
  });

  it('counts a receiver that does not answer within the timeout as failed, and aborts the request', async () => {
    await queue('evt-1');
    let closed = false;
    receiver.answer = (_, response) => response.on('close', () => (closed = true));

    expect(await dispatcher({ sendTimeoutMs: 100 }).dispatchOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(await delivery('evt-1')).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'no answer within 100 ms' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });

  it('counts a refused connection as failed, with the reason', async () => {
    const nobody = await WebhookReceiver.start();
    const url = nobody.url;
    await nobody.stop();
    await queue('evt-1', 0, await subscribe(url));

    expect(await dispatcher().dispatchOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect((await delivery('evt-1')).lastError).toMatch(/ECONNREFUSED/);
  });

  it('sends oldest first, each to its own subscription with its own signature', async () => {
    const otherSecret = 'whsec_the-other-receiver';
    const other = await WebhookReceiver.start();
    try {
      await queue('evt-2', 2);
      await queue('evt-1', 1);
      await queue('evt-3', 3, await subscribe(other.url, otherSecret));

      expect(await dispatcher({ batchSize: 1 }).dispatchOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
      expect(await dispatcher().dispatchOnce()).toEqual({ delivered: 2, failed: 0, dead: 0 });

      expect(receiver.received.map((request) => request.json.id)).toEqual(['evt-1', 'evt-2']);
      expect(other.received.map((request) => request.json.id)).toEqual(['evt-3']);
      expect(signatureVerifies(other.received[0], otherSecret)).toBe(true);
      expect(signatureVerifies(other.received[0], SECRET)).toBe(false);
    } finally {
      await other.stop();
    }
  });

  it('does not hand a delivery under way to a second dispatcher, and sends it again once the lease of one that stopped has run out', async () => {
    await queue('evt-1');
    let answered = 0;
    receiver.answer = (_, response) => {
      // The first request never gets an answer, as from a dispatcher that stopped while sending.
      if (++answered > 1) response.writeHead(200).end();
    };
    const stopped = dispatcher({ leaseMs: 5 * MINUTE, sendTimeoutMs: 60 * SECOND }).dispatchOnce();
    await waitFor(() => receiver.received.length === 1);

    expect(await dispatcher().dispatchOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    clock.advanceBy(5 * MINUTE);
    expect(await dispatcher().dispatchOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(receiver.received.map((request) => request.json.id)).toEqual(['evt-1', 'evt-1']);

    await receiver.stop();
    // Its late outcome is not recorded: the delivery is its successor's.
    expect(await stopped).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(await delivery('evt-1')).toMatchObject({ status: 'delivered', attempts: 2 });
    receiver = await WebhookReceiver.start();
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
