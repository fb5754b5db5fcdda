import { randomUUID } from 'node:crypto';
import { AccordHarness, eventually } from '../support/accord-harness';

const definition = (key: string, priority: string, due: string) => `key: ${key}
name: ${key}
starters: [pm]
roles: { pm: {}, qa: {} }
stages:
  - id: work
    steps:
      - { id: triage, name: Triage ${key}, type: task, assignee: { role: pm }, priority: ${priority}${due ? `, due: ${due}` : ''} }
`;

interface Task {
  id: string;
  projectId: string;
  title: string;
  priority: string;
  dueAt: string | null;
  claimedBy: string | null;
  assignee: string | null;
}

describe('the task inbox through the HTTP API', () => {
  let accord: AccordHarness;
  let paula: string;
  let pete: string;
  const projects: string[] = [];

  beforeAll(async () => {
    accord = await AccordHarness.start();
    const admin = accord.token('ada', ['admin']);
    paula = accord.token('paula', ['pm']);
    pete = accord.token('pete', ['pm']);
    for (const [key, priority, due] of [
      ['urgent-demo', 'high', 'P1D'],
      ['routine-demo', 'low', ''],
    ]) {
      await accord.request('PUT', `/definitions/${key}/draft`, { token: admin, body: { source: definition(key, priority, due) } });
      expect((await accord.request('POST', `/definitions/${key}/draft/publish`, { token: admin })).status).toBe(201);
    }
    for (const key of ['routine-demo', 'urgent-demo', 'routine-demo', 'urgent-demo', 'routine-demo', 'urgent-demo', 'routine-demo']) {
      const members = [{ user: 'pete', role: 'pm' }];
      projects.push((await accord.request('POST', '/projects', { token: paula, body: { definitionKey: key, name: `${key} ${projects.length}`, members } })).body.id);
    }
    await eventually(async () => ((await inbox(paula)).total === 7 ? true : undefined), 'seven open tasks');
  });

  afterAll(async () => {
    await accord?.stop();
  });

  async function inbox(token: string, query = ''): Promise<{ items: Task[]; total: number; nextCursor: string | null }> {
    const response = await accord.request('GET', `/inbox${query}`, { token });
    expect(response.status).toBe(200);
    return response.body;
  }

  const taskOf = async (projectId: string) => (await inbox(paula, `?project=${projectId}`)).items[0];
  const post = (path: string, token: string, body: Record<string, unknown> = {}) => accord.request('POST', path, { token, body });
  const path = (task: Task, action: string) => `/tasks/${encodeURIComponent(task.id)}/${action}`;

  it('pages through every task exactly once with an opaque keyset cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const page = await inbox(paula, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(7);
      sizes.push(page.items.length);
      seen.push(...page.items.map((task) => task.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([2, 2, 2, 1]);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toEqual((await inbox(paula)).items.map((task) => task.id));
  });

  it('refuses a cursor that did not come from a previous page, naming the parameter', async () => {
    const response = await accord.request('GET', '/inbox?cursor=bm90LWEtY3Vyc29y', { token: paula });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ path: 'cursor', message: 'not a cursor from a previous page' }]);
  });

  it('sorts by priority and by due date, and filters by priority, text and project', async () => {
    expect((await inbox(paula, '?sort=priority')).items.map((task) => task.priority)).toEqual(['high', 'high', 'high', 'low', 'low', 'low', 'low']);
    expect((await inbox(paula, '?sort=due')).items.map((task) => task.dueAt !== null)).toEqual([true, true, true, false, false, false, false]);
    expect((await inbox(paula, '?priority=high')).total).toBe(3);
    expect((await inbox(paula, '?q=ROUTINE')).total).toBe(4);
    expect((await inbox(paula, `?project=${projects[0]}`)).items.map((task) => task.projectId)).toEqual([projects[0]]);
    expect((await inbox(paula, '?overdue=true')).total).toBe(0);
  });

  it('answers 400 with the path of an invalid filter', async () => {
    const response = await accord.request('GET', '/inbox?sort=colour&limit=0', { token: paula });
    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['limit', 'sort']);
  });

  it('hides a claimed task from colleagues until it is released, and lets only the claimant complete it', async () => {
    const task = await taskOf(projects[0]);
    expect((await post(path(task, 'claim'), paula)).body).toMatchObject({ claimedBy: 'paula' });
    expect((await inbox(pete, `?project=${projects[0]}`)).total).toBe(0);
    expect((await inbox(paula, `?project=${projects[0]}`)).items[0].claimedBy).toBe('paula');

    const stolen = await post(path(task, 'claim'), pete);
    expect(stolen.status).toBe(409);
    expect(stolen.body.code).toBe('TASK_CLAIMED_BY_OTHER');
    expect((await post(path(task, 'complete'), pete)).status).toBe(409);
    expect((await post(path(task, 'release'), pete)).body.code).toBe('TASK_CLAIMED_BY_OTHER');

    expect((await post(path(task, 'release'), paula)).body).toMatchObject({ claimedBy: null });
    expect((await inbox(pete, `?project=${projects[0]}`)).total).toBe(1);
    expect((await post(path(task, 'release'), paula)).body.code).toBe('TASK_NOT_CLAIMED');
  });

  it('delegates a task to a user, keeping the original assignee in its history', async () => {
    const task = await taskOf(projects[1]);
    await post(path(task, 'comment'), paula, { text: 'Dora knows this customer best' });
    const delegated = await post(path(task, 'delegate'), paula, { to: 'dora' });
    expect(delegated.body).toMatchObject({ assignee: { user: 'dora' }, claimedBy: null });

    const dora = accord.token('dora', []);
    expect((await inbox(dora)).items.map((item) => item.id)).toEqual([task.id]);
    expect((await inbox(paula, `?project=${projects[1]}`)).total).toBe(0);

    const detail = await accord.request('GET', `/tasks/${encodeURIComponent(task.id)}`, { token: dora });
    expect(detail.body.history.map((entry: { action: string; actor: string }) => `${entry.action} by ${entry.actor}`)).toEqual([
      'task.opened by system',
      'task.commented by paula',
      'task.delegated by paula',
    ]);
    expect(detail.body.history[1].reason).toBe('Dora knows this customer best');
    expect(detail.body.history[2].detail).toMatchObject({ from: { role: 'pm' }, to: { user: 'dora' } });

    const key = randomUUID();
    expect((await accord.request('POST', path(task, 'complete'), { token: dora, headers: { 'idempotency-key': key }, body: {} })).status).toBe(200);
    await eventually(async () => ((await inbox(dora, '?status=completed')).total === 1 ? true : undefined), 'the completed task in her history');
  });
});
