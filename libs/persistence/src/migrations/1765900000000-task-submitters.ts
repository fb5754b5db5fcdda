import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who submitted the work an approval task decides on, as the workflow tells it: the only one
 * who may withdraw the request. Rows written before stay null; the API infers theirs.
 */
export class TaskSubmitters1765900000000 implements MigrationInterface {
  name = 'TaskSubmitters1765900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks ADD COLUMN submitted_by text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks DROP COLUMN submitted_by`);
  }
}
