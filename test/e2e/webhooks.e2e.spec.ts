import { WebhookDispatcher, type WebhookDispatcherOptions } from '../../apps/worker/src/webhook-dispatcher';
import { AccordHarness, eventually } from '../support/accord-harness';
import { type ReceivedWebhook, signatureVerifies, WebhookReceiver } from '../support/webhook-receiver';

// One stage, one task: starting it and completing the task gives every project event but the raised ones.
const FOLLOWED = `key: followed
name: A project a CRM follows
starters: [pm]
roles: { pm: {} }
stages:
  - id: kickoff
    steps:
      - { id: plan, name: Plan the work, type: task, assignee: { role: pm } }
`;

interface Subscription {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  secret?: string;
}

interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  data: Record<string, unknown>;
}

/**
 * Issue 13 point 3: a CRM follows customers and projects through signed webhooks, retried
 * through the outbox under a stable id, subscribed to by admins through the HTTP API.
 */
describe('outbound webhooks through the HTTP API and the worker’s dispatcher', () => {
  let accord: AccordHarness;
  let admin: string;
  let pm: string;
  let crm: WebhookReceiver;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    admin = accord.token('ada', ['admin']);
    pm = accord.token('paula', ['pm']);
    await accord.publish('followed', FOLLOWED);
  });

  beforeEach(async () => {
    crm = await WebhookReceiver.start();
  });

  afterEach(async () => {
    await crm.stop();
    await accord.database.dataSource.query('DELETE FROM webhook_subscriptions');
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const subscribe = (body: Record<string, unknown>, token = admin) => accord.request<Subscription>('POST', '/webhooks', { token, body });
  const deliveries = (subscriptionId: string, status = '') =>
    accord.request<{ items: Delivery[] }>('GET', `/webhooks/${subscriptionId}/deliveries${status ? `?status=${status}` : ''}`, { token: admin });

  /** The worker's dispatcher, one round at a time; a failure is due again almost at once. */
  const dispatch = (options: Partial<WebhookDispatcherOptions> = {}) =>
    new WebhookDispatcher(accord.database.dataSource, { backoffMs: 1, backoffCapMs: 1, ...options }).dispatchOnce();

  /** Dispatches until `receiver` has got a request that `matches`. */
  const delivered = (receiver: WebhookReceiver, matches: (request: ReceivedWebhook) => boolean, what: string) =>
    eventually(async () => {
      await dispatch();
      return receiver.received.find(matches);
    }, what);

  const startProject = async (name: string): Promise<string> => {
    const started = await accord.request('POST', '/projects', {
      token: pm,
      body: { definitionKey: 'followed', name, customer: { key: 'acme', name: 'ACME Corp' } },
    });
    expect(started.status).toBe(201);
    return started.body.id as string;
  };

  it('delivers a project’s start and its stage’s completion to a subscribed CRM, signed with the secret shown once', async () => {
    const created = await subscribe({
      url: crm.url,
      events: ['project.started', 'project.stage-started', 'project.stage-completed', 'project.completed'],
      description: 'Zoho CRM',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: crm.url, active: true, description: 'Zoho CRM' });
    const { secret } = created.body;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const listed = await accord.request<{ items: Subscription[] }>('GET', '/webhooks', { token: admin });
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.body.id })]);
    expect(listed.body.items[0]).not.toHaveProperty('secret');

    const projectId = await startProject('ACME ERP roll-out');
    expect((await accord.completeStep(pm, projectId, 'plan', {})).status).toBe(200);
    const completed = await delivered(
      crm,
      (request) => request.json.type === 'project.completed' && request.json.data.projectId === projectId,
      'project.completed',
    );

    // Deliveries may arrive in any order: each is checked by its type.
    const events = crm.received.filter((request) => request.json.data.projectId === projectId);
    const byType = Object.fromEntries(events.map((request) => [request.json.type as string, request]));
    expect(Object.keys(byType).sort()).toEqual(['project.completed', 'project.stage-completed', 'project.stage-started', 'project.started']);
    expect(events).toHaveLength(4);
    for (const request of events) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['accord-webhook-id']).toBe(request.json.id);
      expect(signatureVerifies(request, secret!)).toBe(true);
      expect(Math.abs(Number(request.headers['accord-webhook-timestamp']) - Date.now() / 1_000)).toBeLessThan(300);
    }
    expect(new Set(events.map((request) => request.json.id)).size).toBe(4);
    expect(byType['project.started'].json.data).toMatchObject({
      projectId,
      projectName: 'ACME ERP roll-out',
      definitionKey: 'followed',
      customerKey: 'acme',
      customerName: 'ACME Corp',
      actor: 'paula',
    });
    expect(byType['project.stage-completed'].json.data).toMatchObject({ projectId, customerKey: 'acme', stage: 'kickoff', outcome: 'completed' });
    expect(completed.json.data).toMatchObject({ projectId, status: 'completed' });

    const listedDeliveries = await deliveries(created.body.id);
    expect(listedDeliveries.status).toBe(200);
    expect(
      listedDeliveries.body.items
        .map(({ eventId, eventType, status, attempts }) => ({ eventId, eventType, status, attempts }))
        .sort((a, b) => a.eventType.localeCompare(b.eventType)),
    ).toEqual(
      events
        .map((request) => ({ eventId: request.json.id, eventType: request.json.type, status: 'delivered', attempts: 1 }))
        .sort((a, b) => a.eventType.localeCompare(b.eventType)),
    );
  });

  it('sends an event a failing receiver refused again later under the same id, until it answers 2xx', async () => {
    const flaky = await subscribe({ url: crm.url, events: ['project.started'] });
    const steady = await WebhookReceiver.start();
    try {
      await subscribe({ url: steady.url, events: ['project.started'] });
      let answers = 0;
      crm.answer = (_, response) => response.writeHead(++answers === 1 ? 500 : 200).end();

      const projectId = await startProject('Flaky CRM');
      const isStart = (request: ReceivedWebhook) => request.json.data.projectId === projectId;
      await delivered(crm, isStart, 'the first attempt');
      const pending = await deliveries(flaky.body.id, 'pending');
      expect(pending.body.items).toEqual([
        expect.objectContaining({
          eventType: 'project.started',
          status: 'pending',
          attempts: 1,
          lastStatusCode: 500,
          lastError: 'HTTP 500 Internal Server Error',
        }),
      ]);

      await eventually(async () => {
        await dispatch();
        return crm.received.filter(isStart).length === 2 ? true : undefined;
      }, 'the retry');
      const [first, retry] = crm.received.filter(isStart);
      expect(retry.json.id).toBe(first.json.id);
      expect(retry.body).toBe(first.body);
      expect(signatureVerifies(retry, flaky.body.secret!)).toBe(true);
      // The same fact has the same id for every subscriber.
      expect((await delivered(steady, isStart, 'the steady receiver')).json.id).toBe(first.json.id);
      expect((await deliveries(flaky.body.id)).body.items).toEqual([
        expect.objectContaining({ eventId: first.json.id, status: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null }),
      ]);
    } finally {
      await steady.stop();
    }
  });

  it('lets an admin redeliver a dead delivery under the same id, and rotate the secret that signs it', async () => {
    const created = await subscribe({ url: crm.url, events: ['project.started'] });
    crm.answerWith(503);
    const projectId = await startProject('Dead letter');
    await eventually(async () => ((await dispatch({ maxAttempts: 1 })).dead > 0 ? true : undefined), 'a dead letter');
    const [dead] = (await deliveries(created.body.id, 'dead')).body.items;
    expect(dead).toMatchObject({
      eventType: 'project.started',
      status: 'dead',
      attempts: 1,
      lastStatusCode: 503,
      data: expect.objectContaining({ projectId }),
    });

    const rotated = await accord.request<Subscription>('POST', `/webhooks/${created.body.id}/rotate-secret`, {
      token: admin,
      body: { secret: 'a-secret-the-crm-chose-1234' },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toBe('a-secret-the-crm-chose-1234');
    const redelivered = await accord.request<Delivery>('POST', `/webhooks/${created.body.id}/deliveries/${dead.id}/redeliver`, { token: admin });
    expect(redelivered.status).toBe(200);
    expect(redelivered.body).toMatchObject({ id: dead.id, eventId: dead.eventId, status: 'pending', attempts: 0 });

    crm.answerWith(200);
    const again = await delivered(crm, (request) => request.json.data.projectId === projectId && crm.received.indexOf(request) > 0, 'the redelivery');
    expect(again.json.id).toBe(dead.eventId);
    expect(signatureVerifies(again, 'a-secret-the-crm-chose-1234')).toBe(true);
    expect(signatureVerifies(again, created.body.secret!)).toBe(false);

    const unknown = await accord.request('POST', `/webhooks/${created.body.id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`, { token: admin });
    expect(unknown.status).toBe(404);
  });

  it('delivers a change of a customer’s profile with the profile as it now is', async () => {
    const created = await subscribe({ url: crm.url, events: ['customer.profile-changed'] });
    await startProject('Profiled');
    const put = await accord.request('PUT', '/customers/acme/profile', {
      token: pm,
      body: { industry: 'manufacturing', region: 'emea', annualContractValue: 120000, contacts: [{ name: 'Carla Jones', email: 'carla@acme.example' }] },
    });
    expect(put.status).toBe(200);

    const changed = await delivered(crm, (request) => request.json.type === 'customer.profile-changed', 'customer.profile-changed');
    expect(changed.json.data).toMatchObject({
      customerKey: 'acme',
      changedBy: 'paula',
      profile: {
        industry: 'manufacturing',
        region: 'emea',
        annualContractValue: 120000,
        contacts: [{ name: 'Carla Jones', email: 'carla@acme.example', role: null, phone: null }],
      },
    });
    expect(signatureVerifies(changed, created.body.secret!)).toBe(true);
  });

  it('lets only admins manage webhooks: 403 for everyone else', async () => {
    const auditor = accord.token('otto', ['auditor']);
    expect((await subscribe({ url: crm.url }, pm)).status).toBe(403);
    expect((await subscribe({ url: crm.url }, auditor)).status).toBe(403);
    expect((await accord.request('GET', '/webhooks', { token: pm })).status).toBe(403);
    const created = await subscribe({ url: crm.url });
    expect((await accord.request('GET', `/webhooks/${created.body.id}/deliveries`, { token: auditor })).status).toBe(403);
    expect((await accord.request('DELETE', `/webhooks/${created.body.id}`, { token: pm })).status).toBe(403);
    expect((await accord.request('GET', '/webhooks', { token: admin })).body.items).toHaveLength(1);
  });

  it('refuses a URL that is not http(s), an unknown event type and a short secret with 400 naming each path', async () => {
    const bad = await accord.request('POST', '/webhooks', {
      token: admin,
      body: { url: 'ftp://crm.example.com/hooks', events: ['project.started', 'project.renamed'], secret: 'short' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['events', 'secret', 'url']);
    expect((await accord.request('POST', '/webhooks', { token: admin, body: { url: 'not a url' } })).body.details).toEqual([
      { path: 'url', message: 'url must be an http:// or https:// URL' },
    ]);
    expect((await accord.request('GET', '/webhooks/not-a-uuid/deliveries', { token: admin })).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'id', message: 'must be a UUID' }],
    });
    expect((await accord.request('GET', '/webhooks', { token: admin })).body.items).toEqual([]);
  });

  it('changes, pauses and deletes a subscription: an inactive or deleted one gets no new events', async () => {
    const created = await subscribe({ url: crm.url, events: ['project.started'] });
    const paused = await accord.request<Subscription>('PATCH', `/webhooks/${created.body.id}`, {
      token: admin,
      body: { active: false, events: ['*'], url: null },
    });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ active: false, events: ['*'], url: crm.url });
    expect((await accord.request('PATCH', `/webhooks/${created.body.id}`, { token: admin, body: { url: 'mailto:crm@example.com' } })).body.details).toEqual([
      { path: 'url', message: 'url must be an http:// or https:// URL' },
    ]);
    const projectId = await startProject('Unheard');
    await eventually(async () => {
      const trail = await accord.request<{ items: { action: string }[] }>('GET', `/projects/${projectId}/audit`, { token: pm });
      return trail.body.items?.some((entry) => entry.action === 'stage.started') ? true : undefined;
    }, 'the start in the audit trail');
    expect((await deliveries(created.body.id)).body.items).toEqual([]);

    expect((await accord.request('DELETE', `/webhooks/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await accord.request('GET', `/webhooks/${created.body.id}`, { token: admin })).status).toBe(404);
    expect((await accord.request('PATCH', `/webhooks/${created.body.id}`, { token: admin, body: { url: 'https://other.example.com' } })).status).toBe(404);
  });
});
