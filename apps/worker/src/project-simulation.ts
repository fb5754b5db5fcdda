import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createActivities } from '@accord/activities';
import { type FieldError, type ProjectKpis, projectWorkflowId, type ProjectWorkflowInput, type TimelineEntry, WorkflowType } from '@accord/contracts';
import { compileDefinition } from '@accord/definitions';
import { computeProjectKpis, projectTimeline, runnableProblems } from '@accord/domain';
import type { DataSource } from 'typeorm';
import { createDataSource, KpiReportEntity, loadKpiInputs, loadTimelineSources, migrate } from '@accord/persistence';
import { parseActorsScript, participantsFrom, runWithParticipants, timeSkippingServices } from '@accord/simulation';
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
}

export interface SimulationReport {
  timeline: TimelineEntry[];
  kpis: ProjectKpis;
  /** Whether the project ended within the months simulated, and how. */
  outcome: 'completed' | 'rejected' | 'running';
  days: number;
  /** The definition's business time zone, in which people read the dates. */
  timezone: string;
  /** The length of each workflow run's history when the simulation ended: Temporal caps a run at 50,000 events. */
  histories: { workflowId: string; events: number }[];
  /** Answers the engine refused (invalid form data…): a script to fix, or a rule at work. */
  refused: { stepId: string; day: number; message: string }[];
}

/** The definition or script cannot be simulated: every reason, with paths. */
export class SimulationInputError extends Error {
  constructor(
    readonly source: 'definition' | 'script',
    readonly problems: FieldError[],
  ) {
    super(`The ${source} cannot be simulated:\n${problems.map((problem) => `  ${problem.path || '(document)'}: ${problem.message}`).join('\n')}`);
    this.name = 'SimulationInputError';
  }
}

/**
 * Runs a project of a definition on the time-skipping test server with the participants
 * an actors script describes, for up to `months` (R-EXP, issue 6 item 5): what an admin
 * sees of a definition before publishing it. Returns its dated timeline and its KPIs.
 */
export async function simulateDefinition(options: SimulationOptions): Promise<SimulationReport> {
  const compiled = compileDefinition(options.definitionSource);
  if (!compiled.ok) throw new SimulationInputError('definition', compiled.errors.map((error) => ({ path: error.path, message: `${error.message}${error.line ? ` (line ${error.line})` : ''}` })));
  const definition = compiled.compiled;
  const notRunnable = runnableProblems(definition);
  if (notRunnable.length > 0) throw new SimulationInputError('definition', notRunnable.map((message) => ({ path: 'stages', message })));
  const parsed = parseActorsScript(options.scriptSource, definition);
  if (!parsed.ok) throw new SimulationInputError('script', parsed.errors);
  const { script } = parsed;

  // The report is the output: the SDK and its core say only what went wrong.
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
  const dataSource = await createDataSource(options.databaseUrl, { poolSize: 5, applicationName: 'accord-simulation' }).initialize();
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: options.testServerPath } } });
  try {
    await migrate(dataSource);
    const taskQueue = `simulation-${randomUUID()}`;
    const projectId = randomUUID();
    const worker = await createAccordWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, activities: createActivities({ dataSource }) });
    const members = Object.entries(script.people).map(([role, user]) => ({ user, role }));
    const starter = members.find((member) => definition.starters.includes(member.role))?.user ?? 'simulation';
    const input: ProjectWorkflowInput = {
      projectId,
      name: `Simulation of ${definition.key}`,
      definition: { key: definition.key, version: 1, compiled: definition },
      members,
      startedBy: starter,
      requestId: `simulation-${projectId}`,
    };
    const run = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(WorkflowType.project, { workflowId: projectWorkflowId(projectId), taskQueue, args: [input] });
      return runWithParticipants(timeSkippingServices(env, dataSource), handle, projectId, participantsFrom(script), {
        maxDays: Math.round(options.months * DAYS_PER_MONTH),
        events: script.events,
        readings: script.readings,
      });
    });
    const report = await dataSource.getRepository(KpiReportEntity).findOneBy({ projectId });
    const histories = await historiesOf(env, dataSource, projectId);
    return {
      timeline: projectTimeline(await loadTimelineSources(dataSource.manager, projectId)),
      kpis: report?.kpis ?? computeProjectKpis(await loadKpiInputs(dataSource.manager, projectId, { verifications: [] })),
      outcome: run.result?.status === 'completed' || run.result?.status === 'rejected' ? run.result.status : 'running',
      days: run.days,
      timezone: definition.calendar.timezone,
      histories,
      refused: run.refused.map(({ stepId, day, message }) => ({ stepId, day, message })),
    };
  } finally {
    await env.teardown();
    await dataSource.destroy();
  }
}

/** The history length of the latest run of the project's workflow and of each stage workflow it started. */
async function historiesOf(env: TestWorkflowEnvironment, dataSource: DataSource, projectId: string): Promise<SimulationReport['histories']> {
  const started: { workflow_id: string }[] = await dataSource.query(
    `SELECT DISTINCT detail->>'workflowId' AS workflow_id FROM audit_events WHERE project_id = $1 AND detail ? 'workflowId' AND action IN ('stage.started', 'cadence.started')`,
    [projectId],
  );
  const ids = [projectWorkflowId(projectId), ...started.map((row) => row.workflow_id).sort()];
  const histories: SimulationReport['histories'] = [];
  for (const workflowId of ids) {
    const description = await env.client.workflow.getHandle(workflowId).describe();
    histories.push({ workflowId, events: description.historyLength });
  }
  return histories;
}
