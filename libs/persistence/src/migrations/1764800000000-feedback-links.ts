import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The public online-form link of a project (R-EXP-6 feedback intake): one per project, replaced when rotated. */
export class FeedbackLinks1764800000000 implements MigrationInterface {
  name = 'FeedbackLinks1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE feedback_links (
        project_id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE feedback_links`);
  }
}
