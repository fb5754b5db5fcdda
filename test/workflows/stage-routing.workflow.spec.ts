import { completeTaskUpdate, decodeTaskRejection, type ProcessVariables, taskActionUpdate, TaskRejectionCode } from '@accord/contracts';
import type { AuditEventEntity } from '@accord/persistence';
import { eventually } from '../support/accord-harness';
import { TimeSkippingAccord } from '../support/time-skipping-accord';
const REVIEW_LOOP = `
key: review-loop
name: Review loop
starters: [pm]
variables: { fastTrack: { type: boolean, default: false } }
roles: { pm: {}, qa: {} }
stages:
  - id: review
    steps:
      - { id: draft, type: task, assignee: { role: pm }, outcomes: [ready, abandon], due: { workdays: 2 } }
      - id: route
        type: gate
        routes: [ { when: 'steps.draft.outcome == "abandon"', goto: end } ]
        default: check
      - id: check
        type: approval
        policy: { kind: single, approvers: [ { role: qa } ] }
        onReject: { rework: draft, maxRounds: 1 }
      - { id: settle, type: timer, duration: P1D, when: '!fastTrack' }
  - id: fast-lane
    when: fastTrack
    steps: [ { id: expedite, type: task, assignee: { role: pm } } ]
`;

const PM = { userId: 'paula', roles: ['pm'] };
const QA = { userId: 'quinn', roles: ['qa'] };

describe('stage routing on the time-skipping test server', () => {
  let accord: TimeSkippingAccord;
  let projects = 0;

  beforeAll(async () => {
    accord = await TimeSkippingAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  async function runProject(
    variables: ProcessVariables,
    script: (decide: (stepId: string, actor: typeof PM, outcome: string) => Promise<string>) => Promise<void>,
  ): Promise<{ result: { status: string; stages: { stageId: string; outcome: string }[] }; audit: AuditEventEntity[]; projectId: string }> {
    const projectId = `00000000-0000-4000-8000-00000000000${++projects}`;
    const decide = async (stepId: string, actor: typeof PM, outcome: string) => {
      const task = await eventually(async () => (await accord.tasks.findOneBy({ projectId, stepId, status: 'open' })) ?? undefined, `open ${stepId} task`);
      await accord.env.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.id, actor, outcome, data: {}, requestId: `${task.id}:${outcome}` }],
      });
      return task.id;
    };
    const worker = await accord.worker('routing-test');
    return worker.runUntil(async () => {
      const handle = await accord.startProject(REVIEW_LOOP, { projectId, taskQueue: 'routing-test', variables });
      await script(decide);
      return { result: await handle.result(), audit: await accord.audit(projectId), projectId };
    });
  }

  it('sends rejected work back for rework, then runs on once it is approved', async () => {
    const taskIds: string[] = [];
    const { result, audit } = await runProject({}, async (decide) => {
      taskIds.push(await decide('draft', PM, 'ready'));
      taskIds.push(await decide('check', QA, 'reject'));
      taskIds.push(await decide('draft', PM, 'ready'));
      taskIds.push(await decide('check', QA, 'approve'));
    });
    expect(result).toEqual({ status: 'completed', stages: [{ stageId: 'review', outcome: 'completed' }] });
    expect(taskIds.map((id) => id.split(':').slice(3).join(':'))).toEqual(['draft:1', 'check.0:1', 'draft:2', 'check.0:2']);
    expect(audit.filter((event) => event.action === 'gate.routed').map((event) => event.detail.goto)).toEqual(['check', 'check']);
    expect(audit.map((event) => event.action)).toEqual(expect.arrayContaining(['timer.fired', 'stage.skipped']));
  });

  it('lets the submitter, and nobody else, withdraw a request for approval, which sends the work back', async () => {
    const { result, audit } = await runProject({}, async (decide) => {
      await decide('draft', PM, 'ready');
      const check = await eventually(async () => (await accord.tasks.findOneBy({ stepId: 'check', status: 'open' })) ?? undefined, 'the approval');
      const withdraw = (actor: typeof PM) =>
        accord.env.client.workflow
          .getHandle(check.workflowId)
          .executeUpdate(taskActionUpdate, { args: [{ taskId: check.id, actor, action: { kind: 'withdraw' }, requestId: `withdraw-${actor.userId}` }] });
      const refused = await withdraw(QA).catch((error: { cause?: Error }) => decodeTaskRejection(error.cause?.message ?? ''));
      expect(refused).toMatchObject({ code: TaskRejectionCode.NOT_SUBMITTER });
      await withdraw(PM);
      await decide('draft', PM, 'ready');
      await decide('check', QA, 'approve');
    });
    expect(result.status).toBe('completed');
    expect(
      audit.filter((event) => ['approval.withdrawn', 'task.cancelled'].includes(event.action)).map((event) => `${event.action} by ${event.actor}`),
    ).toEqual(['approval.withdrawn by paula', 'task.cancelled by system']);
  });

  it('ends the stage early when a gate routes to end', async () => {
    const { result, audit } = await runProject({}, async (decide) => {
      await decide('draft', PM, 'abandon');
    });
    expect(result.status).toBe('completed');
    expect(audit.filter((event) => event.action === 'task.opened').map((event) => event.detail.step)).toEqual(['draft']);
  });

  it('rejects the stage once the rework rounds are used up', async () => {
    const { result } = await runProject({}, async (decide) => {
      await decide('draft', PM, 'ready');
      await decide('check', QA, 'reject');
      await decide('draft', PM, 'ready');
      await decide('check', QA, 'reject');
    });
    expect(result).toEqual({ status: 'rejected', stages: [{ stageId: 'review', outcome: 'rejected' }] });
  });

  it('skips steps and runs stages whose conditions hold for the variables the project started with', async () => {
    const { result, audit } = await runProject({ fastTrack: true }, async (decide) => {
      await decide('draft', PM, 'ready');
      await decide('check', QA, 'approve');
      await decide('expedite', PM, 'done');
    });
    expect(result.stages.map((stage) => stage.stageId)).toEqual(['review', 'fast-lane']);
    expect(audit.map((event) => event.action)).not.toContain('timer.started');
  });
});
