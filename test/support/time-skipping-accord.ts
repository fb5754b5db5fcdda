import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import {
  projectWorkflowId,
  type ProcessVariables,
  type ProjectMember,
  type ProjectWorkflowInput,
  type ProjectWorkflowResult,
  WorkflowType,
} from '@accord/contracts';
import { createActivities } from '@accord/activities';
import { compileDefinition } from '@accord/definitions';
import { AuditEventEntity, TaskEntity } from '@accord/persistence';
import { type SimulationServices, timeSkippingServices } from '@accord/simulation';
import { createAccordWorker, WORKFLOWS_PATH, workflowBundlerOptions } from '../../apps/worker/src/accord-worker';
import { quietTemporalLogs } from './quiet-temporal';
import { createTestDatabase, type TestDatabase } from './test-database';

type ProjectWorkflow = (input: ProjectWorkflowInput) => Promise<ProjectWorkflowResult>;

/**
 * Accord's workflows and real activities on the time-skipping test server with a fresh
 * database: what workflow tests need to run a definition for months in seconds.
 */
export class TimeSkippingAccord {
  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly database: TestDatabase,
    private readonly bundle: WorkflowBundleWithSourceMap,
  ) {}

  static async start(): Promise<TimeSkippingAccord> {
    quietTemporalLogs();
    const path = process.env.ACCORD_TEMPORAL_TEST_SERVER;
    if (!path) throw new Error('ACCORD_TEMPORAL_TEST_SERVER is unset: run the suite through `npm test`');
    const [env, database, bundle] = await Promise.all([
      TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } }),
      createTestDatabase(),
      bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...workflowBundlerOptions, logger: new DefaultLogger('WARN') }),
    ]);
    return new TimeSkippingAccord(env, database, bundle);
  }

  /** A new worker on `taskQueue` (a worker runs once, so each test takes its own). */
  worker(taskQueue: string): Promise<Worker> {
    return createAccordWorker({
      connection: this.env.nativeConnection,
      namespace: this.env.namespace ?? 'default',
      taskQueue,
      activities: createActivities({ dataSource: this.database.dataSource }),
      workflowBundle: this.bundle,
    });
  }

  /** Starts a project on a definition given as YAML (compiled as publishing would). */
  startProject(
    source: string,
    options: { projectId: string; taskQueue: string; variables?: ProcessVariables; members?: ProjectMember[]; continueAsNewAfter?: number },
  ): Promise<WorkflowHandle<ProjectWorkflow>> {
    const compiled = compileDefinition(source);
    if (!compiled.ok) throw new Error(`Invalid test definition: ${JSON.stringify(compiled.errors)}`);
    const { projectId, taskQueue, variables, members, continueAsNewAfter } = options;
    return this.env.client.workflow.start<ProjectWorkflow>(WorkflowType.project, {
      workflowId: projectWorkflowId(projectId),
      taskQueue,
      args: [
        {
          projectId,
          name: 'Test project',
          definition: { key: compiled.compiled.key, version: 1, compiled: compiled.compiled },
          variables,
          members,
          startedBy: 'paula',
          requestId: `start-${projectId}`,
          continueAsNewAfter,
        },
      ],
    });
  }

  /** What the autopilot of `@accord/simulation` drives. */
  get services(): SimulationServices {
    return timeSkippingServices(this.env, this.database.dataSource);
  }

  /** Lets simulated time pass, with the watch on the server's clock that the autopilot has too. */
  sleep(ms: number): Promise<void> {
    return this.services.sleep(ms);
  }

  get tasks() {
    return this.database.dataSource.getRepository(TaskEntity);
  }

  /** The project's audit trail, oldest first. */
  audit(projectId: string): Promise<AuditEventEntity[]> {
    return this.database.dataSource.getRepository(AuditEventEntity).find({ where: { projectId }, order: { seq: 'ASC' } });
  }

  async stop(): Promise<void> {
    await this.env.teardown();
    await this.database.drop();
  }
}
