import { AccordHarness, eventually } from '../support/accord-harness';

const V1 = `key: two-stage
name: Two stages
starters: [pm]
roles: { pm: {} }
stages:
  - id: agree
    steps:
      - { id: record, name: Record the agreement, type: task, assignee: { role: pm } }
  - id: close
    steps:
      - { id: archive, name: Archive the file, type: task, assignee: { role: pm } }
`;
const V2 = V1.replace(
  '{ id: archive, name: Archive the file, type: task, assignee: { role: pm } }',
  '{ id: archive, name: Archive with the signature, type: task, assignee: { role: pm }, outcomes: [archived] }',
);
const V3 = V1.replace(/ {2}- id: close[\s\S]*$/, '');

describe('moving a running project to a new definition version', () => {
  let accord: AccordHarness;
  let admin: string;
  let pm: string;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    admin = accord.token('ada', ['admin']);
    pm = accord.token('paula', ['pm']);
    for (const source of [V1, V2, V3]) {
      await accord.request('PUT', '/definitions/two-stage/draft', { token: admin, body: { source } });
      expect((await accord.request('POST', '/definitions/two-stage/draft/publish', { token: admin })).status).toBe(201);
    }
  });

  afterAll(async () => {
    await accord?.stop();
  });

  async function openTask(projectId: string, stepId: string): Promise<{ id: string; title: string; outcomes: string[] }> {
    return eventually(async () => {
      const inbox = await accord.request('GET', '/inbox', { token: pm });
      return inbox.body.items.find((task: { projectId: string; stepId: string }) => task.projectId === projectId && task.stepId === stepId);
    }, `task ${stepId}`);
  }

  const migrate = (projectId: string, targetVersion: number, token = admin) =>
    accord.request('POST', `/projects/${projectId}/migrate`, { token, body: { targetVersion, reason: 'customer asked for a signed archive' } });

  it('applies a migration at the next stage boundary, refuses one whose path is missing, and audits both', async () => {
    const started = await accord.request('POST', '/projects', { token: pm, body: { definitionKey: 'two-stage', definitionVersion: 1, name: 'Migrated' } });
    const projectId = started.body.id;
    const record = await openTask(projectId, 'record');

    expect((await migrate(projectId, 2, pm)).status).toBe(403);

    const refused = await migrate(projectId, 3);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'PROJECT_MIGRATION_REFUSED',
      details: [{ path: 'targetVersion', message: 'stage "close", still to run, is not in v3' }],
    });

    const accepted = await migrate(projectId, 2);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ projectId, from: { key: 'two-stage', version: 1 }, to: { key: 'two-stage', version: 2 }, effectiveAfterStage: 'agree' });

    await accord.request('POST', `/tasks/${encodeURIComponent(record.id)}/complete`, { token: pm, body: {} });
    const archive = await openTask(projectId, 'archive');
    expect(archive).toMatchObject({ title: 'Archive with the signature', outcomes: ['archived'] });
    expect((await accord.request('GET', `/projects/${projectId}`, { token: pm })).body.definition).toEqual({ key: 'two-stage', version: 2 });

    await accord.request('POST', `/tasks/${encodeURIComponent(archive.id)}/complete`, { token: pm, body: { outcome: 'archived' } });
    await eventually(
      async () => ((await accord.request('GET', `/projects/${projectId}`, { token: pm })).body.status === 'completed' ? true : undefined),
      'completion',
    );

    const audit = await accord.request('GET', `/projects/${projectId}/audit`, { token: admin });
    const migration = audit.body.items.filter((event: { action: string }) => event.action.startsWith('project.migrat'));
    expect(migration).toEqual([
      expect.objectContaining({ action: 'project.migration-accepted', actor: 'ada', reason: 'customer asked for a signed archive', subject: 'agree' }),
      expect.objectContaining({ action: 'project.migrated', actor: 'system', detail: { from: 1, to: 2, stagesToRun: ['close'] } }),
    ]);

    const tooLate = await migrate(projectId, 3);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.details).toEqual([{ path: 'targetVersion', message: 'the project has ended' }]);
  });
});
