import { NotificationDispatcher, type NotificationMessage } from '../../apps/worker/src/notification-dispatcher';
import { AccordHarness, eventually } from '../support/accord-harness';

// Its first step queues a message as soon as the project starts.
const ANNOUNCED = `key: announced
name: A project that announces itself
starters: [pm]
roles: { pm: {} }
stages:
  - id: kickoff
    steps:
      - { id: announce, name: Announce the project, type: service, action: notify, with: { to: { role: pm }, subject: Project started } }
      - { id: plan, name: Plan the work, type: task, assignee: { role: pm } }
`;

interface Notification {
  id: string;
  projectId: string;
  kind: string;
  recipientRole: string | null;
  subject: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
}

/**
 * Issue 11 point 8: a notification that cannot be sent ends as a dead letter that admins
 * and auditors see, and that an admin puts back to be sent again under the same id.
 */
describe('dead-letter notifications through the HTTP API', () => {
  let accord: AccordHarness;
  let pm: string;
  let admin: string;
  let auditor: string;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    pm = accord.token('paula', ['pm']);
    admin = accord.token('ada', ['admin']);
    auditor = accord.token('otto', ['auditor']);
    await accord.publish('announced', ANNOUNCED);
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const list = (status: string, projectId: string, token = auditor) =>
    accord.request<{ items: Notification[] }>('GET', `/notifications?status=${status}&project=${projectId}`, { token });
  const retry = (id: string, token = admin) => accord.request<Notification>('POST', `/notifications/${encodeURIComponent(id)}/retry`, { token });

  /** Starts a project and waits for the message its first step queued. */
  const announced = async (name: string): Promise<{ projectId: string; notification: Notification }> => {
    const started = await accord.request('POST', '/projects', { token: pm, body: { definitionKey: 'announced', name } });
    expect(started.status).toBe(201);
    const projectId = started.body.id as string;
    const notification = await eventually(async () => (await list('pending', projectId)).body.items[0], `the notification of ${name}`);
    return { projectId, notification };
  };

  /** One dispatcher round, as the worker runs them, with the sender given. */
  const dispatch = (send: (message: NotificationMessage) => Promise<void>) =>
    new NotificationDispatcher(accord.database.dataSource, { send }, { maxAttempts: 1 }).dispatchOnce();

  it('lists a notification whose attempts ran out as a dead letter, and an admin puts it back to be sent under the same id', async () => {
    const { projectId, notification } = await announced('Announced once');
    expect(notification).toMatchObject({ kind: 'message', recipientRole: 'pm', subject: 'Project started', status: 'pending', attempts: 0 });

    expect(await dispatch(async () => Promise.reject(new Error('mail server down')))).toMatchObject({ dead: 1 });
    const dead = await list('dead', projectId);
    expect(dead.status).toBe(200);
    expect(dead.body.items).toEqual([
      expect.objectContaining({ id: notification.id, status: 'dead', attempts: 1, lastError: 'mail server down', nextAttemptAt: null, sentAt: null }),
    ]);
    expect((await list('pending', projectId)).body.items).toEqual([]);

    const retried = await retry(notification.id);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: notification.id, status: 'pending', attempts: 0 });
    expect((await list('dead', projectId)).body.items).toEqual([]);

    const delivered: string[] = [];
    expect(await dispatch(async (message) => void delivered.push(message.id))).toMatchObject({ sent: 1 });
    expect(delivered).toEqual([notification.id]);
    expect((await list('sent', projectId)).body.items).toEqual([
      expect.objectContaining({ id: notification.id, status: 'sent', attempts: 1, lastError: null }),
    ]);
  });

  it('answers 409 when the notification is not a dead letter, and 404 when there is no such notification', async () => {
    const { notification } = await announced('Not dead');
    const pending = await retry(notification.id);
    expect(pending.status).toBe(409);
    expect(pending.body).toMatchObject({ code: 'NOTIFICATION_NOT_DEAD', details: [{ path: 'id', message: 'is pending' }] });

    const unknown = await retry('project/nowhere/stage/none/1/announce:1:notify');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'NOTIFICATION_NOT_FOUND' });
  });

  it('lets admins and auditors read the outbox and only admins retry: 403 for everyone else', async () => {
    const { projectId, notification } = await announced('Guarded');
    await dispatch(async () => Promise.reject(new Error('mail server down')));

    expect((await list('dead', projectId, admin)).body.items.map((item) => item.id)).toEqual([notification.id]);
    expect((await list('dead', projectId, pm)).status).toBe(403);
    expect((await retry(notification.id, auditor)).status).toBe(403);
    expect((await retry(notification.id, pm)).status).toBe(403);
    expect((await list('dead', projectId)).body.items.map((item) => item.status)).toEqual(['dead']);
  });

  it('shows dead letters unless asked otherwise, and refuses an unknown status with 400 naming it', async () => {
    const { projectId } = await announced('Listed');
    await dispatch(async () => Promise.reject(new Error('mail server down')));

    const byDefault = await accord.request<{ items: Notification[] }>('GET', `/notifications?project=${projectId}`, { token: auditor });
    expect(byDefault.body.items.map((item) => item.status)).toEqual(['dead']);
    const unknown = await accord.request('GET', '/notifications?status=lost', { token: auditor });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ path: 'status' })]);
  });
});
