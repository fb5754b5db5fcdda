import { DEFAULT_CALENDAR, TaskRejectionCode } from '@accord/contracts';
import { addDuration } from '@accord/domain';
import { InMemoryAccord, rejectionOf } from './in-memory-accord';

const DAY = 24 * 3_600_000;
const FRIDAY = 5;

/** Due and escalated in working days: opened on a Friday, every rung lands after the weekend. */
const WORKDAY_LADDER = `
key: workday-ladder
name: An escalation ladder in working days
starters: [pm]
roles: { pm: {}, qa: {}, dept_head: {} }
stages:
  - id: work
    steps:
      - id: draft
        type: task
        assignee: { role: pm }
        due: { workdays: 1 }
        escalations:
          - { after: { workdays: 1 }, do: remind }
          - { after: { workdays: 2 }, do: reassign, to: { role: qa } }
          - { after: { workdays: 3 }, do: notify, to: { role: dept_head } }
`;

/** How long from `now` until the next Friday, 10:00 UTC. */
function untilNextFriday(now: number): number {
  const friday = new Date(now);
  friday.setUTCHours(10, 0, 0, 0);
  friday.setUTCDate(friday.getUTCDate() + ((FRIDAY - friday.getUTCDay() + 7) % 7 || 7));
  return friday.getTime() - now;
}

describe('an escalation ladder on working days (in-memory activities)', () => {
  let accord: InMemoryAccord;

  beforeAll(async () => {
    accord = await InMemoryAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it("is due and escalates after the weekend: reminds the assignee, reassigns to the project's QA, then tells the department head", async () => {
    await accord.sleep(untilNextFriday(await accord.env.currentTimeMs()));
    const members = [
      { user: 'paula', role: 'pm' },
      { user: 'quinn', role: 'qa' },
    ];
    const { result, projectId } = await accord.run(
      WORKDAY_LADDER,
      async (project) => {
        const draft = await project.openTask('draft');
        expect(new Date(draft.openedAt).getUTCDay()).toBe(FRIDAY);
        expect(draft.dueAt).toBe(addDuration(new Date(draft.openedAt), { workdays: 1 }, DEFAULT_CALENDAR).toISOString());
        expect(new Date(draft.dueAt!).getUTCDay()).toBe(1);
        await accord.sleep(5.5 * DAY);
        expect(project.readModel.tasks.get(draft.id)).toMatchObject({ status: 'open', assignee: { user: 'quinn' } });
        expect(await rejectionOf(project.complete(draft, { userId: 'paula', roles: ['pm'] }, 'done'))).toMatchObject({ code: TaskRejectionCode.FORBIDDEN });
        await project.complete(draft, { userId: 'quinn', roles: ['qa'] }, 'done');
      },
      { members },
    );

    expect(result.status).toBe('completed');
    const opened = Date.parse(accord.readModel.auditOf(projectId).find((entry) => entry.action === 'task.opened')!.at);
    const ladder = accord.readModel.auditOf(projectId).filter((entry) => ['task.reminded', 'task.reassigned', 'task.escalated'].includes(entry.action));
    // Monday, Tuesday and Wednesday: three, four and five days after the Friday it opened.
    expect(ladder.map((entry) => [entry.action, Math.round((Date.parse(entry.at) - opened) / DAY)])).toEqual([
      ['task.reminded', 3],
      ['task.reassigned', 4],
      ['task.escalated', 5],
    ]);
    // Roles reach the project's members in them; nobody holds dept_head here, so the role itself is told.
    expect(accord.readModel.notificationsOf(projectId).map((notification) => [notification.kind, notification.recipient])).toEqual([
      ['reminder', { user: 'paula' }],
      ['reassigned', { user: 'quinn' }],
      ['escalation', { role: 'dept_head' }],
    ]);
  });
});
