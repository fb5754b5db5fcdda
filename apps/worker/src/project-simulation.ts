import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type WorkerOptions } from '@temporalio/worker';
import { assessCustomer, createActivities } from '@accord/activities';
import {
  type CustomerRef,
  type CustomerStanding,
  type ProjectKpis,
  projectWorkflowId,
  type ProjectWorkflowInput,
  type TimelineEntry,
  WorkflowType,
} from '@accord/contracts';
import { computeProjectKpis, projectTimeline } from '@accord/domain';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  CustomerAnalyticsSettingsEntity,
  CustomerProfileEntity,
  KpiReportEntity,
  loadKpiInputs,
  loadTimelineSources,
  migrate,
} from '@accord/persistence';
import { participantsFrom, runWithParticipants, simulationInput, timeSkippingServices } from '@accord/simulation';
import { createAccordWorker } from './accord-worker';

const DAYS_PER_MONTH = 30.44;

export interface SimulationOptions {
  definitionSource: string;
  scriptSource: string;
  months: number;
  /** The time-skipping test server binary. */
  testServerPath: string;
  /** A database of its own: the simulation writes a whole project into it. */
  databaseUrl: string;
  /** Keep the whole history of every run of every workflow, for the replay tests (`npm run record-histories`). */
  recordHistories?: boolean;
  /** History events after which the project workflow continues as new (the engine's default when absent). */
  projectHistoryBudget?: number;
  /**
   * Installs Temporal's runtime with only errors logged: right for a process of its own (the
   * CLI), impossible inside a worker, whose runtime is already installed. Default true.
   */
  quietRuntime?: boolean;
  /** The workflow code bundled once: a worker that hosts many simulations passes its own. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Told as each simulated day begins (progress); a rejection stops the simulation with that error. */
  onDay?: (day: number, maxDays: number) => Promise<void>;
  /**
   * When the simulated project starts (default: now). The test server's clock begins at the
   * real now and only moves forward, so this must not be in the past.
   */
  startAt?: Date;
}

/** One workflow run's whole history: the `temporal.api.history.v1.History` message, protobuf-encoded and base64. */
export interface RecordedHistory {
  workflowId: string;
  runId: string;
  events: number;
  history: string;
}

export interface SimulationReport {
  timeline: TimelineEntry[];
  /** The project's KPIs, and where its customer stands at the end (class, value, churn score) when the script names one. */
  kpis: ProjectKpis & { customer?: Omit<CustomerStanding, 'crossed'> };
  /** Whether the project ended within the months simulated, and how. */
  outcome: 'completed' | 'rejected' | 'running';
  days: number;
  /** The definition's business time zone, in which people read the dates. */
  timezone: string;
  /** The length of each workflow run's history when the simulation ended: Temporal caps a run at 50,000 events. */
  histories: { workflowId: string; events: number }[];
  /** Answers the engine refused (invalid form data…): a script to fix, or a rule at work. */
  refused: { stepId: string; day: number; message: string }[];
  /** Every run of every workflow of the project, when `recordHistories` asked for them. */
  recorded?: RecordedHistory[];
}

export { SimulationInputError } from '@accord/simulation';

/**
 * Runs a project of a definition on the time-skipping test server with the participants
 * an actors script describes, for up to `months` (R-EXP, issue 6 item 5): what an admin
 * sees of a definition before publishing it. Returns its dated timeline and its KPIs.
 */
export async function simulateDefinition(options: SimulationOptions): Promise<SimulationReport> {
  const { definition, script } = simulationInput(options.definitionSource, options.scriptSource, options.startAt);

  // The report is the output: the SDK and its core say only what went wrong.
  if (options.quietRuntime ?? true)
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
  const dataSource = await createDataSource(options.databaseUrl, { poolSize: 5, applicationName: 'accord-simulation' }).initialize();
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: options.testServerPath } } });
  try {
    await migrate(dataSource);
    const taskQueue = `simulation-${randomUUID()}`;
    const projectId = randomUUID();
    const worker = await createAccordWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: createActivities({ dataSource }),
      workflowBundle: options.workflowBundle,
    });
    // The company's analytics settings and the customer's profile, as the script gives them.
    await dataSource
      .getRepository(CustomerAnalyticsSettingsEntity)
      .upsert({ id: 1, settings: script.analytics, updatedBy: 'simulation', updatedAt: new Date() }, ['id']);
    const { customer } = script;
    const members = Object.entries(script.people).map(([role, user]) => ({ user, role }));
    const starter = members.find((member) => definition.starters.includes(member.role))?.user ?? 'simulation';
    const input: ProjectWorkflowInput = {
      projectId,
      name: `Simulation of ${definition.key}`,
      definition: { key: definition.key, version: 1, compiled: definition },
      members,
      startedBy: starter,
      requestId: `simulation-${projectId}`,
      ...(customer ? { customer: { key: customer.key, name: customer.name } } : {}),
      ...(options.projectHistoryBudget ? { continueAsNewAfter: options.projectHistoryBudget } : {}),
    };
    // Last before the start: the clock runs at real speed while the worker bundles its code.
    if (options.startAt) await moveClockTo(env, options.startAt);
    const run = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(WorkflowType.project, { workflowId: projectWorkflowId(projectId), taskQueue, args: [input] });
      if (customer?.annualContractValue !== undefined) await recordContractValue(dataSource, customer, customer.annualContractValue);
      return runWithParticipants(timeSkippingServices(env, dataSource), handle, projectId, participantsFrom(script), {
        maxDays: Math.round(options.months * DAYS_PER_MONTH),
        events: script.events,
        readings: script.readings,
        onDay: options.onDay,
      });
    });
    const report = await dataSource.getRepository(KpiReportEntity).findOneBy({ projectId });
    const workflowIds = await workflowsOf(dataSource, projectId);
    const histories = await historyLengths(env, workflowIds);
    const kpis = report?.kpis ?? computeProjectKpis(await loadKpiInputs(dataSource.manager, projectId, { verifications: [] }));
    const standing = customer ? (await assessCustomer(dataSource.manager, customer.key, await projectClock(dataSource, projectId))).standing : undefined;
    return {
      timeline: projectTimeline(await loadTimelineSources(dataSource.manager, projectId)),
      kpis: standing ? { ...kpis, customer: withoutCrossing(standing) } : kpis,
      outcome: run.result?.status === 'completed' || run.result?.status === 'rejected' ? run.result.status : 'running',
      days: run.days,
      timezone: definition.calendar.timezone,
      histories,
      refused: run.refused.map(({ stepId, day, message }) => ({ stepId, day, message })),
      ...(options.recordHistories ? { recorded: await recordedHistories(env, workflowIds) } : {}),
    };
  } finally {
    await env.teardown();
    await dataSource.destroy();
  }
}

