import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { AccordHarness, eventually } from '../support/accord-harness';

// Two tasks of one stage open at once, for the same role.
const TWIN_TASKS = `key: twin-tasks
name: Two tasks of one stage at once
starters: [pm]
roles: { pm: {}, customer: { external: true } }
stages:
  - id: work
    steps:
      - id: both
        type: parallel
        join: all
        branches:
          - { id: left, steps: [ { id: left-task, name: Check the left wing, type: task, assignee: { role: pm } } ] }
          - { id: right, steps: [ { id: right-task, name: Check the right wing, type: task, assignee: { role: pm } } ] }
      - { id: review, name: Review both wings, type: task, assignee: { role: pm } }
    on:
      - { signal: feedback, start: answer }
  - id: answer
    trigger: on-demand
    steps:
      - { id: reply, name: Answer the feedback, type: task, assignee: { role: pm } }
`;

// As in project-continue-as-new.e2e.spec.ts: readings push the project's workflow through runs.
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
`;

interface Sent {
  status: number;
  // Response bodies are JSON that each test inspects field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a response body is JSON whose shape each test asserts
  body: any;
  replayed: string | null;
}

/**
 * An Idempotency-Key means one request (issue 14 point 1): scoped to its caller, route and
 * resource, remembered in PostgreSQL with a fingerprint of the body, replayed with the first
 * answer, refused for another body, and still there after the project continued as new.
 */
describe('idempotency keys (dev server, HTTP)', () => {
  let accord: AccordHarness;
  let paula: string;
  let peter: string;
  let carl: string;

  beforeAll(async () => {
    // A small history budget makes a project continue as new after a dozen readings.
    accord = await AccordHarness.start({ ACCORD_PROJECT_HISTORY_BUDGET: '50' });
    paula = accord.token('paula', ['pm']);
    peter = accord.token('peter', ['pm']);
    carl = accord.token('carl', ['customer']);
    await accord.publish('twin-tasks', TWIN_TASKS);
    await accord.publish('long-haul', LONG_HAUL);
  });

  afterAll(async () => {
    await accord?.stop();
  });

  /** A request as a client sends it, with the replay header the harness does not return. */
  const send = async (method: string, path: string, options: { token?: string; key?: string; body?: unknown }): Promise<Sent> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.key) headers['idempotency-key'] = options.key;
    const response = await fetch(`${accord.baseUrl}${path}`, { method, headers, body: JSON.stringify(options.body ?? {}) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, replayed: response.headers.get('idempotent-replayed') };
  };
  const task = (id: string, action: string) => `/tasks/${encodeURIComponent(id)}/${action}`;
  const start = async (definitionKey: string, name: string): Promise<string> => {
    const started = await accord.request('POST', '/projects', {
      token: paula,
      body: {
        definitionKey,
        name,
        members: [
          { user: 'peter', role: 'pm' },
          { user: 'carl', role: 'customer' },
        ],
      },
    });
    expect(started.status).toBe(201);
    return started.body.id;
  };
  const history = async (taskId: string) =>
    (
      (await accord.request('GET', `/tasks/${encodeURIComponent(taskId)}`, { token: paula })).body.history as {
        action: string;
        actor: string;
        reason?: string;
      }[]
    ).map((entry) => `${entry.action} by ${entry.actor}${entry.reason ? `: ${entry.reason}` : ''}`);

  it('completes both of two tasks of one stage sent with the same key', async () => {
    const projectId = await start('twin-tasks', 'Both wings');
    const left = await accord.taskOf(paula, projectId, 'left-task');
    const right = await accord.taskOf(paula, projectId, 'right-task');

    const first = await send('POST', task(left.id, 'complete'), { token: paula, key: 'wing-check', body: {} });
    const second = await send('POST', task(right.id, 'complete'), { token: paula, key: 'wing-check', body: {} });
    expect([first.status, first.body.taskId, first.replayed]).toEqual([200, left.id, null]);
    expect([second.status, second.body.taskId, second.replayed]).toEqual([200, right.id, null]);
    expect((await accord.request('GET', `/tasks/${encodeURIComponent(right.id)}`, { token: paula })).body.status).toBe('completed');
    // Both branches joined: the stage went on to its next step.
    await accord.taskOf(paula, projectId, 'review');
  });

  it('lets two people who pick the same key both act', async () => {
    const projectId = await start('twin-tasks', 'Two voices');
    const left = await accord.taskOf(paula, projectId, 'left-task');

    const byPaula = await send('POST', task(left.id, 'comment'), { token: paula, key: 'note-1', body: { text: 'The roof leaks' } });
    const byPeter = await send('POST', task(left.id, 'comment'), { token: peter, key: 'note-1', body: { text: 'The door sticks' } });
    expect([byPaula.status, byPeter.status, byPeter.replayed]).toEqual([200, 200, null]);
    expect(await history(left.id)).toEqual(['task.opened by system', 'task.commented by paula: The roof leaks', 'task.commented by peter: The door sticks']);
  });

  it('replays the first answer to a repeat of the same request, and acts once', async () => {
    const projectId = await start('twin-tasks', 'Said once');
    const left = await accord.taskOf(paula, projectId, 'left-task');

    const first = await send('POST', task(left.id, 'comment'), { token: paula, key: 'retry-me', body: { text: 'Scaffolding ordered' } });
    const repeat = await send('POST', task(left.id, 'comment'), { token: paula, key: 'retry-me', body: { text: 'Scaffolding ordered' } });
    expect(first.status).toBe(200);
    expect(first.body.requestId).toBe('retry-me');
    expect(repeat).toEqual({ ...first, replayed: 'true' });
    expect(await history(left.id)).toEqual(['task.opened by system', 'task.commented by paula: Scaffolding ordered']);
    const audit = await accord.request('GET', `/projects/${projectId}/audit`, { token: paula });
    expect(audit.body.items.filter((event: { action: string }) => event.action === 'task.commented')).toHaveLength(1);
  });

  it('refuses the same key with another request, naming the key, and changes nothing', async () => {
    const projectId = await start('twin-tasks', 'Changed mind');
    const left = await accord.taskOf(paula, projectId, 'left-task');

    expect((await send('POST', task(left.id, 'complete'), { token: paula, key: 'decide', body: { comment: 'Looks fine' } })).status).toBe(200);
    const other = await send('POST', task(left.id, 'complete'), { token: paula, key: 'decide', body: { comment: 'Looks bad' } });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.body.details.map((detail: { path: string }) => detail.path)).toEqual(['Idempotency-Key']);
    // The same key in the body (task DTOs take a requestId) is the same key.
    const inBody = await send('POST', task(left.id, 'complete'), { token: paula, body: { requestId: 'decide', comment: 'Looks bad' } });
    expect([inBody.status, inBody.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const completions = (await accord.request('GET', `/projects/${projectId}/audit`, { token: paula })).body.items.filter(
      (event: { action: string }) => event.action === 'task.completed',
    );
    expect(completions.map((event: { reason: string }) => event.reason)).toEqual(['Looks fine']);
  });

  it('answers a repeat after the project continued as new with the first answer, and starts no second change', async () => {
    const projectId = await start('long-haul', 'Across runs');
    const workflow = accord.app.get(Client).workflow.getHandle(`project/${projectId}`);
    await accord.taskOf(paula, projectId, 'deliver');
    const firstRun = (await workflow.describe()).runId;
    const change = { trigger: 'scope', reason: 'Add the warehouse' };

    const raised = await send('POST', `/projects/${projectId}/change-requests`, { token: carl, key: 'change-1', body: change });
    expect(raised.status).toBe(202);
    expect(raised.body.started).toMatchObject({ stageId: 'adjust', run: 1 });
    await accord.taskOf(paula, projectId, 'proposal');
    for (let week = 1; (await workflow.describe()).runId === firstRun; week++) {
      expect(week).toBeLessThanOrEqual(20);
      expect(
        (
          await send('POST', `/projects/${projectId}/metric-readings`, {
            token: paula,
            key: `week-${week}`,
            body: { inspection: { inspected: 100, nonConforming: week } },
          })
        ).status,
      ).toBe(202);
    }

    const repeat = await send('POST', `/projects/${projectId}/change-requests`, { token: carl, key: 'change-1', body: change });
    expect(repeat).toEqual({ ...raised, replayed: 'true' });
    expect((await accord.request('GET', `/projects/${projectId}/change-requests`, { token: paula })).body.items).toHaveLength(1);
    const inbox = await accord.request('GET', `/inbox?project=${projectId}`, { token: paula });
    expect(inbox.body.items.filter((item: { stepId: string }) => item.stepId === 'proposal')).toHaveLength(1);
  });

  it('keeps the web app working: a fresh key per click acts each time, and a retry of one click is replayed', async () => {
    const projectId = await start('twin-tasks', 'Clicked');
    const left = await accord.taskOf(paula, projectId, 'left-task');
    const right = await accord.taskOf(paula, projectId, 'right-task');

    const click = randomUUID();
    const completed = await send('POST', task(left.id, 'complete'), { token: paula, key: click, body: {} });
    expect([completed.status, completed.body.requestId]).toEqual([200, click]);
    expect(await send('POST', task(left.id, 'complete'), { token: paula, key: click, body: {} })).toEqual({ ...completed, replayed: 'true' });
    expect((await send('POST', task(right.id, 'comment'), { token: paula, key: randomUUID(), body: { text: 'On it' } })).status).toBe(200);
    expect((await send('POST', task(right.id, 'complete'), { token: paula, key: randomUUID(), body: {} })).status).toBe(200);
    await accord.taskOf(paula, projectId, 'review');
  });

  it('tells a second public-form submitter who picked the same key to send another, instead of dropping their feedback', async () => {
    const projectId = await start('twin-tasks', 'Public form');
    await accord.taskOf(paula, projectId, 'left-task');
    const link = await accord.request('POST', `/projects/${projectId}/feedback-link`, { token: paula });
    const form = `/public/feedback/${link.body.token}`;

    const first = await send('POST', form, { key: 'form-key', body: { description: 'The report arrives late' } });
    expect([link.status, first.status]).toEqual([201, 202]);
    expect(await send('POST', form, { key: 'form-key', body: { description: 'The report arrives late' } })).toEqual({ ...first, replayed: 'true' });
    const other = await send('POST', form, { key: 'form-key', body: { description: 'The invoice is wrong' } });
    expect([other.status, other.body.code, other.body.details[0].path]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key']);
    expect((await send('POST', form, { key: randomUUID(), body: { description: 'The invoice is wrong' } })).status).toBe(202);
    const feedback = await eventually(async () => {
      const items = (await accord.request('GET', `/projects/${projectId}/feedback`, { token: paula })).body.items as { description: string }[];
      return items.length >= 2 ? items : undefined;
    }, 'both submissions');
    expect(feedback.map((item) => item.description).sort()).toEqual(['The invoice is wrong', 'The report arrives late']);
  });

  it('makes a repeat that arrives while the first request still runs wait for the same answer, deciding once', async () => {
    const projectId = await start('twin-tasks', 'At once');
    const left = await accord.taskOf(paula, projectId, 'left-task');
    // The worker stopped, the first completion waits on its update: the repeat finds the key held.
    await accord.stopWorker();
    const first = send('POST', task(left.id, 'complete'), { token: paula, key: 'double-click', body: {} });
    let repeat: ReturnType<typeof send> | undefined;
    try {
      // Sent only once the first holds the key: sent before, the repeat would be the one to wait.
      await eventually(
        async () =>
          (await accord.database.dataSource.query(`SELECT 1 FROM idempotency_keys WHERE idempotency_key = 'double-click'`)).length > 0 ? true : undefined,
        'the first request to hold the key',
      );
      repeat = send('POST', task(left.id, 'complete'), { token: paula, key: 'double-click', body: {} });
      // Past the lease, the repeat takes the key over and waits on the same update.
      await new Promise((resolve) => setTimeout(resolve, 11_000));
    } finally {
      await accord.startWorker();
    }
    const [answered, repeated] = await Promise.all([first, repeat!]);
    expect([answered.status, repeated.status]).toEqual([200, 200]);
    expect(repeated.body).toEqual(answered.body);
    const audit = (await accord.request('GET', `/projects/${projectId}/audit`, { token: paula })).body.items as { action: string; subject: string }[];
    expect(audit.filter((event) => event.action === 'task.completed' && event.subject === left.id)).toHaveLength(1);
    expect(await send('POST', task(left.id, 'complete'), { token: paula, key: 'double-click', body: {} })).toEqual({ ...answered, replayed: 'true' });
  }, 120_000);
});
