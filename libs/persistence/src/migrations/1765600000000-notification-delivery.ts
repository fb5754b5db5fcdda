import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery for the outbox (issue 11): a status with a dead letter, a due time for backoff,
 * and a lease so that a row is sent outside the transaction that claimed it while no other
 * dispatcher takes it, until the lease runs out.
 */
export class NotificationDelivery1765600000000 implements MigrationInterface {
  name = 'NotificationDelivery1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE notifications
        ADD COLUMN status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
        ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN last_attempt_at timestamptz,
        ADD COLUMN lease_token uuid,
        ADD COLUMN leased_until timestamptz`);
    await db.query(`UPDATE notifications SET status = 'sent', last_attempt_at = sent_at WHERE sent_at IS NOT NULL`);
    // The dispatcher before this one retried every second, so its counts would dead-letter
    // unsent rows at once: they start the new schedule from its first attempt.
    await db.query(`UPDATE notifications SET attempts = 0 WHERE status = 'pending'`);
    await db.query(`DROP INDEX notifications_unsent`);
    await db.query(`CREATE INDEX notifications_by_status ON notifications (status, created_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notifications_by_status`);
    await db.query(`CREATE INDEX notifications_unsent ON notifications (created_at) WHERE sent_at IS NULL`);
    await db.query(`
      ALTER TABLE notifications
        DROP COLUMN leased_until,
        DROP COLUMN lease_token,
        DROP COLUMN last_attempt_at,
        DROP COLUMN next_attempt_at,
        DROP COLUMN status`);
  }
}
