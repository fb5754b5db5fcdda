import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys shared by every API process (issue 14 point 1): one row per key scoped to
 * its caller, operation and resource, holding a fingerprint of the request and, once answered,
 * the answer to replay. A row lives until `expires_at` (ACCORD_IDEMPOTENCY_TTL_HOURS); later
 * reservations delete expired rows in small batches, so the table holds about the keys used
 * within one time-to-live. Kept outside Temporal, whose update ids deduplicate only within a run.
 */
export class IdempotencyKeys1766600000000 implements MigrationInterface {
  name = 'IdempotencyKeys1766600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        scope text PRIMARY KEY,
        caller text NOT NULL,
        operation text NOT NULL,
        resource text NOT NULL,
        idempotency_key text NOT NULL,
        fingerprint text NOT NULL,
        reservation uuid NOT NULL,
        status smallint,
        response jsonb,
        leased_until timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
  }
}
