import { NotificationEntity } from '@accord/persistence';
import { NotificationDispatcher, type NotificationSender } from '../apps/worker/src/notification-dispatcher';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe(NotificationDispatcher.name, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  const queue = (id: string, minute: number) =>
    database.dataSource.getRepository(NotificationEntity).insert({
      id,
      projectId: '3b6f5f3e-0000-4000-8000-000000000001',
      taskId: null,
      kind: 'reminder',
      recipientRole: 'pm',
      recipientUser: null,
      subject: `Reminder ${id}`,
      body: 'waiting',
      createdAt: new Date(Date.UTC(2026, 10, 24, 9, minute)),
      attempts: 0,
    });

  it('keeps what a failing sender could not send and sends it, once and oldest first, when the sender is back', async () => {
    await queue('b', 2);
    await queue('a', 1);
    const down: NotificationSender = { send: async () => Promise.reject(new Error('mail server down')) };
    const delivered: string[] = [];
    const up: NotificationSender = { send: async (notification) => void delivered.push(notification.id) };

    expect(await new NotificationDispatcher(database.dataSource, down).dispatchOnce()).toEqual({ sent: 0, failed: 2 });
    const waiting = await database.dataSource.getRepository(NotificationEntity).find({ order: { id: 'ASC' } });
    expect(waiting.map(({ sentAt, attempts, lastError }) => ({ sentAt, attempts, lastError }))).toEqual([
      { sentAt: null, attempts: 1, lastError: 'mail server down' },
      { sentAt: null, attempts: 1, lastError: 'mail server down' },
    ]);

    const sut = new NotificationDispatcher(database.dataSource, up);
    expect(await sut.dispatchOnce()).toEqual({ sent: 2, failed: 0 });
    expect(await sut.dispatchOnce()).toEqual({ sent: 0, failed: 0 });
    expect(delivered).toEqual(['a', 'b']);
  });
});
