import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Incidents: what stopped part of a project, and how an admin resolved it (issue 11). No foreign key: recording the project itself may be what failed. */
export class Incidents1765500000000 implements MigrationInterface {
  name = 'Incidents1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE incidents (
        id text PRIMARY KEY,
        project_id uuid NOT NULL,
        workflow_id text NOT NULL,
        stage_id text,
        step_id text,
        kind text NOT NULL CHECK (kind IN ('activity-failed', 'stage-failed', 'event-budget')),
        failed_workflow_id text,
        activity text,
        error_type text NOT NULL,
        message text NOT NULL,
        attempts integer NOT NULL,
        skippable boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'resolved')),
        opened_at timestamptz NOT NULL,
        resolution text CHECK (resolution IN ('retry', 'skip', 'cancel')),
        resolved_by text,
        resolved_at timestamptz,
        resolution_reason text
      )`);
    await db.query(`CREATE INDEX incidents_open ON incidents (opened_at) WHERE status = 'open'`);
    await db.query(`CREATE INDEX incidents_by_project ON incidents (project_id, opened_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE incidents`);
  }
}
