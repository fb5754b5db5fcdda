import { Client } from '@temporalio/client';
import { AccordHarness, eventually } from '../support/accord-harness';

const LONG_HAUL = `key: long-haul
name: A project that outlives its workflow runs
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
  - id: close
    steps:
      - { id: accept, name: Accept the delivery, type: approval, policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] } }
`;

/**
 * A project whose workflow continues as new every few dozen events (ACCORD_PROJECT_HISTORY_BUDGET
 * is lowered), on the real dev server: stages and sub-processes it started before a new run
 * report their end to the run of the day, and nothing decided is lost.
 */
describe('a project that continues as new while its stages run (dev server, HTTP)', () => {
  let accord: AccordHarness;
  let pm: string;
  let customer: string;

  beforeAll(async () => {
    accord = await AccordHarness.start({ ACCORD_PROJECT_HISTORY_BUDGET: '50' });
    pm = accord.token('paula', ['pm']);
    customer = accord.token('carl', ['customer']);
    await accord.publish('long-haul', LONG_HAUL);
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const complete = async (token: string, projectId: string, stepId: string, body: Record<string, unknown> = {}) =>
    expect((await accord.completeStep(token, projectId, stepId, body)).status).toBe(200);

  it('keeps every run short and loses no reading, change or stage across runs', async () => {
    const started = await accord.request('POST', '/projects', {
      token: pm,
      body: { definitionKey: 'long-haul', name: 'Long haul', members: [{ user: 'carl', role: 'customer' }] },
    });
    const projectId: string = started.body.id;
    const workflow = accord.app.get(Client).workflow.getHandle(`project/${projectId}`);
    await accord.taskOf(pm, projectId, 'deliver');
    const firstRun = (await workflow.describe()).runId;

    const first = await accord.request('POST', `/projects/${projectId}/change-requests`, {
      token: customer,
      body: { trigger: 'scope', reason: 'Add the warehouse' },
    });
    expect(first.body.started).toMatchObject({ stageId: 'adjust', run: 1 });
    const runs = new Set<string>([firstRun]);
    for (let week = 1; week <= 12; week++) {
      const posted = await accord.request('POST', `/projects/${projectId}/metric-readings`, {
        token: pm,
        body: { inspection: { inspected: 100, nonConforming: week } },
        headers: { 'idempotency-key': `week-${week}` },
      });
      expect(posted.status).toBe(202);
      runs.add((await workflow.describe()).runId);
    }
    expect(runs.size).toBeGreaterThan(2);

    // The sub-process began two runs ago; its end reaches the run of the day.
    await complete(pm, projectId, 'proposal');
    await eventually(
      async () =>
        (await accord.request('GET', `/projects/${projectId}/change-requests`, { token: pm })).body.items[0]?.status === 'closed' ? true : undefined,
      'the first change closed',
    );
    const second = await accord.request('POST', `/projects/${projectId}/change-requests`, {
      token: customer,
      body: { trigger: 'delivery-date', reason: 'The fair moved' },
    });
    expect(second.body.started).toMatchObject({ stageId: 'adjust', run: 2 });
    await complete(pm, projectId, 'proposal');
    await complete(pm, projectId, 'deliver');
    await complete(pm, projectId, 'accept', { outcome: 'approve' });
    await complete(customer, projectId, 'accept', { outcome: 'approve' });

    const project = await eventually(async () => {
      const response = await accord.request('GET', `/projects/${projectId}`, { token: pm });
      return response.body.status === 'completed' ? response.body : undefined;
    }, 'completion');
    expect(project.currentStage).toBeNull();
    expect((await workflow.result()).stages).toEqual([
      { stageId: 'track', outcome: 'completed' },
      { stageId: 'close', outcome: 'completed' },
    ]);
    const readings = await accord.request('GET', `/projects/${projectId}/metric-readings?metric=non_conformity_rate`, { token: pm });
    expect(readings.body.items.map((reading: { value: number }) => reading.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => n / 100));
    const changes = await accord.request('GET', `/projects/${projectId}/change-requests`, { token: pm });
    expect(changes.body.items.map((change: { status: string; outcome: string }) => [change.status, change.outcome])).toEqual([
      ['closed', 'completed'],
      ['closed', 'completed'],
    ]);
    expect((await workflow.describe()).historyLength).toBeLessThan(100);
  });
});
