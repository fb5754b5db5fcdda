import { completeTaskUpdate } from '@accord/contracts';
import { ActionItemEntity, MeetingEntity, NotificationEntity } from '@accord/persistence';
import { eventually } from '../support/accord-harness';
import { TimeSkippingAccord } from '../support/time-skipping-accord';

const KICKOFF = `
key: kickoff-actions
name: A meeting whose action items are followed up
starters: [pm]
calendar: { timezone: Asia/Shanghai, workdays: [mon, tue, wed, thu, fri] }
roles: { pm: {}, customer: { external: true } }
stages:
  - id: handover
    steps:
      - { id: kickoff, type: meeting, title: Kick-off, organizer: { role: pm }, attendees: [ { role: pm }, { role: customer } ] }
`;

const DAY = 24 * 3_600_000;
const PROJECT = 'ac000000-0000-4000-8000-000000000001';

describe('action items of a meeting become tasks of their owners (time-skipping test server)', () => {
  let accord: TimeSkippingAccord;

  beforeAll(async () => {
    accord = await TimeSkippingAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it('opens a task per action item, due on its date, reminds its owner when due and tells the organizer two days later; the stage does not wait', async () => {
    const worker = await accord.worker('action-items');
    await worker.runUntil(async () => {
      const handle = await accord.startProject(KICKOFF, { projectId: PROJECT, taskQueue: 'action-items' });
      const meeting = await eventually(
        async () => (await accord.tasks.findOneBy({ projectId: PROJECT, stepId: 'kickoff', status: 'open' })) ?? undefined,
        'the kick-off',
      );
      const due = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
      await accord.env.client.workflow.getHandle(meeting.workflowId).executeUpdate(completeTaskUpdate, {
        args: [
          {
            taskId: meeting.id,
            actor: { userId: 'paula', roles: ['pm'] },
            outcome: 'held',
            data: {
              minutes: 'Kicked off',
              actionItems: [
                { item: 'Send the test plan', owner: 'tom', due },
                { item: 'Book the site visit', owner: 'sam', due },
              ],
            },
            requestId: 'held',
          },
        ],
      });
      expect(await handle.result()).toEqual({ status: 'completed', stages: [{ stageId: 'handover', outcome: 'completed' }] });

      const actions = await eventually(async () => {
        const found = await accord.tasks.find({ where: { projectId: PROJECT, stepId: 'kickoff-action-1' } });
        return found.length === 1 ? found : undefined;
      }, 'the first action item');
      expect(actions[0]).toMatchObject({ title: 'Action item: Send the test plan', assigneeUser: 'tom', candidateRole: null, status: 'open' });
      // Due at 18:00 in Shanghai on its date.
      expect(actions[0].dueAt!.toISOString()).toBe(`${due}T10:00:00.000Z`);

      // Tom lets it slip: reminded when due, and the organizer (the PM) told two days later.
      await accord.sleep(8 * DAY);
      const ladder = await eventually(async () => {
        const found = (await accord.audit(PROJECT)).filter(
          (event) => event.subject === actions[0].id && ['task.reminded', 'task.escalated'].includes(event.action),
        );
        return found.length === 2 ? found : undefined;
      }, 'the reminder and the escalation');
      expect(ladder.map((event) => [event.action, event.detail.recipient])).toEqual([
        ['task.reminded', { user: 'tom' }],
        ['task.escalated', { role: 'pm' }],
      ]);
      expect(Math.round((ladder[1].at.getTime() - ladder[0].at.getTime()) / DAY)).toBe(2);

      const sam = await accord.tasks.findOneByOrFail({ projectId: PROJECT, stepId: 'kickoff-action-2' });
      await accord.env.client.workflow.getHandle(sam.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: sam.id, actor: { userId: 'sam', roles: [] }, outcome: 'done', data: {}, requestId: 'sam-done' }],
      });
      expect((await accord.tasks.findOneByOrFail({ id: sam.id })).status).toBe('completed');

      // The meeting and its items are records of their own: held with its minutes, one item done, one still owed.
      const record = await accord.database.dataSource.getRepository(MeetingEntity).findOneByOrFail({ id: meeting.id });
      expect(record).toMatchObject({
        status: 'held',
        recordedBy: 'paula',
        organizer: { role: 'pm' },
        attendees: [{ role: 'pm' }, { role: 'customer' }],
        minutes: { minutes: 'Kicked off' },
      });
      const items = await accord.database.dataSource.getRepository(ActionItemEntity).find({ where: { meetingId: meeting.id }, order: { index: 'ASC' } });
      expect(items.map((item) => [item.id, item.index, item.item, item.owner, item.due, item.status, item.closedBy])).toEqual([
        [actions[0].id, 1, 'Send the test plan', 'tom', due, 'open', null],
        [sam.id, 2, 'Book the site visit', 'sam', due, 'done', 'sam'],
      ]);
      const told = await eventually(
        async () =>
          (await accord.database.dataSource
            .getRepository(NotificationEntity)
            .findOneBy({ projectId: PROJECT, subject: 'Action item done: Book the site visit' })) ?? undefined,
        'the organizer told',
      );
      expect([told.recipientRole, told.body]).toEqual(['pm', '"Book the site visit" from the meeting kickoff was marked done by sam.']);
    });
  });
});
