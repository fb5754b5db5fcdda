import { createActivities } from '@accord/activities';
import type { ProjectMember } from '@accord/contracts';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const NORTH = 'f0000000-0000-4000-8000-000000000001';
const SOUTH = 'f0000000-0000-4000-8000-000000000002';
const AT = '2026-12-11T09:00:00.000Z';

describe('projectMembersInRole (real PostgreSQL)', () => {
  let database: TestDatabase;
  let sut: ReturnType<typeof createActivities>;

  const startProject = (projectId: string, members: ProjectMember[]) =>
    sut.recordProjectStarted({
      projectId,
      name: `Project ${projectId.slice(-1)}`,
      definitionKey: 'role-ladder',
      definitionVersion: 1,
      workflowId: `project/${projectId}`,
      startedBy: 'paula',
      members,
      at: AT,
      audit: { id: `${projectId}:started`, projectId, at: AT, action: 'project.started', actor: 'paula', detail: {} },
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = createActivities({ dataSource: database.dataSource });
    await startProject(NORTH, [
      { user: 'quinn', role: 'qa' },
      { user: 'dave', role: 'dept_head' },
      { user: 'dana', role: 'dept_head' },
      { user: 'paula', role: 'pm' },
    ]);
    await startProject(SOUTH, [{ user: 'quentin', role: 'qa' }]);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("answers the project's own members in the role, by user id", async () => {
    expect(await sut.projectMembersInRole({ projectId: NORTH, role: 'dept_head' })).toEqual(['dana', 'dave']);
    expect(await sut.projectMembersInRole({ projectId: SOUTH, role: 'qa' })).toEqual(['quentin']);
  });

  it('answers nobody when the project has no member in the role', async () => {
    expect(await sut.projectMembersInRole({ projectId: SOUTH, role: 'dept_head' })).toEqual([]);
  });
});
