import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import {
  type Actor,
  completeTaskUpdate,
  type CompleteTaskResult,
  decodeTaskRejection,
  type ProcessVariables,
  type ProjectMember,
  projectWorkflowId,
  type ProjectWorkflowInput,
  type ProjectWorkflowResult,
  type TaskAction,
  type TaskActionResult,
  taskActionUpdate,
  type TaskRejection,
  WorkflowType,
} from '@accord/contracts';
import { compileDefinition } from '@accord/definitions';
import { outstandingWorkOf, sleepWatched } from '@accord/simulation';
import { createAccordWorker } from '../../apps/worker/src/accord-worker';
import { InMemoryReadModel, type TaskRow } from '../support/fake-activities';
import { quietTemporalLogs } from '../support/quiet-temporal';
import { cachedWorkflowBundle } from '../support/workflow-bundle-cache';

type ProjectWorkflow = (input: ProjectWorkflowInput) => Promise<ProjectWorkflowResult>;

/** Real seconds a simulated sleep may take before its watch asks what holds the clock (see sleepWatched). */
const CLOCK_PATIENCE_MS = 10_000;
const TASK_QUEUE = 'fast-tests';

/**
 * Accord's real workflows on the time-skipping test server, with in-memory activities:
 * workflow unit tests with no PostgreSQL and no API. One per test file: one server, one
 * worker and one read model, which each project's id keeps apart from the others.
 */
export class InMemoryAccord {
  private projects = 0;
  /** Fails when the worker stops (a bundle it cannot load): a running project then fails at once, not at its timeout. */
  private readonly workerStopped: Promise<never>;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    /** Every project's tasks, audit trail and notifications, apart by project id. */
    readonly readModel: InMemoryReadModel,
    private readonly worker: Worker,
    private readonly running: Promise<void>,
  ) {
    this.workerStopped = running.then(() => {
      throw new Error('The worker stopped while a project was running');
    });
    // Stopping it at the end of the file is expected: only a project awaiting it needs to hear.
    this.workerStopped.catch(() => undefined);
  }

  static async start(): Promise<InMemoryAccord> {
    quietTemporalLogs();
    const path = process.env.ACCORD_TEMPORAL_TEST_SERVER;
    if (!path) throw new Error('ACCORD_TEMPORAL_TEST_SERVER is unset: run the tests through `npm run test:fast` or `npm test`');
    const [env, bundle] = await Promise.all([
      TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } }),
      cachedWorkflowBundle(),
    ]);
    const readModel = new InMemoryReadModel();
    // One worker for the file: creating one loads the whole bundle, a second or more on a busy machine.
    const worker = await createAccordWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: TASK_QUEUE,
      activities: readModel.activities,
      workflowBundle: bundle,
    });
    return new InMemoryAccord(env, readModel, worker, worker.run());
  }

  /**
   * Runs a project on a definition given as YAML (compiled as publishing would) to its end;
   * `script` plays the people meanwhile, reading and deciding through the project's run.
   */
  async run(
    source: string,
    script: (project: ProjectRun) => Promise<void>,
    options: { variables?: ProcessVariables; members?: ProjectMember[] } = {},
  ): Promise<{ result: ProjectWorkflowResult; projectId: string }> {
    const compiled = compileDefinition(source);
    if (!compiled.ok) throw new Error(`Invalid test definition: ${JSON.stringify(compiled.errors)}`);
    const projectId = `fa570000-0000-4000-8000-${String(++this.projects).padStart(12, '0')}`;
    const handle = await this.env.client.workflow.start<ProjectWorkflow>(WorkflowType.project, {
      workflowId: projectWorkflowId(projectId),
      taskQueue: TASK_QUEUE,
      args: [
        {
          projectId,
          name: 'Fast test project',
          definition: { key: compiled.compiled.key, version: 1, compiled: compiled.compiled },
          startedBy: 'paula',
          requestId: `start-${projectId}`,
          ...options,
        },
      ],
    });
    const project = new ProjectRun(this.env, this.readModel, projectId, handle);
    const result = await Promise.race([script(project).then(() => handle.result()), this.workerStopped]);
    return { result, projectId };
  }

  /**
   * Lets simulated time pass (time skips by itself only while a test awaits a workflow's
   * result), waiting for work in progress when it holds the clock, as the simulator does.
   */
  sleep(ms: number): Promise<void> {
    return sleepWatched(this.env, ms, CLOCK_PATIENCE_MS, () => outstandingWorkOf(this.env, this.readModel.workflowsMaybeRunning()));
  }

  async stop(): Promise<void> {
    this.worker.shutdown();
    await this.running;
    await this.env.teardown();
  }
}

/** One running project as its people see it: the tasks offered to them, and the updates they send. */
export class ProjectRun {
  constructor(
    private readonly env: TestWorkflowEnvironment,
    readonly readModel: InMemoryReadModel,
    readonly projectId: string,
    readonly handle: WorkflowHandle<ProjectWorkflow>,
  ) {}

  /** The open task of a step, once the workflow has opened it. */
  openTask(stepId: string, where?: (task: TaskRow) => boolean): Promise<TaskRow> {
    return this.readModel.openTask(this.projectId, stepId, where);
  }

  /** Completes a task through the `completeTask` update, as the API does. */
  complete(task: TaskRow, actor: Actor, outcome: string, data: Record<string, unknown> = {}): Promise<CompleteTaskResult> {
    return this.env.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.id, actor, outcome, data, requestId: `${task.id}:${actor.userId}:${outcome}` }],
    });
  }

  /** Waits for the step's open task and completes it. */
  async decide(stepId: string, actor: Actor, outcome: string, data?: Record<string, unknown>): Promise<TaskRow> {
    const task = await this.openTask(stepId);
    await this.complete(task, actor, outcome, data);
    return task;
  }

  /** Claims, delegates, withdraws…: a task action through the `taskAction` update. */
  act(task: TaskRow, actor: Actor, action: TaskAction): Promise<TaskActionResult> {
    return this.env.client.workflow.getHandle(task.workflowId).executeUpdate(taskActionUpdate, {
      args: [{ taskId: task.id, actor, action, requestId: `${task.id}:${actor.userId}:${action.kind}` }],
    });
  }
}

/** What an update's validator refused, decoded as the API decodes it; an accepted update fails the test. */
export async function rejectionOf(update: Promise<unknown>): Promise<TaskRejection | undefined> {
  try {
    await update;
  } catch (error) {
    return decodeTaskRejection((error as { cause?: Error }).cause?.message ?? '');
  }
  throw new Error('The update was accepted, not refused');
}
