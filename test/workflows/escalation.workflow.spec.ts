import { completeTaskUpdate, decodeTaskRejection, TaskRejectionCode } from '@accord/contracts';
import { NotificationEntity } from '@accord/persistence';
import { eventually } from '../support/accord-harness';
import { TimeSkippingAccord } from '../support/time-skipping-accord';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

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

const signature = (extra: string) => `
key: signature
name: Signature
starters: [pm]
roles: { pm: {}, customer: { external: true }, dept_head: {} }
stages:
  - id: sign
    steps:
      - id: signature
        type: approval
${extra}
`;

type Actor = { userId: string; roles: string[] };

describe('escalations and timeouts on durable timers (time-skipping test server)', () => {
  let accord: TimeSkippingAccord;

  beforeAll(async () => {
    accord = await TimeSkippingAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const decide = (task: { id: string; workflowId: string }, actor: Actor, outcome: string) =>
    accord.env.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.id, actor, outcome, data: {}, requestId: `${task.id}:${actor.userId}` }],
    });

  /** Runs a project to its end on its own worker; `script` plays the people. */
  async function run(source: string, projectId: string, script: () => Promise<void> = async () => {}) {
    const worker = await accord.worker(`queue-${projectId}`);
    const result = await worker.runUntil(async () => {
      const handle = await accord.startProject(source, { projectId, taskQueue: `queue-${projectId}` });
      await script();
      return handle.result();
    });
    return { result, audit: await accord.audit(projectId) };
  }

  const openTask = (projectId: string, stepId: string) =>
    eventually(async () => (await accord.tasks.findOneBy({ projectId, stepId })) ?? undefined, `the ${stepId} task`);

  it('reminds, reassigns, notifies a manager, auto-approves a late approval and expires an ignored task', async () => {
    const projectId = '5d1c2b3a-0000-4000-8000-000000000001';
    const { result, audit } = await run(LADDER, projectId, async () => {
      const draft = await openTask(projectId, 'draft');
      await accord.sleep(3.5 * DAY);
      expect(await accord.tasks.findOneByOrFail({ id: draft.id })).toMatchObject({ status: 'open', candidateRole: 'qa' });
      const refused = await decide(draft, { userId: 'paula', roles: ['pm'] }, 'done').catch((error: { cause?: Error }) =>
        decodeTaskRejection(error.cause?.message ?? ''),
      );
      expect(refused).toMatchObject({ code: TaskRejectionCode.FORBIDDEN, message: expect.stringContaining('role qa') });
      await decide(draft, { userId: 'quinn', roles: ['qa'] }, 'done');
    });

    expect(result.status).toBe('completed');
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
    expect(await accord.tasks.findOneByOrFail({ projectId, stepId: 'confirm' })).toMatchObject({
      status: 'expired',
      outcome: 'declined',
      completedBy: 'system',
    });
    const notifications = await accord.database.dataSource.getRepository(NotificationEntity).find({ where: { projectId }, order: { createdAt: 'ASC' } });
    expect(notifications.map((n) => [n.kind, n.recipientRole])).toEqual([
      ['reminder', 'pm'],
      ['reassigned', 'qa'],
      ['escalation', 'dept_head'],
    ]);
  });

  it('rejects the approval when the timeout outcome is reject', async () => {
    const source = signature(`        policy: { kind: single, approvers: [ { role: customer } ] }\n        timeout: { after: P3D, outcome: reject }`);
    const { result } = await run(source, '5d1c2b3a-0000-4000-8000-000000000002');
    expect(result.status).toBe('rejected');
  });

  it('hands the open slots to someone else when the timeout outcome is escalate', async () => {
    const projectId = '5d1c2b3a-0000-4000-8000-000000000003';
    const source = signature(
      `        policy: { kind: single, approvers: [ { role: customer } ] }\n        timeout: { after: P3D, outcome: escalate, to: { role: dept_head } }`,
    );
    const { result } = await run(source, projectId, async () => {
      const task = await openTask(projectId, 'signature');
      await accord.sleep(4 * DAY);
      expect(await accord.tasks.findOneByOrFail({ id: task.id })).toMatchObject({ status: 'open', candidateRole: 'dept_head' });
      await decide(task, { userId: 'dana', roles: ['dept_head'] }, 'approve');
    });
    expect(result.status).toBe('completed');
  });

  it("stops the company's clock while the customer has not signed, and escalates only on the time that counted", async () => {
    const projectId = '5d1c2b3a-0000-4000-8000-000000000004';
    const source = signature(
      [
        '        policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] }',
        '        pauseWhileWaitingOnExternal: true',
        '        escalations: [ { after: P2D, do: notify, to: { role: dept_head } } ]',
      ].join('\n'),
    );
    const { audit } = await run(source, projectId, async () => {
      const [pmSlot, customerSlot] = await eventually(async () => {
        const open = await accord.tasks.find({ where: { projectId }, order: { id: 'ASC' } });
        return open.length === 2 ? open : undefined;
      }, 'both signature tasks');
      await eventually(async () => ((await accord.tasks.findOneByOrFail({ id: pmSlot.id })).pausedSince ? true : undefined), 'the pause');
      await accord.sleep(5 * DAY);
      await decide(customerSlot, { userId: 'carl', roles: ['customer'] }, 'approve');
      await accord.sleep(3 * DAY);
      await decide(pmSlot, { userId: 'paula', roles: ['pm'] }, 'approve');
    });

    const opened = audit.find((event) => event.action === 'task.opened')!.at.getTime();
    const [pmTask, customerTask] = await accord.tasks.find({ where: { projectId }, order: { id: 'ASC' } });
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
