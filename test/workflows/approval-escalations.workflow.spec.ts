import { completeTaskUpdate, DEFAULT_CALENDAR } from '@accord/contracts';
import { addDuration } from '@accord/domain';
import { MeetingEntity, NotificationEntity } from '@accord/persistence';
import { eventually } from '../support/accord-harness';
import { TimeSkippingAccord } from '../support/time-skipping-accord';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const definition = (steps: string) => `
key: ladders
name: Due dates and ladders on approvals and meetings
starters: [pm]
variables: { closed: { type: boolean, default: false } }
roles: { pm: {}, qa: {}, dept_head: {}, customer: { external: true } }
stages:
  - id: work
    steps:
${steps}
`;

const SEQUENTIAL_REVIEW = definition(`
      - id: review
        type: approval
        policy: { kind: sequential, approvers: [ { role: qa }, { role: pm } ] }
        due: { workdays: 2 }
        escalations:
          - { after: P1D, do: remind }
          - { after: P3D, do: notify, to: { role: dept_head } }
`);

const KICK_OFF = definition(`
      - id: kick-off
        type: meeting
        title: Kick-off
        organizer: { role: pm }
        attendees: [ { role: customer } ]
        actionItems: false
        due: { workdays: 1 }
        escalations:
          - { after: P1D, do: remind }
          - { after: P2D, do: reassign, to: { user: quinn } }
`);

/** The organizer's clock stops while the customer's signature is open in the other branch. */
const KICK_OFF_BESIDE_SIGNATURE = definition(`
      - id: both
        type: parallel
        join: all
        branches:
          - id: customer-side
            steps:
              - { id: signature, type: task, assignee: { role: customer } }
          - id: company-side
            steps:
              - id: kick-off
                type: meeting
                title: Kick-off
                organizer: { role: pm }
                attendees: [ { role: customer } ]
                actionItems: false
                pauseWhileWaitingOnExternal: true
                escalations: [ { after: P1D, do: remind } ]
`);

const WEEKLY_WITH_LADDER = definition(`
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
                step:
                  type: meeting
                  title: Weekly sync
                  organizer: { role: pm }
                  attendees: [ { role: customer } ]
                  actionItems: false
                  escalations: [ { after: P1D, do: remind }, { after: P9D, do: notify, to: { role: dept_head } } ]
          - id: closing
            steps:
              - { id: wait, type: timer, duration: P10D }
              - { id: close, type: service, action: set-variables, with: { closed: true } }
`);

type Actor = { userId: string; roles: string[] };

