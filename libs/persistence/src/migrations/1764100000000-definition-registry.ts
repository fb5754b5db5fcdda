import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Drafts admins edit, and the deprecation of published versions. */
export class DefinitionRegistry1764100000000 implements MigrationInterface {
  name = 'DefinitionRegistry1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE definition_versions ADD COLUMN status text NOT NULL DEFAULT 'published'`);
    await db.query(`ALTER TABLE definition_versions ADD COLUMN deprecated_by text`);
    await db.query(`ALTER TABLE definition_versions ADD COLUMN deprecated_at timestamptz`);
    await db.query(`ALTER TABLE definition_versions ADD CONSTRAINT definition_versions_status CHECK (status IN ('published', 'deprecated'))`);
    await db.query(`CREATE INDEX definition_versions_checksum ON definition_versions (key, checksum)`);
    await db.query(`
      CREATE TABLE definition_drafts (
        key text PRIMARY KEY,
        source text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE definition_drafts`);
    await db.query(`DROP INDEX definition_versions_checksum`);
    await db.query(`ALTER TABLE definition_versions DROP CONSTRAINT definition_versions_status`);
    await db.query(`ALTER TABLE definition_versions DROP COLUMN deprecated_at`);
    await db.query(`ALTER TABLE definition_versions DROP COLUMN deprecated_by`);
    await db.query(`ALTER TABLE definition_versions DROP COLUMN status`);
  }
}
