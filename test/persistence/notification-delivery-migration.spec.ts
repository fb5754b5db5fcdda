import { migrate, MIGRATIONS, NotificationEntity } from '@accord/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PROJECT = '3b6f5f3e-0000-4000-8000-000000000002';

describe('the migration that gives the notification outbox backoff and dead letters (real PostgreSQL)', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await database?.drop();
  });

  it('keeps sent notifications sent and starts unsent ones on the new schedule from their first attempt', async () => {
    const { dataSource } = database;
    const names = MIGRATIONS.map((migration) => migration.name);
    const undone = names.slice(names.indexOf('NotificationDelivery1765600000000'));
    for (let left = undone.length; left > 0; left--) await dataSource.undoLastMigration();
    // Rows as the dispatcher before it left them: it retried an unsent one every second.
    await dataSource.query(
      `INSERT INTO notifications (id, project_id, kind, recipient_role, subject, body, created_at, attempts, last_error, sent_at) VALUES
        ('sent', $1, 'reminder', 'pm', 'Sent', 'x', '2026-11-24T09:00:00Z', 1, NULL, '2026-11-24T09:00:01Z'),
        ('unsent', $1, 'reminder', 'pm', 'Unsent', 'x', '2026-11-24T09:00:00Z', 4000, 'mail server down', NULL)`,
      [PROJECT],
    );

    expect(await migrate(dataSource)).toEqual(undone);

    const rows = await dataSource.getRepository(NotificationEntity).find({ order: { id: 'ASC' } });
    expect(
      rows.map(({ id, status, attempts, lastError, lastAttemptAt, leaseToken }) => ({ id, status, attempts, lastError, lastAttemptAt, leaseToken })),
    ).toEqual([
      { id: 'sent', status: 'sent', attempts: 1, lastError: null, lastAttemptAt: new Date('2026-11-24T09:00:01Z'), leaseToken: null },
      { id: 'unsent', status: 'pending', attempts: 0, lastError: 'mail server down', lastAttemptAt: null, leaseToken: null },
    ]);
  });
});
