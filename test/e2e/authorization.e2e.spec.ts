import { AccordHarness, eventually } from '../support/accord-harness';

type Caller = 'anonymous' | 'pm member' | 'pm outsider' | 'customer member' | 'customer outsider' | 'auditor' | 'auditor also pm' | 'admin';
const CALLERS: Record<Exclude<Caller, 'anonymous'>, [string, string[]]> = {
  'pm member': ['paula', ['pm']],
  'pm outsider': ['pete', ['pm']],
  'customer member': ['carl', ['customer']],
  'customer outsider': ['cora', ['customer']],
  auditor: ['otto', ['auditor']],
  // An overseer whose token also names a project role: overseeing reads, and the role is no membership.
  'auditor also pm': ['olive', ['auditor', 'pm']],
  admin: ['ada', ['admin']],
};

describe('authorization on every endpoint, by role and project membership', () => {
  let accord: AccordHarness;
  let projectId: string;
  let taskId: string;
  const tokens = {} as Record<Caller, string | undefined>;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    for (const [caller, [user, roles]] of Object.entries(CALLERS)) tokens[caller as Caller] = accord.token(user, roles);
    const started = await accord.request('POST', '/projects', {
      token: tokens['pm member'],
      body: { definitionKey: 'expectation-signoff', name: 'Scoped', members: [{ user: 'carl', role: 'customer' }] },
    });
    projectId = started.body.id;
    taskId = await eventually(async () => {
      const inbox = await accord.request('GET', `/inbox?project=${projectId}`, { token: tokens['pm member'] });
      return inbox.body.items[0]?.id as string | undefined;
    }, 'the record task');
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const task = () => `/tasks/${encodeURIComponent(taskId)}`;
  const MATRIX: [string, () => [string, string, unknown?], Record<Caller, number>][] = [
    ['read the project', () => ['GET', `/projects/${projectId}`], { anonymous: 401, 'pm member': 200, 'pm outsider': 404, 'customer member': 200, 'customer outsider': 404, auditor: 200, 'auditor also pm': 200, admin: 200 }],
    ['read its audit trail', () => ['GET', `/projects/${projectId}/audit`], { anonymous: 401, 'pm member': 200, 'pm outsider': 404, 'customer member': 403, 'customer outsider': 404, auditor: 200, 'auditor also pm': 200, admin: 200 }],
    ['read its team', () => ['GET', `/projects/${projectId}/members`], { anonymous: 401, 'pm member': 200, 'pm outsider': 404, 'customer member': 200, 'customer outsider': 404, auditor: 200, 'auditor also pm': 200, admin: 200 }],
    ['change its team', () => ['POST', `/projects/${projectId}/members`, {}], { anonymous: 401, 'pm member': 200, 'pm outsider': 404, 'customer member': 403, 'customer outsider': 404, auditor: 403, 'auditor also pm': 403, admin: 200 }],
    ['read a task offered to pm', () => ['GET', task()], { anonymous: 401, 'pm member': 200, 'pm outsider': 404, 'customer member': 404, 'customer outsider': 404, auditor: 200, 'auditor also pm': 200, admin: 200 }],
    ['comment on that task', () => ['POST', `${task()}/comment`, { text: 'checking' }], { anonymous: 401, 'pm member': 200, 'pm outsider': 404, 'customer member': 404, 'customer outsider': 404, auditor: 403, 'auditor also pm': 403, admin: 403 }],
    ['raise an event the running stage does not handle', () => ['POST', `/projects/${projectId}/events`, { signal: 'complaint' }], { anonymous: 401, 'pm member': 409, 'pm outsider': 404, 'customer member': 409, 'customer outsider': 404, auditor: 403, 'auditor also pm': 403, admin: 403 }],
    ['list definitions', () => ['GET', '/definitions'], { anonymous: 401, 'pm member': 403, 'pm outsider': 403, 'customer member': 403, 'customer outsider': 403, auditor: 200, 'auditor also pm': 200, admin: 200 }],
    ['save a draft', () => ['PUT', '/definitions/expectation-signoff/draft', { source: 'key: expectation-signoff' }], { anonymous: 401, 'pm member': 403, 'pm outsider': 403, 'customer member': 403, 'customer outsider': 403, auditor: 403, 'auditor also pm': 403, admin: 200 }],
    ['migrate the project', () => ['POST', `/projects/${projectId}/migrate`, { targetVersion: 99 }], { anonymous: 401, 'pm member': 403, 'pm outsider': 403, 'customer member': 403, 'customer outsider': 403, auditor: 403, 'auditor also pm': 403, admin: 422 }],
    ['start a project', () => ['POST', '/projects', { definitionKey: 'expectation-signoff', name: 'Another' }], { anonymous: 401, 'pm member': 201, 'pm outsider': 201, 'customer member': 403, 'customer outsider': 403, auditor: 403, 'auditor also pm': 201, admin: 403 }],
  ];

  it('answers each caller on each endpoint as the matrix says', async () => {
    const mismatches: string[] = [];
    for (const [what, request, expected] of MATRIX) {
      for (const caller of Object.keys(expected) as Caller[]) {
        const [method, path, body] = request();
        const { status } = await accord.request(method, path, { token: tokens[caller], body });
        if (status !== expected[caller]) mismatches.push(`${caller} → ${what}: ${status}, expected ${expected[caller]}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('lets no one decide a task who is not a member: an auditor whose token also says pm reads it, and cannot claim or complete it', async () => {
    const olive = tokens['auditor also pm'];
    expect((await accord.request('GET', task(), { token: olive })).status).toBe(200);
    for (const [path, body] of [[`${task()}/claim`, {}], [`${task()}/complete`, { data: {} }]] as const) {
      const refused = await accord.request('POST', path, { token: olive, body });
      expect([refused.status, refused.body.code, refused.body.message]).toEqual([403, 'FORBIDDEN', expect.stringContaining('overseers read, they do not act')]);
    }
  });

  it('delegates a task only to a member who may hold it', async () => {
    const toOutsider = await accord.request('POST', `${task()}/delegate`, { token: tokens['pm member'], body: { to: 'pete' } });
    expect([toOutsider.status, toOutsider.body.details]).toEqual([422, [{ path: 'to', message: 'pete is no member of this project: delegate to someone who may hold the task' }]]);
    const toCustomer = await accord.request('POST', `${task()}/delegate`, { token: tokens['pm member'], body: { to: 'carl' } });
    expect([toCustomer.status, toCustomer.body.details]).toEqual([422, [{ path: 'to', message: 'carl takes part in this project only as customer: delegate to a colleague in one of its internal roles' }]]);
    // Neither refusal left a trace on the task.
    const after = (await accord.request('GET', task(), { token: tokens['pm member'] })).body;
    expect([after.claimedBy, after.history.map((entry: { action: string }) => entry.action)]).toEqual([null, expect.not.arrayContaining(['task.delegated'])]);
  });

  it("keeps other projects' tasks out of an outsider's inbox, and internal tasks out of the customer's", async () => {
    const ids = async (caller: Caller) => (await accord.request('GET', `/inbox?project=${projectId}`, { token: tokens[caller] })).body.items.map((item: { id: string }) => item.id);
    expect(await ids('pm member')).toEqual([taskId]);
    expect(await ids('pm outsider')).toEqual([]);
    expect(await ids('customer member')).toEqual([]);
  });

  it('lets the team grow: a colleague added as pm sees the task', async () => {
    const team = await accord.request('POST', `/projects/${projectId}/members`, { token: tokens['pm member'], body: { add: [{ user: 'pete', role: 'pm' }] } });
    expect(team.body).toEqual(expect.arrayContaining([{ user: 'pete', role: 'pm' }, { user: 'paula', role: 'pm' }, { user: 'carl', role: 'customer' }]));
    const inbox = await accord.request('GET', `/inbox?project=${projectId}`, { token: tokens['pm outsider'] });
    expect(inbox.body.items.map((item: { id: string }) => item.id)).toEqual([taskId]);
    const bad = await accord.request('POST', `/projects/${projectId}/members`, { token: tokens['pm member'], body: { add: [{ user: 'x', role: 'janitor' }] } });
    expect(bad.status).toBe(400);
  });

  it('takes back what a member held when they leave: their claim, and the task delegated to them, each audited', async () => {
    const paula = tokens['pm member'];
    const mike = accord.token('mike', ['pm']);
    expect((await accord.request('POST', `/projects/${projectId}/members`, { token: paula, body: { add: [{ user: 'mike', role: 'pm' }] } })).status).toBe(200);
    expect((await accord.request('POST', `${task()}/delegate`, { token: paula, body: { to: 'mike' } })).body).toMatchObject({ assignee: { user: 'mike' } });
    expect((await accord.request('POST', `${task()}/claim`, { token: mike })).body).toMatchObject({ claimedBy: 'mike' });

    const left = await accord.request('POST', `/projects/${projectId}/members`, { token: paula, body: { remove: [{ user: 'mike', role: 'pm' }] } });
    expect(left.body).not.toContainEqual({ user: 'mike', role: 'pm' });

    // Mike no longer sees the task, nor can he decide it; it is the role's again, for Paula to take.
    expect((await accord.request('GET', task(), { token: mike })).status).toBe(404);
    expect((await accord.request('POST', `${task()}/complete`, { token: mike, body: { data: {} } })).status).toBe(404);
    expect((await accord.request('GET', '/inbox', { token: mike })).body.items).toEqual([]);
    const back = (await accord.request('GET', task(), { token: paula })).body;
    expect(back.claimedBy).toBeNull();
    expect(back.history.at(-1)).toMatchObject({ action: 'task.handed-back', actor: 'system', reason: 'mike left the project', detail: { from: { user: 'mike' }, to: { role: 'pm' }, claimedBy: 'mike' } });
    expect((await accord.request('POST', `${task()}/claim`, { token: paula })).body).toMatchObject({ claimedBy: 'paula' });
  });
});
