import { SYSTEM_ACTOR, TaskRejectionCode } from '@accord/contracts';
import { InMemoryAccord, rejectionOf } from './in-memory-accord';

const DRAFT_THEN_WRAP_UP = `
key: draft-then-wrap-up
name: A draft, then its wrap-up
starters: [pm]
roles: { pm: {}, qa: {} }
stages:
  - id: work
    steps:
      - { id: draft, type: task, name: Draft the plan, assignee: { role: pm }, outcomes: [ready, abandon] }
      - { id: wrap-up, type: task, assignee: { role: pm } }
`;

const PAULA = { userId: 'paula', roles: ['pm'] };
const QUINN = { userId: 'quinn', roles: ['qa'] };

describe('a task completed through the completeTask update (in-memory activities)', () => {
  let accord: InMemoryAccord;

  beforeAll(async () => {
    accord = await InMemoryAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it("opens the step's task for its role and closes it with the outcome, by whom, and the data", async () => {
    const { result, projectId } = await accord.run(DRAFT_THEN_WRAP_UP, async (project) => {
      const draft = await project.openTask('draft');
      expect(draft).toMatchObject({ kind: 'task', title: 'Draft the plan', assignee: { role: 'pm' }, outcomes: ['ready', 'abandon'], status: 'open' });
      const completed = await project.complete(draft, PAULA, 'ready', { pages: 3 });
      expect(completed).toMatchObject({ taskId: draft.id, status: 'completed', outcome: 'ready', completedBy: 'paula' });
      await project.decide('wrap-up', PAULA, 'done');
    });

    expect(result).toEqual({ status: 'completed', stages: [{ stageId: 'work', outcome: 'completed' }] });
    expect(accord.readModel.tasksOf(projectId).map((task) => [task.stepId, task.status, task.completedBy, task.outcome, task.data])).toEqual([
      ['draft', 'completed', 'paula', 'ready', { pages: 3 }],
      ['wrap-up', 'completed', 'paula', 'done', {}],
    ]);
    expect(accord.readModel.auditOf(projectId).map((entry) => [entry.action, entry.actor])).toEqual([
      ['project.started', 'paula'],
      ['stage.started', SYSTEM_ACTOR],
      ['task.opened', SYSTEM_ACTOR],
      ['task.completed', 'paula'],
      ['task.opened', SYSTEM_ACTOR],
      ['task.completed', 'paula'],
      ['stage.completed', SYSTEM_ACTOR],
      ['project.completed', SYSTEM_ACTOR],
    ]);
  });

  it('refuses a second completion of a task already completed, and keeps the first', async () => {
    const { projectId } = await accord.run(DRAFT_THEN_WRAP_UP, async (project) => {
      const draft = await project.openTask('draft');
      await project.complete(draft, PAULA, 'ready');
      expect(await rejectionOf(project.complete(draft, PAULA, 'abandon'))).toMatchObject({ code: TaskRejectionCode.ALREADY_COMPLETED });
      await project.decide('wrap-up', PAULA, 'done');
    });

    expect(accord.readModel.tasksOf(projectId).find((task) => task.stepId === 'draft')).toMatchObject({ status: 'completed', outcome: 'ready' });
    expect(accord.readModel.auditOf(projectId).filter((entry) => entry.action === 'task.completed')).toHaveLength(2);
  });

  it('refuses a completion from outside the role the task is offered to, and an outcome the step does not have', async () => {
    await accord.run(DRAFT_THEN_WRAP_UP, async (project) => {
      const draft = await project.openTask('draft');
      expect(await rejectionOf(project.complete(draft, QUINN, 'ready'))).toMatchObject({
        code: TaskRejectionCode.FORBIDDEN,
        message: expect.stringContaining('role pm'),
      });
      expect(await rejectionOf(project.complete(draft, PAULA, 'done'))).toMatchObject({
        code: TaskRejectionCode.INVALID_OUTCOME,
        details: [{ path: 'outcome' }],
      });
      await project.complete(draft, PAULA, 'abandon');
      await project.decide('wrap-up', PAULA, 'done');
    });
  });
});
