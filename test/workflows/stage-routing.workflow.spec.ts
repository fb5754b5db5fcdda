import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { completeTaskUpdate, decodeTaskRejection, projectWorkflowId, taskActionUpdate, TaskRejectionCode, type ProjectWorkflowInput, type ProjectWorkflowResult, WorkflowType } from '@accord/contracts';
import { createActivities } from '@accord/activities';
import { compileDefinition } from '@accord/definitions';
import { AuditEventEntity, TaskEntity } from '@accord/persistence';
import { createAccordWorker, WORKFLOWS_PATH, workflowBundlerOptions } from '../../apps/worker/src/accord-worker';
import { eventually } from '../support/accord-harness';
import { quietTemporalLogs } from '../support/quiet-temporal';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

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
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let bundle: WorkflowBundleWithSourceMap;
  let projects = 0;

  beforeAll(async () => {
    quietTemporalLogs();
    const path = process.env.ACCORD_TEMPORAL_TEST_SERVER;
    if (!path) throw new Error('ACCORD_TEMPORAL_TEST_SERVER is unset: run the suite through `npm test`');
    [env, database] = await Promise.all([TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } }), createTestDatabase()]);
    bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...workflowBundlerOptions, logger: new DefaultLogger('WARN') });
  });

  afterAll(async () => {
    await env?.teardown();
    await database?.drop();
  });

  async function runProject(variables: ProjectWorkflowInput['variables'], script: (decide: (stepId: string, actor: typeof PM, outcome: string) => Promise<string>) => Promise<void>) {
    const compiled = compileDefinition(REVIEW_LOOP);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const projectId = `00000000-0000-4000-8000-00000000000${++projects}`;
    const handle = await env.client.workflow.start<(input: ProjectWorkflowInput) => Promise<ProjectWorkflowResult>>(WorkflowType.project, {
      workflowId: projectWorkflowId(projectId),
      taskQueue: 'routing-test',
      args: [{ projectId, name: 'Loop', definition: { key: 'review-loop', version: 1, compiled: compiled.compiled }, variables, startedBy: 'paula', requestId: `start-${projectId}` }],
    });
    const tasks = database.dataSource.getRepository(TaskEntity);
    const decide = async (stepId: string, actor: typeof PM, outcome: string) => {
      const task = await eventually(async () => (await tasks.findOneBy({ projectId, stepId, status: 'open' })) ?? undefined, `open ${stepId} task`);
      await env.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.id, actor, outcome, data: {}, requestId: `${task.id}:${outcome}` }],
      });
      return task.id;
    };
    // A worker runs once; each project gets its own, on the one bundle.
    const worker = await createAccordWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: 'routing-test',
      activities: createActivities({ dataSource: database.dataSource }),
      workflowBundle: bundle,
    });
    return worker.runUntil(async () => {
      await script(decide);
      const result = await handle.result();
      const audit = await database.dataSource.getRepository(AuditEventEntity).find({ where: { projectId }, order: { seq: 'ASC' } });
      return { result, audit, projectId };
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
      const check = await eventually(async () => (await database.dataSource.getRepository(TaskEntity).findOneBy({ stepId: 'check', status: 'open' })) ?? undefined, 'the approval');
      const withdraw = (actor: typeof PM) =>
        env.client.workflow.getHandle(check.workflowId).executeUpdate(taskActionUpdate, { args: [{ taskId: check.id, actor, action: { kind: 'withdraw' }, requestId: `withdraw-${actor.userId}` }] });
      const refused = await withdraw(QA).catch((error: { cause?: Error }) => decodeTaskRejection(error.cause?.message ?? ''));
      expect(refused).toMatchObject({ code: TaskRejectionCode.NOT_SUBMITTER });
      await withdraw(PM);
      await decide('draft', PM, 'ready');
      await decide('check', QA, 'approve');
    });
    expect(result.status).toBe('completed');
    expect(audit.filter((event) => ['approval.withdrawn', 'task.cancelled'].includes(event.action)).map((event) => `${event.action} by ${event.actor}`)).toEqual([
      'approval.withdrawn by paula',
      'task.cancelled by system',
    ]);
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
