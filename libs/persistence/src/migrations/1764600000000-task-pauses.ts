import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SLA pauses: how long a task's clock has stood still, and since when it stands still now. */
export class TaskPauses1764600000000 implements MigrationInterface {
  name = 'TaskPauses1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks ADD COLUMN paused_ms bigint NOT NULL DEFAULT 0`);
    await db.query(`ALTER TABLE tasks ADD COLUMN paused_since timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks DROP COLUMN paused_since`);
    await db.query(`ALTER TABLE tasks DROP COLUMN paused_ms`);
  }
}
