import { completeTaskUpdate, type ProjectMember, taskActionUpdate } from '@accord/contracts';
import { NotificationEntity } from '@accord/persistence';
import { eventually } from '../support/accord-harness';
import { TimeSkippingAccord } from '../support/time-skipping-accord';

const DAY = 24 * 3_600_000;

/** One definition for every project: who is reminded and who gets the task depends on each project's members. */
const LADDER = `
key: role-ladder
name: Escalations to the project's member in a role
starters: [pm]
roles: { pm: {}, qa: {}, dept_head: {}, customer: { external: true } }
stages:
  - id: work
    steps:
      - id: draft
        type: task
        assignee: { role: pm }
        escalations:
          - { after: P1D, do: remind }
          - { after: P2D, do: reassign, to: { role: qa } }
          - { after: P3D, do: notify, to: { role: dept_head } }
`;

const SIGNATURE = `
key: role-timeout
name: A signature escalated to the project's department head
starters: [pm]
roles: { pm: {}, dept_head: {}, customer: { external: true } }
stages:
  - id: sign
    steps:
      - id: signature
        type: approval
        policy: { kind: single, approvers: [ { role: customer } ] }
        timeout: { after: P3D, outcome: escalate, to: { role: dept_head } }
`;

const members = (pairs: [user: string, role: string][]): ProjectMember[] => pairs.map(([user, role]) => ({ user, role }));

