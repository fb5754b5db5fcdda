import { temporal } from '@temporalio/proto';
import { InMemoryAccord } from './in-memory-accord';

const { EventType } = temporal.api.enums.v1;

const DAY = 24 * 3_600_000;

const weeklyUntilClosed = (closesAfter: string) => `
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
                onNonWorkingDay: keep
                until: closed
                step: { type: meeting, title: Weekly sync, organizer: { role: pm }, attendees: [ { role: pm }, { role: customer } ], agenda: [Progress, Risks] }
          - id: closing
            steps:
              - { id: wait, type: timer, duration: ${closesAfter} }
              - { id: close, type: service, action: set-variables, with: { closed: true } }
`;

const PAULA = { userId: 'paula', roles: ['pm'] };

describe('meetings on a cadence (in-memory activities)', () => {
  let accord: InMemoryAccord;

  beforeAll(async () => {
    accord = await InMemoryAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it('holds an occurrence every week, invites its attendees with the agenda, and stops when a service step sets the variable', async () => {
    const { result, projectId } = await accord.run(weeklyUntilClosed('P20D'), async (project) => {
      for (let week = 1; week <= 3; week++) {
        const meeting = await project.openTask('weekly-occurrence');
        expect(meeting).toMatchObject({ kind: 'meeting', title: 'Weekly sync', assignee: { role: 'pm' }, agenda: ['Progress', 'Risks'] });
        await project.complete(meeting, PAULA, 'held', { minutes: `week ${week}` });
        await accord.sleep(7 * DAY);
      }
    });

    expect(result.status).toBe('completed');
    const audit = accord.readModel.auditOf(projectId);
    const started = Date.parse(audit.find((entry) => entry.action === 'cadence.started')!.at);
    const daysIn = (at: string) => Math.round((Date.parse(at) - started) / DAY);
    expect(accord.readModel.tasksOf(projectId).map((task) => [daysIn(task.openedAt), task.status, task.data])).toEqual([
      [0, 'completed', { minutes: 'week 1' }],
      [7, 'completed', { minutes: 'week 2' }],
      [14, 'completed', { minutes: 'week 3' }],
    ]);
    const closed = audit.find((entry) => entry.action === 'variables.set')!;
    expect([closed.detail, daysIn(closed.at)]).toEqual([{ closed: true }, 20]);
    expect(audit.find((entry) => entry.action === 'cadence.ended')!.detail).toEqual({ occurrences: 3 });
    const invitations = accord.readModel.notificationsOf(projectId).filter((notification) => notification.kind === 'invitation');
    expect(invitations.map((invitation) => invitation.recipient)).toEqual([
      { role: 'pm' },
      { role: 'customer' },
      { role: 'pm' },
      { role: 'customer' },
      { role: 'pm' },
      { role: 'customer' },
    ]);
    expect(invitations[0].body).toContain('Agenda: Progress; Risks.');
  });

  it('cancels the occurrence still open when the cadence ends, so the stage does not wait for it', async () => {
    const { result, projectId } = await accord.run(weeklyUntilClosed('P10D'), async (project) => {
      await project.complete(await project.openTask('weekly-occurrence'), PAULA, 'held', { minutes: 'week 1' });
      // The second meeting (day 7) is never held; tracking closes on day 10.
    });

    expect(result.status).toBe('completed');
    const [, second] = accord.readModel.tasksOf(projectId);
    expect(accord.readModel.tasksOf(projectId).map((task) => task.status)).toEqual(['completed', 'cancelled']);
    const cancelled = accord.readModel.auditOf(projectId).find((entry) => entry.action === 'task.cancelled')!;
    expect([cancelled.subject, cancelled.reason]).toEqual([second.id, 'the cadence ended: closed']);
  });

  it('ends while it waits for the next meeting without cancelling that timer, a cancel the time-skipping server may refuse', async () => {
    const { result, projectId } = await accord.run(weeklyUntilClosed('P3D'), async (project) => {
      await project.complete(await project.openTask('weekly-occurrence'), PAULA, 'held', { minutes: 'week 1' });
      // Tracking closes on day 3, while the cadence waits for day 7.
    });

    expect(result.status).toBe('completed');
    const audit = accord.readModel.auditOf(projectId);
    expect(audit.find((entry) => entry.action === 'cadence.ended')!.detail).toEqual({ occurrences: 1 });
    const cadence = audit.find((entry) => entry.action === 'cadence.started')!.detail.workflowId as string;
    const { events } = await accord.env.client.workflow.getHandle(cadence).fetchHistory();
    const timers = (events ?? [])
      .map((event) => event.eventType)
      .filter((type) => type === EventType.EVENT_TYPE_TIMER_STARTED || type === EventType.EVENT_TYPE_TIMER_CANCELED);
    // The held meeting's wait for the next one is cancelled; the wait for day 7 is left to lapse.
    expect(timers).toEqual([EventType.EVENT_TYPE_TIMER_STARTED, EventType.EVENT_TYPE_TIMER_CANCELED, EventType.EVENT_TYPE_TIMER_STARTED]);
  });
});
