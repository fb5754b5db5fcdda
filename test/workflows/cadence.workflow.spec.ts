import { completeTaskUpdate } from '@accord/contracts';
import { NotificationEntity } from '@accord/persistence';
import { eventually } from '../support/accord-harness';
import { TimeSkippingAccord } from '../support/time-skipping-accord';

const DAY = 24 * 3_600_000;

const WEEKLY_UNTIL_CLOSED = `
key: weekly
name: Weekly meetings until tracking closes
starters: [pm]
variables: { closed: { type: boolean, default: false } }
roles: { pm: {}, customer: { external: true } }
stages:
  - id: track
    steps:
      - id: follow
        type: parallel
        join: all
        branches:
          - id: meetings
            steps:
              - id: weekly
                type: cadence
                every: P1W
                # The clock starts on today's date: the weekly slots stay put on a weekend, so the test holds on any day it runs.
                onNonWorkingDay: keep
                until: closed
                step: { type: meeting, title: Weekly sync, organizer: { role: pm }, attendees: [ { role: pm }, { role: customer } ], agenda: [Progress, Risks] }
          - id: closing
            steps:
              - { id: wait, type: timer, duration: P20D }
              - { id: close, type: service, action: set-variables, with: { closed: true } }
              - { id: tell, type: service, action: notify, with: { to: { role: customer }, subject: Tracking is closed } }
`;