describe("escalations to a role reach the project's members in it (time-skipping test server)", () => {
  let accord: TimeSkippingAccord;

  beforeAll(async () => {
    accord = await TimeSkippingAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const complete = (task: { id: string; workflowId: string }, actor: { userId: string; roles: string[] }, outcome: string) =>
    accord.env.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.id, actor, outcome, data: {}, requestId: `${task.id}:${actor.userId}` }],
    });

  const openTask = (projectId: string, stepId: string) =>
    eventually(async () => (await accord.tasks.findOneBy({ projectId, stepId, status: 'open' })) ?? undefined, `the ${stepId} task`);

  async function run(source: string, projectId: string, team: ProjectMember[], script: () => Promise<void>) {
    const worker = await accord.worker(`queue-${projectId}`);
    const result = await worker.runUntil(async () => {
      const handle = await accord.startProject(source, { projectId, taskQueue: `queue-${projectId}`, members: team });
      await script();
      return handle.result();
    });
    const notifications = await accord.database.dataSource
      .getRepository(NotificationEntity)
      .find({ where: { projectId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { result, audit: await accord.audit(projectId), notifications: notifications.map((n) => [n.kind, n.recipientUser ?? `role:${n.recipientRole}`]) };
  }

  it("reminds the project's manager, hands the task to its quality lead and tells each of its department heads", async () => {
    const projectId = 'b0e10000-0000-4000-8000-000000000001';
    const team = members([
      ['paula', 'pm'],
      ['quinn', 'qa'],
      ['dana', 'dept_head'],
      ['dave', 'dept_head'],
    ]);
    const { result, audit, notifications } = await run(LADDER, projectId, team, async () => {
      const draft = await openTask(projectId, 'draft');
      await accord.sleep(3.5 * DAY);
      expect(await accord.tasks.findOneByOrFail({ id: draft.id })).toMatchObject({ status: 'open', assigneeUser: 'quinn', candidateRole: null });
      await complete(draft, { userId: 'quinn', roles: ['qa'] }, 'done');
    });

    expect(result.status).toBe('completed');
    expect(notifications).toEqual([
      ['reminder', 'paula'],
      ['reassigned', 'quinn'],
      ['escalation', 'dana'],
      ['escalation', 'dave'],
    ]);
    const reassigned = audit.find((event) => event.action === 'task.reassigned')!;
    expect(reassigned.detail).toMatchObject({ from: { role: 'pm' }, to: { user: 'quinn' }, members: ['quinn'] });
    expect(audit.filter((event) => event.action === 'task.escalated').map((event) => event.detail)).toEqual([
      { recipient: { role: 'dept_head' }, kind: 'escalation', members: ['dana', 'dave'] },
    ]);
  });

  it('reaches other people in another project on the same definition', async () => {
    const projectId = 'b0e10000-0000-4000-8000-000000000002';
    const team = members([
      ['peter', 'pm'],
      ['quentin', 'qa'],
      ['dora', 'dept_head'],
    ]);
    const { notifications } = await run(LADDER, projectId, team, async () => {
      const draft = await openTask(projectId, 'draft');
      await accord.sleep(3.5 * DAY);
      await complete(draft, { userId: 'quentin', roles: ['qa'] }, 'done');
    });

    expect(notifications).toEqual([
      ['reminder', 'peter'],
      ['reassigned', 'quentin'],
      ['escalation', 'dora'],
    ]);
  });

  it('falls back to the role when the project has nobody in it, says so in the audit, and goes on', async () => {
    const projectId = 'b0e10000-0000-4000-8000-000000000003';
    const { result, audit, notifications } = await run(LADDER, projectId, members([['paula', 'pm']]), async () => {
      const draft = await openTask(projectId, 'draft');
      await accord.sleep(3.5 * DAY);
      expect(await accord.tasks.findOneByOrFail({ id: draft.id })).toMatchObject({ status: 'open', assigneeUser: null, candidateRole: 'qa' });
      await complete(draft, { userId: 'quinn', roles: ['qa'] }, 'done');
    });

    expect(result.status).toBe('completed');
    expect(notifications).toEqual([
      ['reminder', 'paula'],
      ['reassigned', 'role:qa'],
      ['escalation', 'role:dept_head'],
    ]);
    const reassigned = audit.find((event) => event.action === 'task.reassigned')!;
    expect([reassigned.reason, reassigned.detail]).toEqual([
      'escalation: not done in time; nobody holds role qa in this project, so it went to the role',
      { from: { role: 'pm' }, to: { role: 'qa' }, members: [], fallback: 'role' },
    ]);
    const escalated = audit.find((event) => event.action === 'task.escalated')!;
    expect(escalated.reason).toBe('nobody holds role dept_head in this project, so it went to the role');
  });

  it('offers the task to the role when several of the project hold it, and tells each of them', async () => {
    const projectId = 'b0e10000-0000-4000-8000-000000000006';
    const team = members([
      ['paula', 'pm'],
      ['quinn', 'qa'],
      ['quincy', 'qa'],
    ]);
    const source = LADDER.replace('          - { after: P3D, do: notify, to: { role: dept_head } }\n', '');
    const { audit, notifications } = await run(source, projectId, team, async () => {
      const draft = await openTask(projectId, 'draft');
      await accord.sleep(2.5 * DAY);
      expect(await accord.tasks.findOneByOrFail({ id: draft.id })).toMatchObject({ status: 'open', assigneeUser: null, candidateRole: 'qa' });
      await complete(draft, { userId: 'quincy', roles: ['qa'] }, 'done');
    });

    expect(notifications).toEqual([
      ['reminder', 'paula'],
      ['reassigned', 'quincy'],
      ['reassigned', 'quinn'],
    ]);
    expect(audit.find((event) => event.action === 'task.reassigned')!.detail).toMatchObject({ to: { role: 'qa' }, members: ['quincy', 'quinn'] });
  });

  it("reminds whoever claimed a task offered to a role, not the role's pool", async () => {
    const projectId = 'b0e10000-0000-4000-8000-000000000004';
    const team = members([
      ['paula', 'pm'],
      ['pete', 'pm'],
      ['quinn', 'qa'],
    ]);
    const source = LADDER.replace(/ {10}- \{ after: P2D[\s\S]*$/, '');
    const { notifications } = await run(source, projectId, team, async () => {
      const draft = await openTask(projectId, 'draft');
      await accord.env.client.workflow.getHandle(draft.workflowId).executeUpdate(taskActionUpdate, {
        args: [{ taskId: draft.id, actor: { userId: 'pete', roles: ['pm'] }, action: { kind: 'claim' }, requestId: 'claim-draft' }],
      });
      await accord.sleep(1.5 * DAY);
      await complete(draft, { userId: 'pete', roles: ['pm'] }, 'done');
    });

    expect(notifications).toEqual([['reminder', 'pete']]);
  });

  it("hands an approval that timed out to the project's department head", async () => {
    const projectId = 'b0e10000-0000-4000-8000-000000000005';
    const { result } = await run(SIGNATURE, projectId, members([['dana', 'dept_head']]), async () => {
      const signature = await openTask(projectId, 'signature');
      await accord.sleep(3.5 * DAY);
      expect(await accord.tasks.findOneByOrFail({ id: signature.id })).toMatchObject({ status: 'open', assigneeUser: 'dana' });
      await complete(signature, { userId: 'dana', roles: ['dept_head'] }, 'approve');
    });
    expect(result.status).toBe('completed');
  });
});
