import { TestWorkflowEnvironment } from '@temporalio/testing';
import { completeTaskUpdate, decodeTaskRejection, projectWorkflowId, TaskRejectionCode, type ProjectWorkflowInput, type ProjectWorkflowResult, WorkflowType } from '@accord/contracts';
import { createActivities } from '@accord/activities';
import { compileDefinition } from '@accord/definitions';
import { AuditEventEntity, NotificationEntity, TaskEntity } from '@accord/persistence';
import { createAccordWorker } from '../../apps/worker/src/accord-worker';
import { eventually } from '../support/accord-harness';
import { quietTemporalLogs } from '../support/quiet-temporal';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const LADDER = `
key: ladder
name: Escalation ladder
starters: [pm]
roles: { pm: {}, qa: {}, dept_head: {} }
stages:
  - id: work
    steps:
      - id: draft
        type: task
        assignee: { role: pm }
        escalations:
          - { after: P1D, do: remind }
          - { after: P2D, do: reassign, to: { role: qa } }
          - { after: P3D, do: notify, to: { role: dept_head } }
      - id: sign
        type: approval
        policy: { kind: all, approvers: [ { role: pm }, { role: qa } ] }
        timeout: { after: P2D, outcome: approve }
      - id: confirm
        type: task
        assignee: { role: pm }
        outcomes: [confirmed, declined]
        escalations: [ { after: PT4H, do: auto-decide, outcome: declined } ]
`;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('escalations on durable timers (time-skipping test server)', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;

  beforeAll(async () => {
    quietTemporalLogs();
    const path = process.env.ACCORD_TEMPORAL_TEST_SERVER;
    if (!path) throw new Error('ACCORD_TEMPORAL_TEST_SERVER is unset: run the suite through `npm test`');
    [env, database] = await Promise.all([TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } }), createTestDatabase()]);
  });

  afterAll(async () => {
    await env?.teardown();
    await database?.drop();
  });

  it('reminds, reassigns, notifies a manager, auto-approves a late approval and auto-decides an ignored task', async () => {
    const compiled = compileDefinition(LADDER);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const projectId = '5d1c2b3a-0000-4000-8000-000000000001';
    const worker = await createAccordWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: 'ladder-test',
      activities: createActivities({ dataSource: database.dataSource }),
    });
    const tasks = database.dataSource.getRepository(TaskEntity);

    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<(input: ProjectWorkflowInput) => Promise<ProjectWorkflowResult>>(WorkflowType.project, {
        workflowId: projectWorkflowId(projectId),
        taskQueue: 'ladder-test',
        args: [{ projectId, name: 'Ignored', definition: { key: 'ladder', version: 1, compiled: compiled.compiled }, startedBy: 'paula', requestId: 'start' }],
      });
      const draft = await eventually(async () => (await tasks.findOneBy({ projectId, stepId: 'draft' })) ?? undefined, 'the draft task');

      await env.sleep(3.5 * DAY);
      expect(await tasks.findOneByOrFail({ id: draft.id })).toMatchObject({ status: 'open', candidateRole: 'qa' });
      const complete = (actor: { userId: string; roles: string[] }) =>
        env.client.workflow.getHandle(draft.workflowId).executeUpdate(completeTaskUpdate, { args: [{ taskId: draft.id, actor, outcome: 'done', data: {}, requestId: `draft-${actor.userId}` }] });
      const refused = await complete({ userId: 'paula', roles: ['pm'] }).catch((error: { cause?: Error }) => decodeTaskRejection(error.cause?.message ?? ''));
      expect(refused).toMatchObject({ code: TaskRejectionCode.FORBIDDEN, message: expect.stringContaining('role qa') });
      await complete({ userId: 'quinn', roles: ['qa'] });

      return handle.result();
    });

    expect(result.status).toBe('completed');
    const audit = await database.dataSource.getRepository(AuditEventEntity).find({ where: { projectId }, order: { seq: 'ASC' } });
    const opened = audit.find((event) => event.action === 'task.opened')!.at.getTime();
    const ladder = audit.filter((event) => ['task.reminded', 'task.reassigned', 'task.escalated'].includes(event.action));
    expect(ladder.map((event) => [event.action, Math.round((event.at.getTime() - opened) / DAY)])).toEqual([
      ['task.reminded', 1],
      ['task.reassigned', 2],
      ['task.escalated', 3],
    ]);
    const automatic = audit.filter((event) => event.action === 'task.auto-decided').map((event) => [event.detail.step, event.detail.outcome]);
    expect(automatic).toEqual([
      ['sign', 'approve'],
      ['sign', 'approve'],
      ['confirm', 'declined'],
    ]);
    const confirm = await tasks.findOneByOrFail({ projectId, stepId: 'confirm' });
    expect(confirm).toMatchObject({ status: 'expired', outcome: 'declined', completedBy: 'system' });
    const notifications = await database.dataSource.getRepository(NotificationEntity).find({ where: { projectId }, order: { createdAt: 'ASC' } });
    expect(notifications.map((n) => [n.kind, n.recipientRole])).toEqual([
      ['reminder', 'pm'],
      ['reassigned', 'qa'],
      ['escalation', 'dept_head'],
    ]);
  });
});

