import { randomUUID } from 'node:crypto';
import { AccordHarness, eventually } from '../support/accord-harness';

const CHANGES = `key: change-managed
name: Delivery with change requests
starters: [pm]
roles: { pm: {}, customer: { external: true } }
stages:
  - id: track
    steps:
      - { id: deliver, name: Deliver the release, type: task, assignee: { role: pm } }
    on:
      - { signal: change-request, start: adjust }
  - id: adjust
    trigger: on-demand
    steps:
      - { id: proposal, name: Write the change proposal, type: task, assignee: { role: pm } }
      - { id: confirm, name: Confirm the change in writing, type: approval, policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] } }
`;

describe('events that start sub-processes, through the HTTP API', () => {
  let accord: AccordHarness;
  let pm: string;
  let customer: string;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    pm = accord.token('paula', ['pm']);
    customer = accord.token('carl', ['customer']);
    await accord.publish('change-managed', CHANGES);
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const complete = (token: string, id: string, body: Record<string, unknown> = {}) => accord.request('POST', `/tasks/${encodeURIComponent(id)}/complete`, { token, body });

  it("starts the change sub-process while delivery runs, and ends the project only when both are done", async () => {
    const started = await accord.request('POST', '/projects', { token: pm, body: { definitionKey: 'change-managed', name: 'With a change', members: [{ user: 'carl', role: 'customer' }] } });
    const projectId = started.body.id;
    const deliver = await accord.taskOf(pm, projectId, 'deliver');

    const key = randomUUID();
    const raised = await accord.request('POST', `/projects/${projectId}/events`, { token: customer, headers: { 'idempotency-key': key }, body: { signal: 'change-request', data: { reason: 'New regulation' } } });
    expect(raised.status).toBe(200);
    expect(raised.body.started).toMatchObject({ stageId: 'adjust', run: 1 });
    const again = await accord.request('POST', `/projects/${projectId}/events`, { token: customer, headers: { 'idempotency-key': key }, body: { signal: 'change-request' } });
    expect(again.body).toEqual(raised.body);

    const unknown = await accord.request('POST', `/projects/${projectId}/events`, { token: pm, body: { signal: 'complaint' } });
    expect(unknown.status).toBe(409);
    expect(unknown.body.details).toEqual([{ path: 'signal', message: 'no running stage handles "complaint" (stage track is running)' }]);

    expect((await complete(pm, deliver.id)).status).toBe(200);
    await complete(pm, (await accord.taskOf(pm, projectId, 'proposal')).id);
    // Delivery is done, but the change is still being signed: the project waits for it.
    expect((await accord.request('GET', `/projects/${projectId}`, { token: pm })).body.status).toBe('running');
    await complete(pm, (await accord.taskOf(pm, projectId, 'confirm')).id, { outcome: 'approve' });
    await complete(customer, (await accord.taskOf(customer, projectId, 'confirm')).id, { outcome: 'approve' });

    await eventually(async () => ((await accord.request('GET', `/projects/${projectId}`, { token: pm })).body.status === 'completed' ? true : undefined), 'completion');
    const audit = await accord.request('GET', `/projects/${projectId}/audit`, { token: pm });
    const raisedEvent = audit.body.items.find((event: { action: string }) => event.action === 'event.raised');
    expect(raisedEvent).toMatchObject({ actor: 'carl', subject: 'change-request', detail: { data: { reason: 'New regulation' }, during: 'track', starts: 'adjust' } });
    const stages = audit.body.items.filter((event: { action: string }) => event.action === 'stage.completed').map((event: { subject: string }) => event.subject);
    expect(stages.sort()).toEqual(['adjust', 'track']);
  });
});
