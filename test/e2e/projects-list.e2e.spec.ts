import { AccordHarness, eventually } from '../support/accord-harness';

const definition = (key: string) => `key: ${key}
name: ${key}
starters: [pm]
roles: { pm: {}, customer: { external: true } }
stages:
  - id: work
    steps:
      - { id: plan, name: Plan the work, type: task, assignee: { role: pm } }
`;

interface ProjectSummary {
  id: string;
  name: string;
  definitionKey: string;
  definitionVersion: number;
  status: string;
  team: string | null;
  customer: { key: string; name: string } | null;
  currentStage: string | null;
  startedAt: string;
  updatedAt: string;
  openTasks: number;
  openIncidents: number;
}

interface ProjectPage {
  items: ProjectSummary[];
  total: number;
  nextCursor: string | null;
}

/**
 * Seven projects of two definitions, two teams and two customers, all started by Paula. Both
 * ACME projects name the customer alike: whichever the worker records first names its record.
 */
const PROJECTS = [
  {
    name: 'ACME ERP roll-out',
    definitionKey: 'list-alpha',
    team: 'erp-east',
    customer: { key: 'acme', name: 'ACME Manufacturing' },
    members: [{ user: 'carl', role: 'customer' }],
  },
  {
    name: 'ACME CRM 100% ready',
    definitionKey: 'list-alpha',
    team: 'erp-west',
    customer: { key: 'acme', name: 'ACME Manufacturing' },
    members: [{ user: 'carl', role: 'customer' }],
  },
  {
    name: 'Globex payroll',
    definitionKey: 'list-beta',
    team: 'erp-east',
    customer: { key: 'globex', name: 'Globex Corporation' },
    members: [{ user: 'cora', role: 'customer' }],
  },
  { name: 'Internal audit tooling', definitionKey: 'list-beta' },
  { name: 'Warehouse scanners', definitionKey: 'list-beta' },
  { name: 'Data centre move', definitionKey: 'list-alpha' },
  { name: 'billing clean-up', definitionKey: 'list-beta' },
];

