import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The agenda of a meeting as it was called: the definition's points and those prefilled from what was open then. */
export class MeetingAgendas1764900000000 implements MigrationInterface {
  name = 'MeetingAgendas1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks ADD COLUMN agenda jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks DROP COLUMN agenda`);
  }
}
