import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox: workflows enqueue notifications; a dispatcher sends them and marks them sent. */
export class NotificationOutbox1764200000000 implements MigrationInterface {
  name = 'NotificationOutbox1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications (
        id text PRIMARY KEY,
        project_id uuid NOT NULL,
        task_id text,
        kind text NOT NULL,
        recipient_role text,
        recipient_user text,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX notifications_unsent ON notifications (created_at) WHERE sent_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notifications`);
  }
}
