import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE definition_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        version int NOT NULL,
        source text NOT NULL,
        compiled jsonb NOT NULL,
        checksum text NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL,
        CONSTRAINT definition_versions_key_version UNIQUE (key, version)
      )`);
    await db.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        definition_key text NOT NULL,
        definition_version int NOT NULL,
        status text NOT NULL,
        current_stage text,
        workflow_id text NOT NULL,
        started_by text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX projects_definition_key ON projects (definition_key)`);
    await db.query(`
      CREATE TABLE tasks (
        id text PRIMARY KEY,
        project_id uuid NOT NULL,
        workflow_id text NOT NULL,
        stage_id text NOT NULL,
        step_id text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        candidate_role text,
        assignee_user text,
        form_id text,
        outcomes jsonb NOT NULL,
        status text NOT NULL,
        due_at timestamptz,
        created_at timestamptz NOT NULL,
        closed_at timestamptz,
        completed_by text,
        outcome text,
        completion_data jsonb,
        comment text,
        completion_request_id text
      )`);
    await db.query(`CREATE INDEX tasks_project_id ON tasks (project_id)`);
    await db.query(`CREATE INDEX tasks_open_by_role ON tasks (candidate_role, created_at) WHERE status = 'open'`);
    await db.query(`CREATE INDEX tasks_open_by_user ON tasks (assignee_user, created_at) WHERE status = 'open'`);
    await db.query(`
      CREATE TABLE audit_events (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        project_id uuid NOT NULL,
        action text NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL,
        subject text,
        reason text,
        request_id text,
        detail jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX audit_events_by_project ON audit_events (project_id, seq)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_events`);
    await db.query(`DROP TABLE tasks`);
    await db.query(`DROP TABLE projects`);
    await db.query(`DROP TABLE definition_versions`);
  }
}