describe('the projects list through the HTTP API', () => {
  let accord: AccordHarness;
  let admin: string;
  let paula: string;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    accord = await AccordHarness.start();
    admin = accord.token('ada', ['admin']);
    paula = accord.token('paula', ['pm']);
    await accord.publish('list-alpha', definition('list-alpha'));
    await accord.publish('list-beta', definition('list-beta'));
    for (const project of PROJECTS) {
      const started = await accord.request('POST', '/projects', { token: paula, body: project });
      expect(started.status).toBe(201);
      ids.set(project.name, started.body.id);
      // Recorded before the next one starts, so that `sort=started` follows the order they were started.
      await accord.projectRecorded(paula, started.body.id);
    }
    // Each project waits on its plan task: the list has caught up when every one counts it.
    await eventually(async () => {
      const page = await list(admin, '?limit=100');
      return page.total === PROJECTS.length && page.items.every((item) => item.openTasks === 1 && item.currentStage === 'work') ? true : undefined;
    }, 'every project started, each with its open task');
  });

  afterAll(async () => {
    await accord?.stop();
  });

  async function list(token: string, query = ''): Promise<ProjectPage> {
    const response = await accord.request('GET', `/projects${query}`, { token });
    expect(response.status).toBe(200);
    return response.body;
  }
  const names = (page: ProjectPage) => page.items.map((item) => item.name).sort();

  it('describes each project with its definition, customer, stage and open work', async () => {
    const [erp] = (await list(paula, '?q=erp roll')).items;
    expect(erp).toEqual({
      id: ids.get('ACME ERP roll-out'),
      name: 'ACME ERP roll-out',
      definitionKey: 'list-alpha',
      definitionVersion: 1,
      status: 'running',
      team: 'erp-east',
      customer: { key: 'acme', name: 'ACME Manufacturing' },
      currentStage: 'work',
      startedAt: expect.any(String),
      updatedAt: expect.any(String),
      openTasks: 1,
      openIncidents: 0,
      // For the operations page's link to the workflow in the Temporal UI.
      workflowId: `project/${ids.get('ACME ERP roll-out')}`,
    });
    expect(Date.parse(erp.updatedAt)).toBeGreaterThanOrEqual(Date.parse(erp.startedAt));
  });

  it('shows a customer only the projects they are a member of', async () => {
    expect(names(await list(accord.token('carl', ['customer'])))).toEqual(['ACME CRM 100% ready', 'ACME ERP roll-out']);
    expect(names(await list(accord.token('cora', ['customer'])))).toEqual(['Globex payroll']);
  });

  it('shows nothing to someone who is a member of no project, whatever their role', async () => {
    expect(await list(accord.token('nina', ['pm']))).toEqual({ items: [], total: 0, nextCursor: null });
    expect((await list(accord.token('carl', []))).total).toBe(0);
  });

  it('shows overseers every project', async () => {
    expect((await list(admin)).total).toBe(PROJECTS.length);
    expect((await list(accord.token('audrey', ['auditor']))).total).toBe(PROJECTS.length);
    expect((await list(paula)).total).toBe(PROJECTS.length);
  });

  it('filters by definition, team and customer', async () => {
    expect(names(await list(paula, '?definition=list-alpha'))).toEqual(['ACME CRM 100% ready', 'ACME ERP roll-out', 'Data centre move']);
    expect(names(await list(paula, '?team=erp-east'))).toEqual(['ACME ERP roll-out', 'Globex payroll']);
    expect(names(await list(paula, '?customer=globex'))).toEqual(['Globex payroll']);
    expect((await list(paula, '?customer=acme&team=erp-west')).items.map((item) => item.customer)).toEqual([{ key: 'acme', name: 'ACME Manufacturing' }]);
    expect((await list(paula, '?definition=list-gamma')).total).toBe(0);
  });

  it('filters by definition version, current stage and when the project started (the operations page)', async () => {
    expect(names(await list(paula, '?definition=list-alpha&definitionVersion=1'))).toEqual(['ACME CRM 100% ready', 'ACME ERP roll-out', 'Data centre move']);
    expect((await list(paula, '?definition=list-alpha&definitionVersion=2')).total).toBe(0);
    expect(names(await list(paula, '?stage=work&q=erp roll'))).toEqual(['ACME ERP roll-out']);
    expect((await list(paula, '?stage=nowhere')).total).toBe(0);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect((await list(paula, `?startedAfter=${encodeURIComponent(tomorrow)}`)).total).toBe(0);
    expect((await list(paula, `?startedBefore=${encodeURIComponent(tomorrow)}`)).total).toBe(PROJECTS.length);
  });

  it('finds projects by any part of their name, ignoring case and taking % and _ literally', async () => {
    expect(names(await list(paula, '?q=acme'))).toEqual(['ACME CRM 100% ready', 'ACME ERP roll-out']);
    expect(names(await list(paula, `?q=${encodeURIComponent('100%')}`))).toEqual(['ACME CRM 100% ready']);
    expect((await list(paula, '?q=_')).total).toBe(0);
    expect((await list(paula, `?q=${encodeURIComponent('%')}`)).total).toBe(1);
  });

  it('filters by status, and lists the project that changed last first', async () => {
    expect((await list(paula, '?status=completed')).total).toBe(0);
    const done = ids.get('Warehouse scanners') as string;
    expect((await accord.completeStep(paula, done, 'plan')).status).toBe(200);
    const completed = await eventually(async () => {
      const page = await list(paula, '?status=completed');
      return page.total === 1 ? page : undefined;
    }, 'the completed project');
    expect(completed.items).toEqual([expect.objectContaining({ id: done, status: 'completed', openTasks: 0 })]);
    expect((await list(paula, '?status=running')).total).toBe(PROJECTS.length - 1);
    expect((await list(paula)).items[0].id).toBe(done);
  });

  it.each(['updated', 'started', 'name'])('pages through every project exactly once, sorted by %s', async (sort) => {
    const whole = (await list(admin, `?sort=${sort}&limit=100`)).items.map((item) => item.id);
    expect(whole).toHaveLength(PROJECTS.length);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: ProjectPage = await list(admin, `?sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(PROJECTS.length);
      sizes.push(page.items.length);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(whole);
  });

  it('sorts by name from A to Z whatever the case, and by start from newest to oldest', async () => {
    expect((await list(paula, '?sort=name')).items.map((item) => item.name)).toEqual([
      'ACME CRM 100% ready',
      'ACME ERP roll-out',
      'billing clean-up',
      'Data centre move',
      'Globex payroll',
      'Internal audit tooling',
      'Warehouse scanners',
    ]);
    expect((await list(paula, '?sort=started')).items.map((item) => item.name)).toEqual(PROJECTS.map((project) => project.name).reverse());
  });

  it('refuses a limit out of range, an unknown status or sort, naming each parameter', async () => {
    for (const [query, paths] of [
      ['?limit=0', ['limit']],
      ['?limit=101', ['limit']],
      ['?limit=ten', ['limit']],
      ['?status=paused', ['status']],
      ['?sort=colour&team=Not%20a%20team', ['sort', 'team']],
    ] as const) {
      const response = await accord.request('GET', `/projects${query}`, { token: paula });
      expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
      expect([...new Set(response.body.details.map((detail: { path: string }) => detail.path))].sort()).toEqual(paths);
    }
  });

  it('refuses a cursor that did not come from a previous page of the same sort', async () => {
    const forged = Buffer.from(JSON.stringify({ sort: 'updated', key: ['2026-02-30T00:00:00.000000Z', ids.get('Globex payroll')] })).toString('base64url');
    for (const cursor of ['bm90LWEtY3Vyc29y', forged]) {
      const response = await accord.request('GET', `/projects?cursor=${cursor}`, { token: paula });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ path: 'cursor', message: 'not a cursor from a previous page' }]);
    }
    const byName = (await list(paula, '?sort=name&limit=1')).nextCursor;
    const mixed = await accord.request('GET', `/projects?sort=updated&cursor=${byName}`, { token: paula });
    expect(mixed.status).toBe(400);
    expect(mixed.body.details).toEqual([{ path: 'cursor', message: 'it belongs to sort=name, not sort=updated' }]);
  });
});
