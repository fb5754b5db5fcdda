import { createActivities } from '@accord/activities';
import { AccessRepository, TasksRepository } from '@accord/persistence';
import { statementsOf } from '../support/statement-count';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PROJECT = 'f0000000-0000-4000-8000-0000000000d1';
const AT = '2026-12-14T09:00:00.000Z';
const TASK = `${PROJECT}:set:1:goals:1`;

/** A task and the caller's roles in its project, read together for every decision (issue 16), on real PostgreSQL. */
describe(TasksRepository.name, () => {
  let database: TestDatabase;
  let sut: TasksRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = new TasksRepository(database.dataSource);
    const activities = createActivities({ dataSource: database.dataSource });
    const audit = (id: string) => ({ id, projectId: PROJECT, at: AT, action: 'project.started' as const, actor: 'paula', detail: {} });
    await activities.recordProjectStarted({
      projectId: PROJECT,
      name: 'Roles',
      definitionKey: 'roles',
      definitionVersion: 1,
      workflowId: `project/${PROJECT}`,
      startedBy: 'paula',
      members: [
        { user: 'paula', role: 'pm' },
        { user: 'paula', role: 'qa' },
        { user: 'paula', role: 'customer' },
        { user: 'carl', role: 'customer' },
      ],
      at: AT,
      audit: audit(`${PROJECT}#started`),
    });
    await activities.openTask({
      id: TASK,
      projectId: PROJECT,
      workflowId: `project/${PROJECT}/stage/set/1`,
      stageId: 'set',
      stepId: 'goals',
      kind: 'task',
      title: 'Goals',
      assignee: { role: 'pm' },
      outcomes: ['done'],
      priority: 'normal',
      openedAt: AT,
      audit: { ...audit(`${TASK}#opened`), action: 'task.opened' },
    });
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('reads a task and the roles its caller holds in the task’s project in one statement', async () => {
    let found: Awaited<ReturnType<TasksRepository['findWithCallerRoles']>> = null;
    const statements = await statementsOf(
      database.dataSource,
      async () => (found = await sut.findWithCallerRoles(TASK, { userId: 'paula', roles: ['pm', 'qa'] })),
    );

    expect(statements).toHaveLength(1);
    expect(found).toMatchObject({ task: { id: TASK, stepId: 'goals', candidateRole: 'pm', status: 'open' }, callerRoles: ['pm', 'qa'] });
  });

  it.each([
    ['a member whose credential leaves out some of their roles', { userId: 'paula', roles: ['qa'] }, ['qa']],
    ['a customer whose credential claims more', { userId: 'carl', roles: ['customer', 'pm'] }, ['customer']],
    ['no member of the project', { userId: 'olga', roles: ['pm'] }, []],
    ['a credential with no roles', { userId: 'paula', roles: [] }, []],
  ])('answers the roles the access repository confirms, for %s', async (_, caller, expected) => {
    const found = await sut.findWithCallerRoles(TASK, caller);
    const confirmed = (await new AccessRepository(database.dataSource).rolesIn(caller, [PROJECT])).get(PROJECT) ?? [];

    expect(found?.callerRoles).toEqual(expected);
    expect(confirmed).toEqual(expected);
  });

  it('answers nothing for a task that does not exist', async () => {
    expect(await sut.findWithCallerRoles(`${PROJECT}:set:1:nothing:1`, { userId: 'paula', roles: ['pm'] })).toBeNull();
  });
});
