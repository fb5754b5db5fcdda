import { TaskRejectionCode } from '@accord/contracts';
import { InMemoryAccord, rejectionOf } from './in-memory-accord';

const REVIEW_LOOP = `
key: review-loop
name: Review loop
starters: [pm]
roles: { pm: {}, qa: {} }
stages:
  - id: review
    steps:
      - { id: draft, type: task, assignee: { role: pm }, outcomes: [ready] }
      - id: check
        type: approval
        policy: { kind: single, approvers: [ { role: qa } ] }
        onReject: { rework: draft, maxRounds: 1 }
`;

const TWO_SIGNATURES = `
key: two-signatures
name: Two signatures
starters: [pm]
roles: { pm: {}, qa: {}, sales: {} }
stages:
  - id: sign-off
    steps:
      - id: sign
        type: approval
        policy: { kind: all, approvers: [ { role: qa }, { role: sales } ] }
`;

const PAULA = { userId: 'paula', roles: ['pm'] };
const QUINN = { userId: 'quinn', roles: ['qa'] };

/** A task id's last parts: the step (with its approver slot) and the round. */
const stepAndRound = (id: string) => id.split(':').slice(3).join(':');

describe('approvals decided through the completeTask update (in-memory activities)', () => {
  let accord: InMemoryAccord;

  beforeAll(async () => {
    accord = await InMemoryAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it('sends rejected work back for a rework round, then goes on once it is approved', async () => {
    const { result, projectId } = await accord.run(REVIEW_LOOP, async (project) => {
      await project.decide('draft', PAULA, 'ready');
      await project.decide('check', QUINN, 'reject');
      await project.decide('draft', PAULA, 'ready');
      await project.decide('check', QUINN, 'approve');
    });

    expect(result).toEqual({ status: 'completed', stages: [{ stageId: 'review', outcome: 'completed' }] });
    expect(accord.readModel.tasksOf(projectId).map((task) => [stepAndRound(task.id), task.status, task.outcome])).toEqual([
      ['draft:1', 'completed', 'ready'],
      ['check.0:1', 'completed', 'reject'],
      ['draft:2', 'completed', 'ready'],
      ['check.0:2', 'completed', 'approve'],
    ]);
    expect(
      accord.readModel
        .auditOf(projectId)
        .filter((entry) => entry.action === 'approval.decided')
        .map((entry) => [entry.actor, entry.detail.outcome]),
    ).toEqual([
      ['quinn', 'reject'],
      ['quinn', 'approve'],
    ]);
  });

  it('rejects the stage, and the project, once the rework rounds are used up', async () => {
    const { result } = await accord.run(REVIEW_LOOP, async (project) => {
      await project.decide('draft', PAULA, 'ready');
      await project.decide('check', QUINN, 'reject');
      await project.decide('draft', PAULA, 'ready');
      await project.decide('check', QUINN, 'reject');
    });

    expect(result).toEqual({ status: 'rejected', stages: [{ stageId: 'review', outcome: 'rejected' }] });
  });

  it('rejects early when one signature of all is refused, and closes the other slot unasked', async () => {
    const { result, projectId } = await accord.run(TWO_SIGNATURES, async (project) => {
      await project.openTask('sign', (task) => task.title.includes('2 of 2'));
      await project.complete(await project.openTask('sign', (task) => task.title.includes('1 of 2')), QUINN, 'reject');
    });

    expect(result.status).toBe('rejected');
    expect(accord.readModel.tasksOf(projectId).map((task) => [task.title, task.status])).toEqual([
      ['sign (1 of 2)', 'completed'],
      ['sign (2 of 2)', 'cancelled'],
    ]);
    expect(accord.readModel.auditOf(projectId).find((entry) => entry.action === 'task.cancelled')?.reason).toBe('approval rejected');
  });

  it('lets the submitter, and nobody else, withdraw a request for approval, which sends the work back', async () => {
    const { result, projectId } = await accord.run(REVIEW_LOOP, async (project) => {
      await project.decide('draft', PAULA, 'ready');
      const check = await project.openTask('check');
      expect(check.submittedBy).toBe('paula');
      expect(await rejectionOf(project.act(check, QUINN, { kind: 'withdraw' }))).toMatchObject({ code: TaskRejectionCode.NOT_SUBMITTER });
      await project.act(check, PAULA, { kind: 'withdraw' });
      await project.decide('draft', PAULA, 'ready');
      await project.decide('check', QUINN, 'approve');
    });

    expect(result.status).toBe('completed');
    expect(accord.readModel.tasksOf(projectId).map((task) => [stepAndRound(task.id), task.status])).toEqual([
      ['draft:1', 'completed'],
      ['check.0:1', 'cancelled'],
      ['draft:2', 'completed'],
      ['check.0:2', 'completed'],
    ]);
    expect(
      accord.readModel
        .auditOf(projectId)
        .filter((entry) => ['approval.withdrawn', 'task.cancelled'].includes(entry.action))
        .map((entry) => `${entry.action} by ${entry.actor}`),
    ).toEqual(['approval.withdrawn by paula', 'task.cancelled by system']);
  });
});
