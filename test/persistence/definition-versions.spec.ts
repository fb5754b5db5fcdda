import type { CompiledDefinition } from '@accord/contracts';
import { compileDefinition } from '@accord/definitions';
import { DefinitionVersionEntity, DefinitionVersionsRepository } from '@accord/persistence';
import { statementsOf } from '../support/statement-count';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const source = (name: string) => `key: cached
name: ${name}
starters: [pm]
roles: { pm: {} }
stages:
  - id: only
    steps:
      - { id: do, name: Do it, type: task, assignee: { role: pm } }
`;

function compiled(name: string): CompiledDefinition {
  const result = compileDefinition(source(name));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.compiled;
}

/** Published definition versions, served from memory once read (issue 17 point 2), on real PostgreSQL. */
describe(DefinitionVersionsRepository.name, () => {
  let database: TestDatabase;
  let sut: DefinitionVersionsRepository;
  const publish = (name: string) =>
    database.dataSource.transaction(async (db) => {
      await sut.lockKey(db, 'cached');
      return sut.insertNext(db, source(name), compiled(name), 'ada');
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = new DefinitionVersionsRepository(database.dataSource);
    await publish('First');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('serves a version it has read from memory, equal to what the database holds', async () => {
    await sut.pinned('cached', 1);
    let served: unknown;
    const statements = await statementsOf(database.dataSource, async () => (served = await sut.pinned('cached', 1)));
    const stored = await database.dataSource.getRepository(DefinitionVersionEntity).findOneByOrFail({ key: 'cached', version: 1 });
    expect(statements).toEqual([]);
    expect(served).toEqual({ key: 'cached', version: 1, compiled: stored.compiled });
  });

  it('sees a version at once when it is published after its number was asked for', async () => {
    expect(await sut.pinned('cached', 2)).toBeUndefined();
    await publish('Second');
    expect((await sut.pinned('cached', 2))?.compiled.name).toBe('Second');
    expect((await sut.pinned('cached', 1))?.compiled.name).toBe('First');
  });

  it('hands every caller a copy of its own, so one that changes it changes nothing for the next', async () => {
    const first = await sut.pinned('cached', 1);
    first!.compiled.name = 'Changed by a caller';
    expect((await sut.pinned('cached', 1))?.compiled.name).toBe('First');
  });

  it('keeps serving a version that was deprecated since: what it compiles to did not change', async () => {
    await sut.pinned('cached', 1);
    await sut.deprecate('cached', 1, 'ada');
    expect((await sut.find('cached', 1))?.status).toBe('deprecated');
    expect((await sut.pinned('cached', 1))?.compiled.name).toBe('First');
  });
});
