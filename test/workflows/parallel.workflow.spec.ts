import { completeTaskUpdate } from '@accord/contracts';
import { eventually } from '../support/accord-harness';
import { TimeSkippingAccord } from '../support/time-skipping-accord';

const parallel = (join: 'all' | 'any') => `
key: parallel-${join}
name: Parallel ${join}
starters: [pm]
roles: { pm: {}, qa: {}, sales: {} }
stages:
  - id: gather
    steps:
      - id: branches
        type: parallel
        join: ${join}
        branches:
          - id: quality
            steps:
              - { id: inspect, type: task, assignee: { role: qa } }
              - { id: settle, type: timer, duration: P10D }
          - id: commercial
            steps:
              - { id: quote, type: task, assignee: { role: sales } }
      - { id: wrap-up, type: task, assignee: { role: pm } }
`;

const ACTORS: Record<string, { userId: string; roles: string[] }> = {
  inspect: { userId: 'quinn', roles: ['qa'] },
  quote: { userId: 'sam', roles: ['sales'] },
  'wrap-up': { userId: 'paula', roles: ['pm'] },
};

describe('parallel branches (time-skipping test server)', () => {
  let accord: TimeSkippingAccord;

  beforeAll(async () => {
    accord = await TimeSkippingAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  async function run(join: 'all' | 'any', projectId: string, order: string[]) {
    const decide = async (stepId: string) => {
      const task = await eventually(async () => (await accord.tasks.findOneBy({ projectId, stepId, status: 'open' })) ?? undefined, `the ${stepId} task`);
      await accord.env.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.id, actor: ACTORS[stepId], outcome: 'done', data: {}, requestId: `${task.id}:done` }],
      });
    };
    const worker = await accord.worker(`parallel-${projectId}`);
    const result = await worker.runUntil(async () => {
      const handle = await accord.startProject(parallel(join), { projectId, taskQueue: `parallel-${projectId}` });
      // Both branches open their first task at once.
      await eventually(async () => ((await accord.tasks.countBy({ projectId, status: 'open' })) === 2 ? true : undefined), 'both branches open');
      for (const stepId of order) {
        // Time skips by itself only while a test awaits a result: move it past the branch's timer.
        if (stepId === 'ten days later') await accord.sleep(11 * 24 * 3_600_000);
        else await decide(stepId);
      }
      return handle.result();
    });
    return { result, tasks: await accord.tasks.find({ where: { projectId }, order: { createdAt: 'ASC', id: 'ASC' } }), audit: await accord.audit(projectId) };
  }

  it('joins all: goes on only after every branch, its timer included, has finished', async () => {
    const { result, tasks, audit } = await run('all', 'a0000000-0000-4000-8000-000000000001', ['quote', 'inspect', 'ten days later', 'wrap-up']);
    expect(result.status).toBe('completed');
    expect(tasks.map((task) => [task.stepId, task.status])).toEqual([
      ['inspect', 'completed'],
      ['quote', 'completed'],
      ['wrap-up', 'completed'],
    ]);
    const fired = audit.find((event) => event.action === 'timer.fired')!.at.getTime();
    const wrapUp = audit.find((event) => event.action === 'task.opened' && event.detail.step === 'wrap-up')!.at.getTime();
    expect(wrapUp).toBeGreaterThanOrEqual(fired);
  });

  it('joins any: the first branch to finish wins; the other is cancelled, its task closed and its timer never run', async () => {
    const { result, tasks, audit } = await run('any', 'a0000000-0000-4000-8000-000000000002', ['quote', 'wrap-up']);
    expect(result.status).toBe('completed');
    expect(tasks.map((task) => [task.stepId, task.status])).toEqual([
      ['inspect', 'cancelled'],
      ['quote', 'completed'],
      ['wrap-up', 'completed'],
    ]);
    expect(audit.map((event) => event.action)).not.toContain('timer.started');
    expect(audit.find((event) => event.action === 'task.cancelled')?.reason).toBe('branch "commercial" of branches completed first');
  });
});
