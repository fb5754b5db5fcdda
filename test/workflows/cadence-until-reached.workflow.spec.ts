import { completeTaskUpdate } from '@accord/contracts';
import { eventually } from '../support/accord-harness';
import { TimeSkippingAccord } from '../support/time-skipping-accord';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A daily status report beside the delivery, until the step named in `reached` is reached. */
const dailyStatusUntil = (reached: string, before = '') => `
key: until-reached
name: Daily status until the delivery is complete
starters: [pm]
roles: { pm: {}, qa: {} }
stages:
${before}  - id: deliver
    steps:
      - id: work
        type: parallel
        join: all
        branches:
          - id: follow-up
            steps:
              - id: status
                type: cadence
                every: P1D
                onNonWorkingDay: keep
                until: { reached: ${reached} }
                step: { type: task, name: Daily status, assignee: { role: pm } }
          - id: build
            steps:
              - { id: build-it, type: task, assignee: { role: qa } }
              - id: delivery-complete
                type: gate
                routes: [ { when: 'steps["build-it"].outcome == "done"', goto: end } ]
                default: end
      - { id: wrap-up, type: task, assignee: { role: pm } }
`;

describe('a cadence that ends when a step is reached (time-skipping test server)', () => {
  let accord: TimeSkippingAccord;

  beforeAll(async () => {
    accord = await TimeSkippingAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const complete = (task: { id: string; workflowId: string }, actor: { userId: string; roles: string[] }) =>
    accord.env.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.id, actor, outcome: 'done', data: {}, requestId: `${task.id}:${actor.userId}` }],
    });

  const openTask = (projectId: string, stepId: string) =>
    eventually(async () => (await accord.tasks.findOneBy({ projectId, stepId, status: 'open' })) ?? undefined, `the open ${stepId} task`);

  async function run(source: string, projectId: string, script: () => Promise<void>) {
    const worker = await accord.worker(`queue-${projectId}`);
    const result = await worker.runUntil(async () => {
      const handle = await accord.startProject(source, { projectId, taskQueue: `queue-${projectId}` });
      await script();
      return handle.result();
    });
    return {
      result,
      audit: await accord.audit(projectId),
      reports: await accord.tasks.find({ where: { projectId, stepId: 'status-occurrence' }, order: { createdAt: 'ASC' } }),
    };
  }

  /** Lets the daily reports run for two and a half days, then delivers, then wraps up. */
  const deliverAfterTwoDays = (projectId: string) => async () => {
    const build = await openTask(projectId, 'build-it');
    await accord.sleep(2.5 * DAY);
    await complete(build, { userId: 'quinn', roles: ['qa'] });
    await complete(await openTask(projectId, 'wrap-up'), { userId: 'paula', roles: ['pm'] });
  };

  it('stops asking for daily reports once the other branch passes the delivery gate', async () => {
    const projectId = 'ca0e0000-0000-4000-8000-000000000001';
    const { result, audit, reports } = await run(dailyStatusUntil('delivery-complete'), projectId, deliverAfterTwoDays(projectId));

    expect(result.status).toBe('completed');
    // Days 0 and 1 were missed when the next was due; day 2's was still open when the delivery came.
    expect(reports.map((report) => report.status)).toEqual(['expired', 'expired', 'cancelled']);
    const cancelled = audit.find((event) => event.action === 'task.cancelled' && event.subject === reports[2].id)!;
    expect(cancelled.reason).toBe('the cadence ended: delivery-complete was reached');
    const started = audit.find((event) => event.action === 'cadence.started')!.at.getTime();
    const ended = audit.find((event) => event.action === 'cadence.ended')!;
    expect([ended.detail, Math.round((ended.at.getTime() - started) / HOUR)]).toEqual([{ occurrences: 3 }, 60]);
    const wrapUp = audit.find((event) => event.action === 'task.opened' && event.detail.step === 'wrap-up')!;
    expect(wrapUp.at.getTime()).toBeGreaterThanOrEqual(ended.at.getTime());
  });

  it('ends when a task of the other branch is done', async () => {
    const projectId = 'ca0e0000-0000-4000-8000-000000000002';
    const { result, reports } = await run(dailyStatusUntil('build-it'), projectId, deliverAfterTwoDays(projectId));

    expect(result.status).toBe('completed');
    expect(reports.map((report) => report.status)).toEqual(['expired', 'expired', 'cancelled']);
  });

  it('does not end on a result an earlier stage left under the same step id', async () => {
    const projectId = 'ca0e0000-0000-4000-8000-000000000003';
    const earlier = '  - id: prepare\n    steps:\n      - { id: build-it, type: task, assignee: { role: qa } }\n';
    const { result, reports } = await run(dailyStatusUntil('build-it', earlier), projectId, async () => {
      await complete(await openTask(projectId, 'build-it'), { userId: 'quinn', roles: ['qa'] });
      await eventually(async () => (await accord.tasks.countBy({ projectId, stepId: 'build-it' })) === 2 || undefined, 'the second build-it task');
      await deliverAfterTwoDays(projectId)();
    });

    expect(result.status).toBe('completed');
    expect(reports.map((report) => report.status)).toEqual(['expired', 'expired', 'cancelled']);
  });
});