describe('due dates and escalation ladders on approvals and meetings (time-skipping test server)', () => {
  let accord: TimeSkippingAccord;

  beforeAll(async () => {
    accord = await TimeSkippingAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const decide = (task: { id: string; workflowId: string }, actor: Actor, outcome: string, data: Record<string, unknown> = {}) =>
    accord.env.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.id, actor, outcome, data, requestId: `${task.id}:${actor.userId}` }],
    });

  const openTask = (projectId: string, stepId: string, what = stepId) =>
    eventually(async () => (await accord.tasks.findOneBy({ projectId, stepId, status: 'open' })) ?? undefined, `the open ${what} task`);

  async function run(source: string, projectId: string, script: () => Promise<void>) {
    const worker = await accord.worker(`queue-${projectId}`);
    const result = await worker.runUntil(async () => {
      const handle = await accord.startProject(source, { projectId, taskQueue: `queue-${projectId}` });
      await script();
      return handle.result();
    });
    const notifications = await accord.database.dataSource.getRepository(NotificationEntity).find({ where: { projectId }, order: { createdAt: 'ASC' } });
    return { result, audit: await accord.audit(projectId), notifications };
  }

  it('gives each approver slot its due date, counted from its turn, and walks its ladder', async () => {
    const projectId = 'a1ad0000-0000-4000-8000-000000000001';
    const { result, audit, notifications } = await run(SEQUENTIAL_REVIEW, projectId, async () => {
      const first = await openTask(projectId, 'review', 'first approver');
      expect(first.dueAt).toEqual(addDuration(first.createdAt, { workdays: 2 }, DEFAULT_CALENDAR));
      await accord.sleep(3.5 * DAY);
      await decide(first, { userId: 'quinn', roles: ['qa'] }, 'approve');
      const second = await eventually(
        async () => (await accord.tasks.findOneBy({ projectId, stepId: 'review', status: 'open', candidateRole: 'pm' })) ?? undefined,
        'the second approver',
      );
      expect(second.dueAt).toEqual(addDuration(second.createdAt, { workdays: 2 }, DEFAULT_CALENDAR));
      await decide(second, { userId: 'paula', roles: ['pm'] }, 'approve');
    });

    expect(result.status).toBe('completed');
    expect(notifications.map((n) => [n.kind, n.recipientRole])).toEqual([
      ['reminder', 'qa'],
      ['escalation', 'dept_head'],
    ]);
    const opened = audit.find((event) => event.action === 'task.opened')!.at.getTime();
    const ladder = audit.filter((event) => ['task.reminded', 'task.escalated'].includes(event.action));
    expect(ladder.map((event) => [event.action, Math.round((event.at.getTime() - opened) / DAY)])).toEqual([
      ['task.reminded', 1],
      ['task.escalated', 3],
    ]);
  });

  it('reminds the organizer to record the meeting, then hands the record to someone else', async () => {
    const projectId = 'a1ad0000-0000-4000-8000-000000000002';
    const { result, notifications } = await run(KICK_OFF, projectId, async () => {
      const meeting = await openTask(projectId, 'kick-off');
      expect(meeting.dueAt).toEqual(addDuration(meeting.createdAt, { workdays: 1 }, DEFAULT_CALENDAR));
      await accord.sleep(2.5 * DAY);
      expect(await accord.tasks.findOneByOrFail({ id: meeting.id })).toMatchObject({ status: 'open', assigneeUser: 'quinn', candidateRole: null });
      await decide(meeting, { userId: 'quinn', roles: ['qa'] }, 'held', { minutes: 'Held without the organizer' });
    });

    expect(result.status).toBe('completed');
    expect(notifications.filter((n) => n.kind !== 'invitation').map((n) => [n.kind, n.recipientRole ?? n.recipientUser])).toEqual([
      ['reminder', 'pm'],
      ['reassigned', 'quinn'],
    ]);
    const [meeting] = await accord.database.dataSource.getRepository(MeetingEntity).find({ where: { projectId } });
    expect(meeting).toMatchObject({ status: 'held', recordedBy: 'quinn' });
  });

  it("stops the organizer's clock while the customer's part is open, and reminds on the time that counted", async () => {
    const projectId = 'a1ad0000-0000-4000-8000-000000000003';
    const { result, audit } = await run(KICK_OFF_BESIDE_SIGNATURE, projectId, async () => {
      const meeting = await openTask(projectId, 'kick-off');
      await eventually(async () => ((await accord.tasks.findOneByOrFail({ id: meeting.id })).pausedSince ? true : undefined), 'the pause');
      await accord.sleep(3 * DAY);
      await decide(await openTask(projectId, 'signature'), { userId: 'carl', roles: ['customer'] }, 'done');
      await accord.sleep(2 * DAY);
      await decide(meeting, { userId: 'paula', roles: ['pm'] }, 'held');
    });

    expect(result.status).toBe('completed');
    const meeting = await accord.tasks.findOneByOrFail({ projectId, stepId: 'kick-off' });
    const opened = meeting.createdAt.getTime();
    const timeline = audit
      .filter((event) => event.subject === meeting.id && ['task.paused', 'task.resumed', 'task.reminded'].includes(event.action))
      .map((event) => [event.action, Math.round((event.at.getTime() - opened) / DAY)]);
    expect(timeline).toEqual([
      ['task.paused', 0],
      ['task.resumed', 3],
      ['task.reminded', 4],
    ]);
  });

  it('runs the ladder of each meeting of a cadence, and drops it with a meeting that was missed or cancelled', async () => {
    const projectId = 'a1ad0000-0000-4000-8000-000000000004';
    const { result, audit, notifications } = await run(WEEKLY_WITH_LADDER, projectId, async () => {
      await openTask(projectId, 'weekly-occurrence', 'first meeting');
    });

    expect(result.status).toBe('completed');
    const meetings = await accord.tasks.find({ where: { projectId, stepId: 'weekly-occurrence' }, order: { createdAt: 'ASC' } });
    expect(meetings.map((meeting) => meeting.status)).toEqual(['expired', 'cancelled']);
    const started = audit.find((event) => event.action === 'cadence.started')!.at.getTime();
    const reminded = audit
      .filter((event) => event.action === 'task.reminded')
      .map((event) => [event.subject, Math.round((event.at.getTime() - started) / DAY)]);
    expect(reminded).toEqual([
      [meetings[0].id, 1],
      [meetings[1].id, 8],
    ]);
    // The day-9 rung of the first meeting died with it on day 7: nobody is told about a meeting already closed.
    expect(notifications.filter((n) => n.kind === 'escalation')).toEqual([]);
  });
});
