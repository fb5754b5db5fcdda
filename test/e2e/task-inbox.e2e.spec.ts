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
      projects.push(
        (await accord.request('POST', '/projects', { token: paula, body: { definitionKey: key, name: `${key} ${projects.length}`, members } })).body.id,
      );
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

  it('counts what each filter would show: overdue, each priority, each role, each project', async () => {
    const counts = await accord.request('GET', '/inbox/counts', { token: paula });
    expect(counts.status).toBe(200);
    expect(counts.body).toMatchObject({ open: 7, overdue: 0, priority: { high: 3, normal: 0, low: 4 }, roles: [{ role: 'pm', count: 7 }] });
    expect(counts.body.projects).toHaveLength(7);
    expect(counts.body.projects.find((project: { projectId: string }) => project.projectId === projects[0])).toEqual({
      projectId: projects[0],
      name: 'routine-demo 0',
      count: 1,
    });
    // Each count is what choosing its filter shows.
    expect((await inbox(paula, '?role=pm')).total).toBe(7);
    expect((await inbox(paula, '?role=qa')).total).toBe(0);
    // The search text narrows every count.
    expect((await accord.request('GET', '/inbox/counts?q=urgent', { token: paula })).body).toMatchObject({ open: 3, priority: { high: 3, low: 0 } });
    // Someone who is not a member of these projects counts none of their tasks.
    const stranger = accord.token('sam', ['pm']);
    expect((await accord.request('GET', '/inbox/counts', { token: stranger })).body).toEqual({
      open: 0,
      overdue: 0,
      priority: { high: 0, normal: 0, low: 0 },
      roles: [],
      projects: [],
    });
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
    // Only to a member who may hold it: Dora joins the project as pm first.
    expect((await post(path(task, 'delegate'), paula, { to: 'dora' })).status).toBe(422);
    expect((await accord.request('POST', `/projects/${projects[1]}/members`, { token: paula, body: { add: [{ user: 'dora', role: 'pm' }] } })).status).toBe(
      200,
    );
    const delegated = await post(path(task, 'delegate'), paula, { to: 'dora' });
    expect(delegated.body).toMatchObject({ assignee: { user: 'dora' }, claimedBy: null });

    const dora = accord.token('dora', ['pm']);
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

  it('tells a member live that a task left their inbox, and tells someone outside the project nothing', async () => {
    const pete$ = await liveInbox(pete);
    const stranger$ = await liveInbox(accord.token('sam', ['pm']));
    try {
      const task = await taskOf(projects[2]);
      expect((await post(path(task, 'claim'), paula)).status).toBe(200);
      await eventually(async () => (pete$.events.includes('inbox') ? true : undefined), 'an inbox event for pete');
      expect((await inbox(pete, `?project=${projects[2]}`)).total).toBe(0);
      // Both streams are told from the same batch; a short grace covers the network.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stranger$.events).toEqual(['ready']);
    } finally {
      pete$.close();
      stranger$.close();
    }
  });

  it('listens again after losing its database connection, and tells everyone to look again', async () => {
    const pete$ = await liveInbox(pete);
    try {
      const [{ terminated }] = await accord.database.dataSource.query(
        `SELECT count(pg_terminate_backend(pid))::int AS terminated FROM pg_stat_activity WHERE application_name = 'accord-api-live-inbox' AND datname = current_database()`,
      );
      expect(terminated).toBe(1);
      await eventually(async () => (pete$.events.includes('inbox') ? true : undefined), 'an inbox event after the listener is back');
      // And it hears changes again.
      pete$.events.length = 0;
      const task = await taskOf(projects[3]);
      expect((await post(path(task, 'claim'), paula)).status).toBe(200);
      await eventually(async () => (pete$.events.includes('inbox') ? true : undefined), 'an inbox event for the claim');
    } finally {
      pete$.close();
    }
  });

  it('refuses the live inbox without a token', async () => {
    const response = await fetch(`${accord.baseUrl}/inbox/events`);
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });

  /** Opens GET /inbox/events and collects the names of the events it sends, once `ready` came. */
  async function liveInbox(token: string): Promise<{ events: string[]; close: () => void }> {
    const abort = new AbortController();
    const response = await fetch(`${accord.baseUrl}/inbox/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events: string[] = [];
    const decoder = new TextDecoder();
    let buffered = '';
    void (async () => {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
          const name = /^event: (.+)$/m.exec(buffered.slice(0, end))?.[1];
          if (name && name !== 'heartbeat') events.push(name);
          buffered = buffered.slice(end + 2);
        }
      }
    })().catch(() => undefined);
    await eventually(async () => (events.includes('ready') ? true : undefined), 'the ready event');
    return { events, close: () => abort.abort() };
  }
});
