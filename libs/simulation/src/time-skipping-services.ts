import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { outlasts, STALLED } from './server-patience';
import type { SimulationServices } from './project-autopilot';

/**
 * Real seconds a sleep may take before the watch looks at what holds the clock: a simulated
 * day normally passes in well under one. Short, since a lock is given back only when no work
 * is in progress: a sleep slowed by a loaded machine is waited for, however long.
 */
const CLOCK_PATIENCE_MS = 10_000;
/** Stops after this many stalls with no work outstanding in one sleep: the server is stuck for some other reason, and an error says so. */
const MAX_STALLS = 3;
/**
 * Stops after the clock has been held this long by work in progress: an activity times out
 * after 30 s and a workflow task after 10 s, so work still outstanding after this is stuck.
 */
const MAX_BUSY_MS = 10 * 60_000;
/** How far the server's clock may run ahead of real time in one read of it, from rounding alone. */
const CLOCK_JITTER_MS = 1_000;

/** What holds the test server's time lock at a moment: one line per workflow task or activity in progress. */
export type OutstandingWork = () => Promise<string[]>;

/** The autopilot's services on a time-skipping test environment, with a clock that cannot stop for good. */
export function timeSkippingServices(env: TestWorkflowEnvironment, dataSource: DataSource): SimulationServices {
  return {
    client: env.client,
    dataSource,
    sleep: (ms) => sleepWatched(env, ms, CLOCK_PATIENCE_MS, () => outstandingWorkOf(env, readModelWorkflows(dataSource))),
    now: () => env.currentTimeMs(),
  };
}

/**
 * The workflows a project may have running: the test server lists none, so the read model
 * names them, and each one's pending children are added from the server.
 */
async function readModelWorkflows(dataSource: DataSource): Promise<string[]> {
  const rows: { workflow_id: string }[] = await dataSource.query(`
    SELECT workflow_id FROM projects WHERE status = 'running'
    UNION SELECT started_workflow_id FROM project_events WHERE closed_at IS NULL
    UNION (SELECT workflow_id FROM tasks GROUP BY workflow_id ORDER BY max(created_at) DESC LIMIT 40)`);
  return rows.map((row) => row.workflow_id);
}

/**
 * What holds the time lock among `workflowIds` and their running children: the test server
 * holds one lock for each workflow task scheduled or started and one for each activity
 * pending, and releases them when they end. Its describe does not report the workflow
 * task, so the last history event says whether one is outstanding.
 */
export async function outstandingWorkOf(env: TestWorkflowEnvironment, workflowIds: Promise<string[]> | string[]): Promise<string[]> {
  const seen = new Set<string>();
  const work: string[] = [];
  const visit = async (workflowId: string): Promise<void> => {
    if (seen.has(workflowId)) return;
    seen.add(workflowId);
    const handle = env.client.workflow.getHandle(workflowId);
    const description = await handle.describe().catch(() => undefined);
    if (description?.status.name !== 'RUNNING') return;
    work.push(
      ...(description.raw.pendingActivities ?? []).map(
        (activity) => `${workflowId}: activity ${activity.activityType?.name ?? '?'} (attempt ${activity.attempt ?? 1})`,
      ),
    );
    if (await workflowTaskOutstanding(handle)) work.push(`${workflowId}: workflow task`);
    await Promise.all((description.raw.pendingChildren ?? []).map((child) => (child.workflowId ? visit(child.workflowId) : undefined)));
  };
  await Promise.all((await workflowIds).map(visit));
  return work;
}

async function workflowTaskOutstanding(handle: WorkflowHandle): Promise<boolean> {
  const events = (await handle.fetchHistory()).events ?? [];
  const last = events.at(-1);
  return Boolean(last?.workflowTaskScheduledEventAttributes ?? last?.workflowTaskStartedEventAttributes);
}

/**
 * Lets `ms` of simulated time pass. The test server skips time only while nothing holds its
 * time lock: while a workflow task or activity is in progress, time runs at wall-clock
 * speed. When a sleep stalls, this asks what is in progress:
 * - work in progress (a slow workflow task or activity on a loaded machine) holds its
 *   rightful lock, and the sleep waits for it. Giving that lock back would unbalance the
 *   server's count for good: when the work ends and releases its lock too, the clock
 *   would skip even between sleeps, and timers would fire while participants act.
 * - nothing in progress: a lock is held that nothing will release, and one is given back.
 *   When the server holds none, it refuses, and the error says where time stood.
 */
export async function sleepWatched(
  env: TestWorkflowEnvironment,
  ms: number,
  patienceMs: number,
  outstandingWork: OutstandingWork = async () => [],
): Promise<void> {
  const from = await env.currentTimeMs();
  const startedAt = Date.now();
  const slept = env.sleep(ms);
  for (let stalls = 0; ;) {
    if ((await outlasts(slept, patienceMs)) !== STALLED) return;
    const [now, realNow] = [await env.currentTimeMs(), Date.now()];
    const work = await outstandingWork();
    // It may have ended while the work was read: then no lock is given back, not even a leaked one.
    if ((await outlasts(slept, 0)) !== STALLED) return;
    // A held lock lets simulated time run at most as fast as real time; a jump means work came and went while it was read.
    const heldThroughout = (await env.currentTimeMs()) - now <= Date.now() - realNow + CLOCK_JITTER_MS;
    const progress = `${Math.round((now - from) / 1000)} s of ${ms / 1000} s passed in ${Math.round((Date.now() - startedAt) / 1000)} real seconds`;
    if (work.length > 0 || !heldThroughout) {
      if (Date.now() - startedAt > MAX_BUSY_MS)
        throw new Error(`Simulated time is held at ${new Date(now).toISOString()} (${progress}) by work that does not end: ${work.join('; ')}`);
      console.warn(
        `Simulated time is slow at ${new Date(now).toISOString()} (${progress}): waiting for the work in progress: ${work.join('; ') || 'work that came and went'}`,
      );
      continue;
    }
    if (++stalls === MAX_STALLS)
      throw new Error(`The time-skipping server's clock stalls at ${new Date(now).toISOString()}: ${progress}, with no work in progress`);
    const { testService } = env.connection;
    if (!testService) throw new Error(`The clock stalls at ${new Date(now).toISOString()} (${progress}) on a server that does not skip time`);
    // Said out loud: a run that needed this shows it in its output, which is how we learn what the server did.
    console.warn(`Simulated time stalled at ${new Date(now).toISOString()} (${progress}) with no work in progress: giving back a time lock`);
    try {
      await testService.unlockTimeSkipping({});
    } catch (error) {
      throw new Error(
        `The time-skipping server's clock stalls at ${new Date(now).toISOString()} (${progress}) with no time lock to release: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
}
