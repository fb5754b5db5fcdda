import { TestWorkflowEnvironment } from '@temporalio/testing';
import { completeTaskUpdate, projectWorkflowId } from '@accord/contracts';
import { outstandingWorkOf, sleepWatched } from '@accord/simulation';
import { eventually } from '../support/accord-harness';
import { quietTemporalLogs } from '../support/quiet-temporal';
import { TimeSkippingAccord } from '../support/time-skipping-accord';

const DAY = 24 * 3_600_000;
/** Short for a test, yet long enough that a day merely slowed by a busy machine is not taken for a stall. */
const PATIENCE_MS = 5_000;

describe(sleepWatched.name, () => {
  // Restored even when a test fails, so one test's warnings never reach the next one's spy.
  afterEach(() => jest.restoreAllMocks());

  describe('on a server that leaked a time lock', () => {
    let env: TestWorkflowEnvironment;

    beforeAll(async () => {
      quietTemporalLogs();
      env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: process.env.ACCORD_TEMPORAL_TEST_SERVER! } },
      });
    });

    afterAll(async () => {
      await env?.teardown();
    });

    it('lets a simulated day pass by giving the leaked lock back', async () => {
      // What a lost update leaves behind: one lock too many, so the server's clock runs at wall-clock speed.
      await env.connection.testService!.lockTimeSkipping({});
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      const before = await env.currentTimeMs();
      await sleepWatched(env, DAY, PATIENCE_MS);
      expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(DAY);
      // The lock was given back, not one too many: the next day passes at once.
      await sleepWatched(env, DAY, PATIENCE_MS);
      expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(2 * DAY);
      // Once, and said: a CI run that needed it shows it in its output.
      expect(warn.mock.calls.map(([message]) => String(message))).toEqual([expect.stringMatching(/^Simulated time stalled at .*: giving back a time lock$/)]);
    });
  });

  describe('while an activity is slow', () => {
    const REMINDED = `
key: reminded
name: Reminded
starters: [pm]
roles: { pm: {} }
stages:
  - id: work
    steps:
      - id: draft
        type: task
        assignee: { role: pm }
        escalations:
          - { after: PT12H, do: remind }
          - { after: PT240H, do: remind }
`;
    const projectId = 'c10c0000-0000-4000-8000-000000000001';
    let accord: TimeSkippingAccord;

    beforeAll(async () => {
      accord = await TimeSkippingAccord.start();
    });

    afterAll(async () => {
      await accord?.stop();
    });

    it('waits for the activity and keeps the clock locked between sleeps', async () => {
      const worker = await accord.worker('clock-test');
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      await worker.runUntil(async () => {
        await accord.startProject(REMINDED, { projectId, taskQueue: 'clock-test' });
        await eventually(async () => (await accord.tasks.findOneBy({ projectId, status: 'open' })) ?? undefined, 'the draft task');
        // A loaded machine, as a database that makes the reminder's write wait for longer than the sleep's patience.
        const blocker = accord.database.dataSource.createQueryRunner();
        await blocker.connect();
        await blocker.startTransaction();
        await blocker.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
        const released = new Promise((resolve) => setTimeout(resolve, 3 * PATIENCE_MS))
          .then(() => blocker.rollbackTransaction())
          .finally(() => blocker.release());
        await sleepWatched(accord.env, DAY, PATIENCE_MS, () => outstandingWorkOf(accord.env, [projectWorkflowId(projectId)]));
        await released;
        // Between sleeps the clock runs at most as fast as real time: the second reminder, days away, has not fired.
        // (Real time is what is measured here: a count left one lock short would skip to that reminder at once.)
        const [from, realFrom] = [await accord.env.currentTimeMs(), Date.now()];
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect((await accord.env.currentTimeMs()) - from).toBeLessThan(Date.now() - realFrom + 1_000);
      });
      expect((await accord.audit(projectId)).filter((event) => event.action === 'task.reminded')).toHaveLength(1);
      // The slow write ran once: a lock given back would have let the server jump to its start-to-close timeout and retry it.
      const { workflowId } = await accord.tasks.findOneByOrFail({ projectId });
      const started = (await accord.env.client.workflow.getHandle(workflowId).fetchHistory()).events!.filter(
        (event) => event.activityTaskStartedEventAttributes,
      );
      expect(started.map((event) => event.activityTaskStartedEventAttributes!.attempt)).toEqual(started.map(() => 1));
      // The watch waited, naming the slow write, and never gave a lock back. Under load a look may also find that the
      // work it saw had ended by the time it listed it ("work that came and went"): still a wait, not a give-back.
      const said = warn.mock.calls.map(([message]) => String(message));
      expect(said.some((message) => /waiting for the work in progress: .*activity/.test(message))).toBe(true);
      expect(said.filter((message) => !/^Simulated time is slow at .*: waiting for the work in progress: /.test(message))).toEqual([]);
    }, 120_000);
  });
  describe('after an action item outlived its stage', () => {
    const KICKOFF = `
key: kickoff-leak
name: A meeting whose action item ends after its stage
starters: [pm]
roles: { pm: {} }
stages:
  - id: handover
    steps:
      - { id: kickoff, type: meeting, title: Kick-off, organizer: { role: pm }, attendees: [ { role: pm } ] }
`;
    const projectId = 'c10c0000-0000-4000-8000-000000000002';
    let accord: TimeSkippingAccord;

    beforeAll(async () => {
      accord = await TimeSkippingAccord.start();
    });

    afterAll(async () => {
      await accord?.stop();
    });

    /**
     * The stall CI saw: the test server takes a time lock when a child workflow ends, to be
     * released by its parent taking note, and a parent that has closed never does (its
     * TestWorkflowMutableStateImpl answers NOT_FOUND, which is swallowed). Action items and
     * stages run on with ParentClosePolicy.ABANDON, so one that ends after its parent leaves
     * the clock locked for good; whether it ends first is a race a loaded machine decides.
     */
    it('gives back the lock the server leaked, having found no work in progress', async () => {
      const worker = await accord.worker('leak-test');
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      await worker.runUntil(async () => {
        const project = await accord.startProject(KICKOFF, { projectId, taskQueue: 'leak-test' });
        const meeting = await eventually(
          async () => (await accord.tasks.findOneBy({ projectId, stepId: 'kickoff', status: 'open' })) ?? undefined,
          'the kick-off',
        );
        const due = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
        await accord.env.client.workflow.getHandle(meeting.workflowId).executeUpdate(completeTaskUpdate, {
          args: [
            {
              taskId: meeting.id,
              actor: { userId: 'paula', roles: ['pm'] },
              outcome: 'held',
              data: { minutes: 'Kicked off', actionItems: [{ item: 'Send the plan', owner: 'paula', due }] },
              requestId: 'held',
            },
          ],
        });
        await eventually(async () => ((await project.describe()).status.name === 'COMPLETED' ? true : undefined), 'the project to end before its action item');
        const item = await eventually(
          async () => (await accord.tasks.findOneBy({ projectId, stepId: 'kickoff-action-1', status: 'open' })) ?? undefined,
          'the action item',
        );
        const itemWorkflow = accord.env.client.workflow.getHandle(item.workflowId);
        // Its reply may be lost (the update ends the workflow in the same task): the workflow's end is what counts.
        void itemWorkflow
          .executeUpdate(completeTaskUpdate, {
            args: [{ taskId: item.id, actor: { userId: 'paula', roles: ['pm'] }, outcome: 'done', data: {}, requestId: 'done' }],
          })
          .catch(() => undefined);
        await eventually(async () => ((await itemWorkflow.describe()).status.name === 'RUNNING' ? undefined : true), 'the action item to end after its stage');
        const before = await accord.env.currentTimeMs();
        await sleepWatched(accord.env, DAY, PATIENCE_MS, () => outstandingWorkOf(accord.env, [projectWorkflowId(projectId), item.workflowId]));
        expect((await accord.env.currentTimeMs()) - before).toBeGreaterThanOrEqual(DAY);
      });
      // The lock went back once nothing was in progress; under load the watch may first have waited for work that was ending.
      const said = warn.mock.calls.map(([message]) => String(message));
      expect(said.some((message) => /^Simulated time stalled at .* with no work in progress: giving back a time lock$/.test(message))).toBe(true);
      expect(said.filter((message) => !/^Simulated time (stalled|is slow) at /.test(message))).toEqual([]);
    }, 120_000);
  });
});
