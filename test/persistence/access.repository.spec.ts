import { randomUUID } from 'node:crypto';
import { compileDefinition } from '@accord/definitions';
import { AccessRepository, DefinitionVersionsRepository } from '@accord/persistence';
import { statementsOf } from '../support/statement-count';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const DEFINITION = `key: access-fixture
name: Access fixture
starters: [pm]
roles: { pm: {}, qa: {}, customer: { external: true } }
stages:
  - id: only
    steps:
      - { id: do, name: Do it, type: task, assignee: { role: pm } }
`;

/** Which of a set of projects a caller may read or act on, asked in one statement (issue 17 point 2), on real PostgreSQL. */
describe(AccessRepository.name, () => {
  let database: TestDatabase;
  let sut: AccessRepository;
  const projects = Array.from({ length: 4 }, () => randomUUID());
  const [asPm, asQa, asCustomer, notMember] = projects;
  const paula = { userId: 'paula', roles: ['pm', 'qa', 'customer'] };

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = new AccessRepository(database.dataSource);
    const result = compileDefinition(DEFINITION);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    await database.dataSource.transaction((db) => new DefinitionVersionsRepository(database.dataSource).insertNext(db, DEFINITION, result.compiled, 'ada'));
    for (const id of projects) {
      await database.dataSource.query(
        `INSERT INTO projects (id, name, definition_key, definition_version, status, workflow_id, started_by, started_at) VALUES ($1, 'p', 'access-fixture', 1, 'running', $2, 'paula', now())`,
        [id, `project-${id}`],
      );
    }
    for (const [project, role] of [
      [asPm, 'pm'],
      [asQa, 'qa'],
      [asCustomer, 'customer'],
      [notMember, 'pm'],
    ]) {
      await database.dataSource.query(`INSERT INTO project_members (project_id, user_id, role, added_by, added_at) VALUES ($1, $2, $3, 'paula', now())`, [
        project,
        project === notMember ? 'pete' : 'paula',
        role,
      ]);
    }
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('answers which of any number of projects the caller is a member of in one statement', async () => {
    let allowed = new Set<string>();
    const statements = await statementsOf(database.dataSource, async () => (allowed = await sut.checkProjectAccess(paula, projects)));
    expect(statements).toHaveLength(1);
    expect(allowed).toEqual(new Set([asPm, asQa, asCustomer]));
  });

  it('counts a membership only in a role the caller’s credential carries', async () => {
    expect(await sut.checkProjectAccess({ userId: 'paula', roles: ['pm'] }, projects)).toEqual(new Set([asPm]));
    expect(await sut.checkProjectAccess({ userId: 'paula', roles: [] }, projects)).toEqual(new Set());
  });

  it('gives internal rights only to roles the definition does not mark external, and starters’ rights only to starters', async () => {
    expect(await sut.checkProjectAccess(paula, projects, { internal: true })).toEqual(new Set([asPm, asQa]));
    expect(await sut.checkProjectAccess(paula, projects, { starter: true })).toEqual(new Set([asPm]));
  });

  it('reads the caller’s confirmed roles in every project at once', async () => {
    const roles = await sut.rolesIn({ userId: 'paula', roles: ['pm', 'customer'] }, projects);
    expect(Object.fromEntries(roles)).toEqual({ [asPm]: ['pm'], [asCustomer]: ['customer'] });
  });
});
