import { createActivities } from '@accord/activities';
import type { AuditEntry, OpenedTask } from '@accord/contracts';
import { ActionItemEntity, AuditEventEntity, MeetingEntity, TaskEntity } from '@accord/persistence';
import { statementsOf } from '../support/statement-count';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PROJECT = 'f0000000-0000-4000-8000-0000000000c1';
const OPENED = '2026-12-14T09:00:00.000Z';
const CLOSED = '2026-12-14T10:30:00.000Z';

const audit = (id: string, fields: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  projectId: PROJECT,
  at: CLOSED,
  action: 'task.completed',
  actor: 'paula',
  subject: id.split('#')[0],
  detail: {},
  ...fields,
});

describe('closeTask (real PostgreSQL)', () => {
  let database: TestDatabase;
  let sut: ReturnType<typeof createActivities>;
  let opened = 0;

  /** Opens a task of its own for each test, as the workflow does, with what the test adds to it. */
  const openTask = async (extra: Partial<OpenedTask> = {}): Promise<string> => {
    const id = `${PROJECT}:track:1:step-${++opened}:1`;
    await sut.openTask({
      id,
      projectId: PROJECT,
      workflowId: `project/${PROJECT}/stage/track/1`,
      stageId: 'track',
      stepId: `step-${opened}`,
      kind: 'task',
      title: `Step ${opened}`,
      assignee: { role: 'pm' },
      outcomes: ['done'],
      priority: 'normal',
      openedAt: OPENED,
      ...extra,
      audit: audit(`${id}#opened`, { action: 'task.opened', at: OPENED, actor: 'system' }),
    });
    return id;
  };
  const task = (id: string) => database.dataSource.getRepository(TaskEntity).findOneByOrFail({ id });
  const auditOf = (id: string) => database.dataSource.getRepository(AuditEventEntity).findBy({ subject: id });

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = createActivities({ dataSource: database.dataSource });
    await sut.recordProjectStarted({
      projectId: PROJECT,
      name: 'Closing',
      definitionKey: 'closing',
      definitionVersion: 1,
      workflowId: `project/${PROJECT}`,
      startedBy: 'paula',
      members: [{ user: 'paula', role: 'pm' }],
      at: OPENED,
      audit: audit(`${PROJECT}#started`, { action: 'project.started', at: OPENED }),
    });
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('records the decision on the task and its audit entry together', async () => {
    const id = await openTask();
    await sut.closeTask({
      taskId: id,
      status: 'completed',
      at: CLOSED,
      completedBy: 'paula',
      outcome: 'done',
      data: { note: 'signed', goals: [{ title: 'Uptime 99.9%' }] },
      comment: 'looks right',
      requestId: 'req-1',
      audit: audit(`${id}#completed`, { requestId: 'req-1', reason: 'looks right', detail: { outcome: 'done' } }),
    });

    expect(await task(id)).toMatchObject({
      status: 'completed',
      closedAt: new Date(CLOSED),
      completedBy: 'paula',
      outcome: 'done',
      completionData: { note: 'signed', goals: [{ title: 'Uptime 99.9%' }] },
      comment: 'looks right',
      completionRequestId: 'req-1',
    });
    const entries = await auditOf(id);
    expect(entries.map((entry) => entry.action)).toEqual(['task.opened', 'task.completed']);
    expect(entries[1]).toMatchObject({ actor: 'paula', at: new Date(CLOSED), reason: 'looks right', requestId: 'req-1', detail: { outcome: 'done' } });
  });

  it('closes a task in one statement, so a decision waits for one round trip to PostgreSQL', async () => {
    const id = await openTask();
    const statements = await statementsOf(database.dataSource, () =>
      sut.closeTask({ taskId: id, status: 'completed', at: CLOSED, completedBy: 'paula', outcome: 'done', audit: audit(`${id}#completed`) }),
    );

    expect(statements).toHaveLength(1);
    expect(await task(id)).toMatchObject({ status: 'completed', completedBy: 'paula' });
  });

  it('leaves a task closed without data with no completion data at all, not a JSON null', async () => {
    const id = await openTask();
    await sut.closeTask({ taskId: id, status: 'expired', at: CLOSED, audit: audit(`${id}#expired`, { action: 'task.cancelled', actor: 'system' }) });

    const [row]: { completion_data_is_null: boolean }[] = await database.dataSource.query(
      'SELECT completion_data IS NULL AS completion_data_is_null FROM tasks WHERE id = $1',
      [id],
    );
    expect(row.completion_data_is_null).toBe(true);
    expect(await task(id)).toMatchObject({ status: 'expired', completedBy: null, outcome: null, comment: null });
  });

  it('writes nothing twice when Temporal retries it, and never reopens or rewrites a closed task', async () => {
    const id = await openTask();
    const completion = {
      taskId: id,
      status: 'completed' as const,
      at: CLOSED,
      completedBy: 'paula',
      outcome: 'done',
      audit: audit(`${id}#completed`),
    };
    await sut.closeTask(completion);
    await sut.closeTask(completion);
    await sut.closeTask({ taskId: id, status: 'cancelled', at: '2026-12-15T08:00:00.000Z', audit: audit(`${id}#cancelled`, { action: 'task.cancelled' }) });

    expect(await task(id)).toMatchObject({ status: 'completed', completedBy: 'paula', closedAt: new Date(CLOSED) });
    expect((await auditOf(id)).map((entry) => entry.id)).toEqual([`${id}#opened`, `${id}#completed`, `${id}#cancelled`]);
  });

  it('marks a meeting held with its minutes when its organizer records it', async () => {
    const id = await openTask({ kind: 'meeting', meeting: { attendees: [{ role: 'customer' }] }, agenda: ['progress'] });
    await sut.closeTask({
      taskId: id,
      status: 'completed',
      record: 'meeting',
      at: CLOSED,
      completedBy: 'paula',
      outcome: 'held',
      data: { summary: 'on track' },
      audit: audit(`${id}#completed`),
    });

    expect(await database.dataSource.getRepository(MeetingEntity).findOneByOrFail({ id })).toMatchObject({
      status: 'held',
      heldAt: new Date(CLOSED),
      recordedBy: 'paula',
      minutes: { summary: 'on track' },
    });
  });

  it('marks a meeting nobody held as cancelled, with no minutes', async () => {
    const id = await openTask({ kind: 'meeting', meeting: { attendees: [] } });
    await sut.closeTask({ taskId: id, status: 'cancelled', record: 'meeting', at: CLOSED, audit: audit(`${id}#cancelled`, { action: 'task.cancelled' }) });

    expect(await database.dataSource.getRepository(MeetingEntity).findOneByOrFail({ id })).toMatchObject({
      status: 'cancelled',
      heldAt: null,
      recordedBy: null,
      minutes: null,
    });
  });

  it.each([
    ['completed', 'done', 'oscar'],
    ['cancelled', 'cancelled', null],
  ] as const)('closes an action item whose task was %s as %s', async (status, itemStatus, by) => {
    const meetingId = await openTask({ kind: 'meeting', meeting: { attendees: [] } });
    const id = await openTask({ actionItem: { meetingId, index: 1, item: 'Send the plan', owner: 'oscar', due: '2026-12-18' } });
    await sut.closeTask({
      taskId: id,
      status,
      record: 'action-item',
      at: CLOSED,
      completedBy: by ?? undefined,
      audit: audit(`${id}#closed`, { action: status === 'completed' ? 'task.completed' : 'task.cancelled' }),
    });

    expect(await database.dataSource.getRepository(ActionItemEntity).findOneByOrFail({ id })).toMatchObject({
      status: itemStatus,
      closedAt: new Date(CLOSED),
      closedBy: by,
    });
  });
});
