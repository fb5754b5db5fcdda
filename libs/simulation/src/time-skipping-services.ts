import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { outlasts, STALLED } from './server-patience';
import type { SimulationServices } from './project-autopilot';

/**
 * Real seconds a simulated day may take before the clock counts as stopped: a day normally
 * passes in well under one, and no activity of Accord holds the server's time lock for long,
 * so a lock still held after this is taken to be leaked.
 */
const CLOCK_PATIENCE_MS = 30_000;
/** Stops after this many stalls in one sleep: the server is stuck for some other reason, and an error says so. */
const MAX_STALLS = 3;

/** The autopilot's services on a time-skipping test environment, with a clock that cannot stop for good. */
export function timeSkippingServices(env: TestWorkflowEnvironment, dataSource: DataSource): SimulationServices {
  return { client: env.client, dataSource, sleep: (ms) => sleepWatched(env, ms, CLOCK_PATIENCE_MS, () => unfinishedWork(env, dataSource)) };
}

/**
 * What the running workflows were last doing, for the warning of a stalled clock: the test
 * server neither lists workflows nor reports pending workflow tasks, so the read model names
 * the workflows and each one's last history events say what it waits for.
 */
async function unfinishedWork(env: TestWorkflowEnvironment, dataSource: DataSource): Promise<string> {
  const rows: { workflow_id: string }[] = await dataSource.query(`
    SELECT workflow_id FROM projects WHERE status = 'running'
    UNION SELECT started_workflow_id FROM project_events WHERE closed_at IS NULL
    UNION (SELECT workflow_id FROM tasks GROUP BY workflow_id ORDER BY max(created_at) DESC LIMIT 40)`);
  const lines = await Promise.all(
    rows.map(async ({ workflow_id: workflowId }) => {
      try {
        const handle = env.client.workflow.getHandle(workflowId);
        const description = await handle.describe();
        if (description.status.name !== 'RUNNING') return undefined;
        const events = (await handle.fetchHistory()).events ?? [];
        const last = events.slice(-3).map((event) => Object.keys(event).find((key) => key.endsWith('EventAttributes'))?.replace('EventAttributes', '') ?? '?');
        return `${workflowId}: ${description.raw.pendingActivities?.length ?? 0} activities pending, last events ${last.join(', ')}`;
      } catch (error) {
        return `${workflowId}: ${(error as Error).message}`;
      }
    }),
  );
  return lines.filter((line) => line !== undefined).join('; ') || 'no running workflow found in the read model';
}

/**
 * Lets `ms` of simulated time pass. The test server skips time only while nothing holds its
 * time lock, and now and then it keeps one held (when, we have not found out): time then
 * runs at wall-clock speed and a simulated day takes a day. When a sleep stalls, this gives
 * back one lock; when the server holds none, it refuses, and the error says where time stood.
 */
export async function sleepWatched(env: TestWorkflowEnvironment, ms: number, patienceMs: number, describeWork: () => Promise<string> = async () => ''): Promise<void> {
  const from = await env.currentTimeMs();
  const slept = env.sleep(ms);
  for (let stalls = 1; ; stalls++) {
    if ((await outlasts(slept, patienceMs)) !== STALLED) return;
    const now = await env.currentTimeMs();
    // It may have ended while the clock was read: then no lock is given back, not even a rightful one.
    if ((await outlasts(slept, 0)) !== STALLED) return;
    const progress = `${Math.round((now - from) / 1000)} s of ${ms / 1000} s passed`;
    if (stalls === MAX_STALLS) throw new Error(`The time-skipping server's clock stalls at ${new Date(now).toISOString()}: ${progress} in ${(MAX_STALLS * patienceMs) / 1000} real seconds`);
    const { testService } = env.connection;
    if (!testService) throw new Error(`The clock stalls at ${new Date(now).toISOString()} (${progress}) on a server that does not skip time`);
    // Said out loud: a run that needed this shows it in its output, which is how we learn what the server did.
    const work = await describeWork().catch((error: Error) => `unknown (${error.message})`);
    console.warn(`Simulated time stalled at ${new Date(now).toISOString()} (${progress} in ${(stalls * patienceMs) / 1000} real seconds): giving back a time lock${work ? `. Running: ${work}` : ''}`);
    try {
      await testService.unlockTimeSkipping({});
    } catch (error) {
      throw new Error(`The time-skipping server's clock stalls at ${new Date(now).toISOString()} (${progress}) with no time lock to release: ${(error as Error).message}`, { cause: error });
    }
  }
}
