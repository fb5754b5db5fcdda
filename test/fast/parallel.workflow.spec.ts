import { InMemoryAccord } from './in-memory-accord';

const DAY = 24 * 3_600_000;

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

const QUINN = { userId: 'quinn', roles: ['qa'] };
const SAM = { userId: 'sam', roles: ['sales'] };
const PAULA = { userId: 'paula', roles: ['pm'] };

describe('parallel branches (in-memory activities)', () => {
  let accord: InMemoryAccord;

  beforeAll(async () => {
    accord = await InMemoryAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it('joins all: goes on only after every branch, its timer included, has finished', async () => {
    const { result, projectId } = await accord.run(parallel('all'), async (project) => {
      // Both branches open their first task at once.
      await Promise.all([project.openTask('inspect'), project.openTask('quote')]);
      await project.decide('quote', SAM, 'done');
      await project.decide('inspect', QUINN, 'done');
      await accord.sleep(11 * DAY);
      await project.decide('wrap-up', PAULA, 'done');
    });

    expect(result.status).toBe('completed');
    expect(accord.readModel.tasksOf(projectId).map((task) => [task.stepId, task.status])).toEqual([
      ['inspect', 'completed'],
      ['quote', 'completed'],
      ['wrap-up', 'completed'],
    ]);
    const audit = accord.readModel.auditOf(projectId);
    const fired = Date.parse(audit.find((entry) => entry.action === 'timer.fired')!.at);
    const wrapUp = Date.parse(audit.find((entry) => entry.action === 'task.opened' && entry.detail.step === 'wrap-up')!.at);
    expect(wrapUp).toBeGreaterThanOrEqual(fired);
  });

  it('joins any: the first branch to finish wins; the other is cancelled, its task closed and its timer never run', async () => {
    const { result, projectId } = await accord.run(parallel('any'), async (project) => {
      await project.openTask('inspect');
      await project.decide('quote', SAM, 'done');
      await project.decide('wrap-up', PAULA, 'done');
    });

    expect(result.status).toBe('completed');
    expect(accord.readModel.tasksOf(projectId).map((task) => [task.stepId, task.status])).toEqual([
      ['inspect', 'cancelled'],
      ['quote', 'completed'],
      ['wrap-up', 'completed'],
    ]);
    const audit = accord.readModel.auditOf(projectId);
    expect(audit.map((entry) => entry.action)).not.toContain('timer.started');
    expect(audit.find((entry) => entry.action === 'task.cancelled')?.reason).toBe('branch "commercial" of branches completed first');
  });
});