describe('meetings on a cadence, until a service step closes it (time-skipping test server)', () => {
  let accord: TimeSkippingAccord;

  beforeAll(async () => {
    accord = await TimeSkippingAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it('holds a meeting every week, stops when the variable is set, and invites and notifies through the outbox', async () => {
    const projectId = 'c0000000-0000-4000-8000-000000000001';
    const worker = await accord.worker('cadence-test');
    const result = await worker.runUntil(async () => {
      const handle = await accord.startProject(WEEKLY_UNTIL_CLOSED, { projectId, taskQueue: 'cadence-test' });
      for (let week = 1; week <= 3; week++) {
        const meeting = await eventually(
          async () => (await accord.tasks.findOneBy({ projectId, stepId: 'weekly-occurrence', status: 'open' })) ?? undefined,
          `meeting ${week}`,
        );
        expect(meeting).toMatchObject({ kind: 'meeting', title: 'Weekly sync', candidateRole: 'pm' });
        await accord.env.client.workflow.getHandle(meeting.workflowId).executeUpdate(completeTaskUpdate, {
          args: [
            { taskId: meeting.id, actor: { userId: 'paula', roles: ['pm'] }, outcome: 'held', data: { minutes: `week ${week}` }, requestId: `held-${week}` },
          ],
        });
        await accord.sleep(7 * DAY);
      }
      return handle.result();
    });

    expect(result.status).toBe('completed');
    const audit = await accord.audit(projectId);
    const opened = audit.find((event) => event.action === 'cadence.started')!.at.getTime();
    const meetings = audit.filter((event) => event.action === 'task.opened').map((event) => Math.round((event.at.getTime() - opened) / DAY));
    expect(meetings).toEqual([0, 7, 14]);
    const set = audit.find((event) => event.action === 'variables.set')!;
    expect([set.detail, Math.round((set.at.getTime() - opened) / DAY)]).toEqual([{ closed: true }, 20]);
    expect(audit.find((event) => event.action === 'cadence.ended')!.detail).toEqual({ occurrences: 3 });
    const notifications = await accord.database.dataSource.getRepository(NotificationEntity).find({ where: { projectId } });
    expect(
      notifications
        .filter((n) => n.kind === 'invitation')
        .map((n) => n.recipientRole)
        .sort(),
    ).toEqual(['customer', 'customer', 'customer', 'pm', 'pm', 'pm']);
    expect(notifications.filter((n) => n.kind === 'message').map((n) => [n.recipientRole, n.subject])).toEqual([['customer', 'Tracking is closed']]);
  });

  it('cancels the meeting still open when the cadence ends, so the stage does not wait for it', async () => {
    const projectId = 'c0000000-0000-4000-8000-000000000002';
    const worker = await accord.worker('cadence-cancel-test');
    const result = await worker.runUntil(async () => {
      const handle = await accord.startProject(WEEKLY_UNTIL_CLOSED.replace('duration: P20D', 'duration: P10D'), {
        projectId,
        taskQueue: 'cadence-cancel-test',
      });
      const first = await eventually(
        async () => (await accord.tasks.findOneBy({ projectId, stepId: 'weekly-occurrence', status: 'open' })) ?? undefined,
        'the first meeting',
      );
      await accord.env.client.workflow.getHandle(first.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: first.id, actor: { userId: 'paula', roles: ['pm'] }, outcome: 'held', data: { minutes: 'week 1' }, requestId: 'held-1' }],
      });
      // The second meeting (day 7) is never held; tracking closes on day 10.
      return handle.result();
    });

    expect(result.status).toBe('completed');
    const meetings = await accord.tasks.find({ where: { projectId, stepId: 'weekly-occurrence' }, order: { createdAt: 'ASC' } });
    expect(meetings.map((meeting) => meeting.status)).toEqual(['completed', 'cancelled']);
    const cancelled = (await accord.audit(projectId)).find((event) => event.action === 'task.cancelled')!;
    expect([cancelled.subject, cancelled.reason]).toEqual([meetings[1].id, 'the cadence ended: closed']);
    const started = (await accord.audit(projectId)).find((event) => event.action === 'cadence.started')!.at.getTime();
    expect(Math.round((cancelled.at.getTime() - started) / DAY)).toBe(10);
  });

  it('closes a meeting nobody held as missed when the next is due, tells its organizer, and keeps the weekly rhythm', async () => {
    const projectId = 'c0000000-0000-4000-8000-000000000003';
    const worker = await accord.worker('cadence-missed-test');
    const result = await worker.runUntil(async () => {
      const handle = await accord.startProject(WEEKLY_UNTIL_CLOSED, { projectId, taskQueue: 'cadence-missed-test' });
      await eventually(
        async () => (await accord.tasks.findOneBy({ projectId, stepId: 'weekly-occurrence', status: 'open' })) ?? undefined,
        'the first meeting',
      );
      // Nobody holds the first meeting; the second and third are held in their week.
      await accord.sleep(7 * DAY);
      for (let week = 2; week <= 3; week++) {
        const meeting = await eventually(
          async () => (await accord.tasks.findOneBy({ projectId, stepId: 'weekly-occurrence', status: 'open' })) ?? undefined,
          `meeting ${week}`,
        );
        await accord.env.client.workflow.getHandle(meeting.workflowId).executeUpdate(completeTaskUpdate, {
          args: [
            {
              taskId: meeting.id,
              actor: { userId: 'paula', roles: ['pm'] },
              outcome: 'held',
              data: { minutes: `week ${week}` },
              requestId: `missed-test-held-${week}`,
            },
          ],
        });
        await accord.sleep(7 * DAY);
      }
      return handle.result();
    });

    expect(result.status).toBe('completed');
    const meetings = await accord.tasks.find({ where: { projectId, stepId: 'weekly-occurrence' }, order: { createdAt: 'ASC' } });
    expect(meetings.map((meeting) => meeting.status)).toEqual(['expired', 'completed', 'completed']);
    const audit = await accord.audit(projectId);
    const started = audit.find((event) => event.action === 'cadence.started')!.at.getTime();
    expect(audit.filter((event) => event.action === 'task.opened').map((event) => Math.round((event.at.getTime() - started) / DAY))).toEqual([0, 7, 14]);
    const missed = audit.filter((event) => event.action === 'cadence.missed');
    expect(missed.map((event) => [event.subject, event.reason, Math.round((event.at.getTime() - started) / DAY)])).toEqual([
      [meetings[0].id, 'not held before the next occurrence was due', 7],
    ]);
    const told = await accord.database.dataSource.getRepository(NotificationEntity).find({ where: { projectId, kind: 'message' } });
    expect(told.map((n) => [n.recipientRole, n.subject])).toEqual(expect.arrayContaining([['pm', 'Missed: Weekly sync']]));
  });
});
