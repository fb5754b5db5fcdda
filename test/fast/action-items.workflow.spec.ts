import { InMemoryAccord } from './in-memory-accord';

const DAY = 24 * 3_600_000;

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

describe('action items of a meeting, followed in child workflows (in-memory activities)', () => {
  let accord: InMemoryAccord;

  beforeAll(async () => {
    accord = await InMemoryAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it('opens a task per action item due on its date, reminds its owner when due, tells the organizer two days later, and that it is done', async () => {
    const { result, projectId } = await accord.run(KICKOFF, async (project) => {
      const meeting = await project.openTask('kickoff');
      const due = new Date((await accord.env.currentTimeMs()) + 5 * DAY).toISOString().slice(0, 10);
      const actionItems = [
        { item: 'Send the test plan', owner: 'tom', due },
        { item: 'Book the site visit', owner: 'sam', due },
      ];
      await project.complete(meeting, { userId: 'paula', roles: ['pm'] }, 'held', { minutes: 'Kicked off', actionItems });
      // The stage does not wait for its action items.
      expect(await project.handle.result()).toEqual({ status: 'completed', stages: [{ stageId: 'handover', outcome: 'completed' }] });

      const [tom, sam] = await Promise.all([project.openTask('kickoff-action-1'), project.openTask('kickoff-action-2')]);
      expect(tom).toMatchObject({
        title: 'Action item: Send the test plan',
        assignee: { user: 'tom' },
        actionItem: { meetingId: meeting.id, index: 1, owner: 'tom', due },
      });
      // Due at 18:00 in Shanghai on its date.
      expect(tom.dueAt).toBe(`${due}T10:00:00.000Z`);
      expect(tom.workflowId).not.toBe(meeting.workflowId);

      await accord.sleep(8 * DAY);
      await project.complete(sam, { userId: 'sam', roles: [] }, 'done');
      await project.readModel.waitFor(
        () => project.readModel.notificationsOf(project.projectId).find((notification) => notification.subject === 'Action item done: Book the site visit'),
        'the organizer told',
      );
    });

    expect(result.status).toBe('completed');
    const tomsTask = accord.readModel.tasksOf(projectId).find((task) => task.stepId === 'kickoff-action-1')!;
    const ladder = accord.readModel
      .auditOf(projectId)
      .filter((entry) => entry.subject === tomsTask.id && ['task.reminded', 'task.escalated'].includes(entry.action));
    expect(ladder.map((entry) => [entry.action, entry.detail.recipient])).toEqual([
      ['task.reminded', { user: 'tom' }],
      ['task.escalated', { role: 'pm' }],
    ]);
    expect(Math.round((Date.parse(ladder[1].at) - Date.parse(ladder[0].at)) / DAY)).toBe(2);
    expect(accord.readModel.tasksOf(projectId).map((task) => [task.stepId, task.status])).toEqual([
      ['kickoff', 'completed'],
      ['kickoff-action-1', 'open'],
      ['kickoff-action-2', 'completed'],
    ]);
    const told = accord.readModel.notificationsOf(projectId).find((notification) => notification.subject === 'Action item done: Book the site visit')!;
    expect([told.recipient, told.body]).toEqual([{ role: 'pm' }, '"Book the site visit" from the meeting kickoff was marked done by sam.']);
  });
});
