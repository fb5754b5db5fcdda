import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { WorkflowType, projectWorkflowId, type ProjectWorkflowInput, type ProjectWorkflowResult } from '@accord/contracts';
import { createActivities } from '@accord/activities';
import { compileDefinition } from '@accord/definitions';
import { AuditEventEntity, ProjectEntity } from '@accord/persistence';
import { createAccordWorker } from '../../apps/worker/src/accord-worker';
import { quietTemporalLogs } from '../support/quiet-temporal';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const COOLING_OFF = `
key: cooling-off
name: Cooling-off period
starters: [pm]
roles: { pm: {} }
stages:
  - id: wait
    steps:
      - { id: cooling-off, type: timer, duration: P30D }
`;

const DAY_MS = 24 * 60 * 60 * 1000;

describe('a durable timer on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let worker: Worker;

  beforeAll(async () => {
    quietTemporalLogs();
    const path = process.env.ACCORD_TEMPORAL_TEST_SERVER;
    if (!path) throw new Error('ACCORD_TEMPORAL_TEST_SERVER is unset: run the suite through `npm test`');
    [env, database] = await Promise.all([TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } }), createTestDatabase()]);
    worker = await createAccordWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: 'timer-test',
      activities: createActivities({ dataSource: database.dataSource }),
    });
  });

  afterAll(async () => {
    await env?.teardown();
    await database?.drop();
  });

  it('completes a project whose only step waits 30 days, the clock moving 30 days', async () => {
    const compiled = compileDefinition(COOLING_OFF);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const projectId = '7f1c1a52-3a8e-4a57-9a3c-1f1f6d1f0a01';
    const input: ProjectWorkflowInput = {
      projectId,
      name: 'Thirty days',
      definition: { key: 'cooling-off', version: 1, compiled: compiled.compiled },
      startedBy: 'paula',
      requestId: 'timer-test',
    };

    const result = await worker.runUntil(
      env.client.workflow.execute<(input: ProjectWorkflowInput) => Promise<ProjectWorkflowResult>>(WorkflowType.project, {
        workflowId: projectWorkflowId(projectId),
        taskQueue: 'timer-test',
        args: [input],
      }),
    );

    expect(result).toEqual({ status: 'completed', stages: [{ stageId: 'wait', outcome: 'completed' }] });
    const audit = await database.dataSource.getRepository(AuditEventEntity).find({ where: { projectId }, order: { seq: 'ASC' } });
    const started = audit.find((event) => event.action === 'timer.started')!;
    const fired = audit.find((event) => event.action === 'timer.fired')!;
    expect(fired.at.getTime() - started.at.getTime()).toBeGreaterThanOrEqual(30 * DAY_MS);
    const project = await database.dataSource.getRepository(ProjectEntity).findOneByOrFail({ id: projectId });
    expect(project.status).toBe('completed');
    expect(project.finishedAt!.getTime() - project.startedAt.getTime()).toBeGreaterThanOrEqual(30 * DAY_MS);
  });
});