/** Moves the test server's clock forward to `at` before anything runs. */
async function moveClockTo(env: TestWorkflowEnvironment, at: Date): Promise<void> {
  const ahead = at.getTime() - (await env.currentTimeMs());
  if (ahead < 0) throw new RangeError(`the simulation cannot start at ${at.toISOString()}: that is in the past, and its clock only moves forward`);
  await env.sleep(ahead);
}

/** Gives the customer's profile the contract value (the project's start has created the customer by now, or will have). */
async function recordContractValue(dataSource: DataSource, { key, name }: CustomerRef, value: number): Promise<void> {
  const at = new Date();
  await dataSource.query(`INSERT INTO customers (key, name, first_project_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`, [key, name, at]);
  await dataSource
    .getRepository(CustomerProfileEntity)
    .upsert({ customerKey: key, industry: null, size: null, region: null, annualContractValue: value, contacts: [], updatedBy: 'simulation', updatedAt: at }, [
      'customerKey',
    ]);
  await dataSource.query(`INSERT INTO customer_contract_values (customer_key, value, recorded_at, recorded_by) VALUES ($1, $2, $3, 'simulation')`, [
    key,
    value,
    at,
  ]);
}

const withoutCrossing = ({ crossed: _crossed, ...standing }: CustomerStanding): Omit<CustomerStanding, 'crossed'> => standing;

/** The simulated time the project's record reached: its end, or its latest recorded fact. */
async function projectClock(dataSource: DataSource, projectId: string): Promise<Date> {
  const [row]: { at: Date | null }[] = await dataSource.query(`SELECT max(at) AS at FROM audit_events WHERE project_id = $1`, [projectId]);
  return row?.at ?? new Date();
}

/**
 * Every workflow the project started: the project's own, each stage, cadence and action
 * item (the test server cannot list workflows, so the read model names them).
 */
async function workflowsOf(dataSource: DataSource, projectId: string): Promise<string[]> {
  const started: { workflow_id: string }[] = await dataSource.query(
    `SELECT detail->>'workflowId' AS workflow_id FROM audit_events WHERE project_id = $1 AND detail ? 'workflowId' AND action IN ('stage.started', 'cadence.started')
     UNION SELECT workflow_id FROM tasks WHERE project_id = $1`,
    [projectId],
  );
  const project = projectWorkflowId(projectId);
  return [
    project,
    ...started
      .map((row) => row.workflow_id)
      .filter((id) => id !== project)
      .sort(),
  ];
}

/** The history length of the latest run of each workflow. */
async function historyLengths(env: TestWorkflowEnvironment, workflowIds: string[]): Promise<SimulationReport['histories']> {
  const histories: SimulationReport['histories'] = [];
  for (const workflowId of workflowIds) {
    const description = await env.client.workflow.getHandle(workflowId).describe();
    histories.push({ workflowId, events: description.historyLength });
  }
  return histories;
}

/** Every run of each workflow, oldest first: continue-as-new chains are followed back from the latest run. */
async function recordedHistories(env: TestWorkflowEnvironment, workflowIds: string[]): Promise<RecordedHistory[]> {
  const recorded: RecordedHistory[] = [];
  for (const workflowId of workflowIds) {
    const runs: RecordedHistory[] = [];
    let runId: string | undefined = (await env.client.workflow.getHandle(workflowId).describe()).runId;
    while (runId) {
      const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
      const encoded = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('base64');
      runs.unshift({ workflowId, runId, events: history.events?.length ?? 0, history: encoded });
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    }
    recorded.push(...runs);
  }
  return recorded;
}
