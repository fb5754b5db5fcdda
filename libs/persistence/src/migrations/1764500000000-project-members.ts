import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who works on a project, in which role: the scope of everything but overseers' reads. */
export class ProjectMembers1764500000000 implements MigrationInterface {
  name = 'ProjectMembers1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE project_members (
        project_id uuid NOT NULL,
        user_id text NOT NULL,
        role text NOT NULL,
        added_by text NOT NULL,
        added_at timestamptz NOT NULL,
        PRIMARY KEY (project_id, user_id, role)
      )`);
    await db.query(`CREATE INDEX project_members_by_user ON project_members (user_id, role, project_id)`);
    // The inbox's role branch walks the caller's projects, then each project's open tasks of that role in order.
    await db.query(`CREATE INDEX tasks_inbox_project_role ON tasks (project_id, candidate_role, created_at, id) WHERE status = 'open' AND claimed_by IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX tasks_inbox_project_role`);
    await db.query(`DROP TABLE project_members`);
  }
}
