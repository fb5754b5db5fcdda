import { Client } from '@temporalio/client';
import { AccordHarness, eventually } from '../support/accord-harness';

const PROGRESS = {
  progress: { rows: [{ phase: 'implementation', task: 'Finance roll-out', owner: 'paula', due: '2027-03-01', plannedPercent: 40, actualPercent: 35 }] },
};

/**
 * Readings posted the moment a stage becomes current. The project makes the stage current,
 * records that, and only then starts the stage's workflow: a report that came in between
 * used to fail with a 500 (workflow not found). It is now a 409 saying the project is between
 * stages, and the same report posted again a moment later, under the same Idempotency-Key,
 * is taken: the project refuses it in its update's validator, so Temporal keeps no outcome
 * for that request id to answer the retry with.
 */
describe('readings posted as a stage starts (HTTP API)', () => {
  let accord: AccordHarness;
  let paula: string;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    paula = accord.token('paula', ['pm']);
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it('answers 409 between stages, not 500, and takes the same report posted again under the same key once the stage runs', async () => {
    await accord.stopWorker();
    const started = await accord.request('POST', '/projects', { token: paula, body: { definitionKey: 'expectation-signoff', name: 'ACME at once' } });
    expect(started.status).toBe(201);
    const projectId: string = started.body.id;
    // Held open: the audit row of the first stage's start, which the project writes after making
    // the stage current and before starting its workflow, so that write waits on this one.
    const hold = accord.database.dataSource.createQueryRunner();
    await hold.connect();
    await hold.startTransaction();
    try {
      await hold.query(`INSERT INTO audit_events (id, project_id, action, actor, at, detail) VALUES ($1, $2, 'stage.started', 'test', now(), '{}')`, [
        `${projectId}:set:1:stage.started`,
        projectId,
      ]);
      await accord.startWorker();
      await eventually(async () => {
        const rows: { query: string }[] = await accord.database.dataSource.query(
          `SELECT query FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        );
        return rows.some((row) => row.query.includes('audit_events')) ? true : undefined;
      }, 'the stage start waiting on the held audit row');
      const posted = accord.request('POST', `/projects/${projectId}/metric-readings`, {
        token: paula,
        body: PROGRESS,
        headers: { 'idempotency-key': 'first-report' },
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await hold.rollbackTransaction();
      const answer = await posted;
      expect([answer.status, answer.body.code]).toEqual([409, 'PROJECT_BETWEEN_STAGES']);
    } finally {
      if (hold.isTransactionActive) await hold.rollbackTransaction();
      await hold.release();
    }
    let attempts = 0;
    const again = await eventually(async () => {
      attempts++;
      const retried = await accord.request('POST', `/projects/${projectId}/metric-readings`, {
        token: paula,
        body: PROGRESS,
        // The same key: a client retries what it was told to post again, and a refusal is not its answer for good.
        headers: { 'idempotency-key': 'first-report' },
      });
      return retried.status === 409 ? undefined : retried;
    }, 'the stage to run').catch(async (error: Error) => {
      // What the project was doing meanwhile: the events it recorded and the activity it waits for.
      const project = accord.app.get(Client).workflow.getHandle(`project/${projectId}`);
      const { events } = await project.fetchHistory();
      const description = await project.describe();
      const pending = description.raw.pendingActivities?.map(
        (activity) => `${activity.activityType?.name} attempt ${activity.attempt} ${activity.lastFailure?.message ?? ''}`,
      );
      const types = events?.map((event) => event.eventType).join(', ');
      throw new Error(`${error.message} after ${attempts} posts; project history: ${types}; pending: ${pending?.join('; ')}`);
    });
    expect([again.status, again.body.stage]).toEqual([202, 'set']);
    await eventually(async () => {
      const readings = await accord.request('GET', `/projects/${projectId}/metric-readings?metric=schedule_deviation`, { token: paula });
      return readings.body.items?.length === 1 ? true : undefined;
    }, 'the reading recorded by the stage');
  });
});