describe('approval timeout outcomes (time-skipping test server)', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;

  beforeAll(async () => {
    quietTemporalLogs();
    const path = process.env.ACCORD_TEMPORAL_TEST_SERVER!;
    [env, database] = await Promise.all([TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } }), createTestDatabase()]);
  });

  afterAll(async () => {
    await env?.teardown();
    await database?.drop();
  });

  const timeoutDefinition = (timeout: string) => `
key: timeouts
name: Timeouts
starters: [pm]
roles: { pm: {}, customer: { external: true }, dept_head: {} }
stages:
  - id: sign
    steps:
      - id: signature
        type: approval
        policy: { kind: single, approvers: [ { role: customer } ] }
        timeout: ${timeout}
`;

  async function run(timeout: string, projectId: string, script: (taskId: string, workflowId: string) => Promise<void> = async () => {}) {
    const compiled = compileDefinition(timeoutDefinition(timeout));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const worker = await createAccordWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue: `timeouts-${projectId}`, activities: createActivities({ dataSource: database.dataSource }) });
    return worker.runUntil(async () => {
      const handle = await env.client.workflow.start<(input: ProjectWorkflowInput) => Promise<ProjectWorkflowResult>>(WorkflowType.project, {
        workflowId: projectWorkflowId(projectId),
        taskQueue: `timeouts-${projectId}`,
        args: [{ projectId, name: 'Timeout', definition: { key: 'timeouts', version: 1, compiled: compiled.compiled }, startedBy: 'paula', requestId: 'start' }],
      });
      const task = await eventually(async () => (await database.dataSource.getRepository(TaskEntity).findOneBy({ projectId })) ?? undefined, 'the signature task');
      await script(task.id, task.workflowId);
      return handle.result();
    });
  }

  it('rejects the approval when the timeout outcome is reject', async () => {
    const result = await run('{ after: P3D, outcome: reject }', '5d1c2b3a-0000-4000-8000-000000000002');
    expect(result.status).toBe('rejected');
  });

  it('hands the open slots to someone else when the timeout outcome is escalate', async () => {
    const projectId = '5d1c2b3a-0000-4000-8000-000000000003';
    const result = await run('{ after: P3D, outcome: escalate, to: { role: dept_head } }', projectId, async (taskId, workflowId) => {
      await env.sleep(4 * DAY);
      expect(await database.dataSource.getRepository(TaskEntity).findOneByOrFail({ id: taskId })).toMatchObject({ status: 'open', candidateRole: 'dept_head' });
      await env.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId, actor: { userId: 'dana', roles: ['dept_head'] }, outcome: 'approve', data: {}, requestId: 'dana-approves' }],
      });
    });
    expect(result.status).toBe('completed');
  });
});

describe('due dates that pause while waiting on the customer (time-skipping test server)', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;

  beforeAll(async () => {
    quietTemporalLogs();
    const path = process.env.ACCORD_TEMPORAL_TEST_SERVER!;
    [env, database] = await Promise.all([TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } }), createTestDatabase()]);
  });

  afterAll(async () => {
    await env?.teardown();
    await database?.drop();
  });

  it("stops the company's clock while the customer has not signed, and escalates only on the time that counted", async () => {
    const compiled = compileDefinition(`
key: paused
name: Paused
starters: [pm]
roles: { pm: {}, customer: { external: true }, dept_head: {} }
stages:
  - id: sign
    steps:
      - id: signature
        type: approval
        policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] }
        pauseWhileWaitingOnExternal: true
        escalations: [ { after: P2D, do: notify, to: { role: dept_head } } ]
`);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const projectId = '5d1c2b3a-0000-4000-8000-000000000004';
    const tasks = database.dataSource.getRepository(TaskEntity);
    const worker = await createAccordWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue: 'pause-test', activities: createActivities({ dataSource: database.dataSource }) });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<(input: ProjectWorkflowInput) => Promise<ProjectWorkflowResult>>(WorkflowType.project, {
        workflowId: projectWorkflowId(projectId),
        taskQueue: 'pause-test',
        args: [{ projectId, name: 'Paused', definition: { key: 'paused', version: 1, compiled: compiled.compiled }, startedBy: 'paula', requestId: 'start' }],
      });
      const slots = await eventually(async () => {
        const open = await tasks.find({ where: { projectId }, order: { id: 'ASC' } });
        return open.length === 2 ? open : undefined;
      }, 'both signature tasks');
      const [pmSlot, customerSlot] = slots;
      await eventually(async () => ((await tasks.findOneByOrFail({ id: pmSlot.id })).pausedSince ? true : undefined), 'the pause');

      await env.sleep(5 * DAY);
      await env.client.workflow.getHandle(customerSlot.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: customerSlot.id, actor: { userId: 'carl', roles: ['customer'] }, outcome: 'approve', data: {}, requestId: 'carl-signs' }],
      });
      await env.sleep(3 * DAY);
      await env.client.workflow.getHandle(pmSlot.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: pmSlot.id, actor: { userId: 'paula', roles: ['pm'] }, outcome: 'approve', data: {}, requestId: 'paula-signs' }],
      });
      await handle.result();
    });

    const audit = await database.dataSource.getRepository(AuditEventEntity).find({ where: { projectId }, order: { seq: 'ASC' } });
    const opened = audit.find((event) => event.action === 'task.opened')!.at.getTime();
    const [pmTask, customerTask] = await tasks.find({ where: { projectId }, order: { id: 'ASC' } });
    const timeline = (taskId: string) =>
      audit
        .filter((event) => event.subject === taskId && ['task.paused', 'task.resumed', 'task.escalated'].includes(event.action))
        .map((event) => [event.action, Math.round((event.at.getTime() - opened) / DAY)]);
    // The company's slot: paused from the start until the customer signed on day 5; its two counted days end on day 7.
    expect(timeline(pmTask.id)).toEqual([
      ['task.paused', 0],
      ['task.resumed', 5],
      ['task.escalated', 7],
    ]);
    // The customer's own slot is what everyone waits on: its clock runs.
    expect(timeline(customerTask.id)).toEqual([['task.escalated', 2]]);
    expect(Math.round(Number(pmTask.pausedMs) / DAY)).toBe(5);
  });
});
