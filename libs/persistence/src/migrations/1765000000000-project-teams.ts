import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The team that delivers a project, so KPIs roll up per team across its projects (R-EXP-10). */
export class ProjectTeams1765000000000 implements MigrationInterface {
  name = 'ProjectTeams1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE projects ADD COLUMN team text`);
    await db.query(`CREATE INDEX projects_by_team ON projects (team, started_at) WHERE team IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX projects_by_team`);
    await db.query(`ALTER TABLE projects DROP COLUMN team`);
  }
}
