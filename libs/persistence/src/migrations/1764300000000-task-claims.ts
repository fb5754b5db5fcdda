import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Claims and priorities on tasks, and the indexes the inbox's keyset pages use. */
export class TaskClaims1764300000000 implements MigrationInterface {
  name = 'TaskClaims1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks ADD COLUMN claimed_by text`);
    await db.query(`ALTER TABLE tasks ADD COLUMN priority smallint NOT NULL DEFAULT 1`);
    await db.query(`COMMENT ON COLUMN tasks.priority IS '0 high, 1 normal, 2 low: sorts ascending by urgency'`);
    await db.query(`CREATE INDEX tasks_open_claimed_by ON tasks (claimed_by, created_at) WHERE status = 'open' AND claimed_by IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX tasks_open_claimed_by`);
    await db.query(`ALTER TABLE tasks DROP COLUMN priority`);
    await db.query(`ALTER TABLE tasks DROP COLUMN claimed_by`);
  }
}
