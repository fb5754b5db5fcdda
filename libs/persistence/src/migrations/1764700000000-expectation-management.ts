import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer expectation management (R-EXP): the expectation document and the goal baselines,
 * each in numbered versions; metric readings; the events that started sub-processes (change
 * requests, feedback, complaints, metric breaches); the KPI report at close.
 */
export class ExpectationManagement1764700000000 implements MigrationInterface {
  name = 'ExpectationManagement1764700000000';

  async up(db: QueryRunner): Promise<void> {
    // `source` is the step run that wrote a version: a retried activity finds its own row instead of adding a version.
    await db.query(`
      CREATE TABLE expectation_documents (
        project_id uuid NOT NULL,
        version int NOT NULL,
        content jsonb NOT NULL,
        changes jsonb NOT NULL,
        approvals jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        source text NOT NULL UNIQUE,
        PRIMARY KEY (project_id, version)
      )`);
    await db.query(`
      CREATE TABLE baselines (
        project_id uuid NOT NULL,
        version int NOT NULL,
        goals jsonb NOT NULL,
        signatures jsonb NOT NULL,
        change_proposal jsonb,
        published_at timestamptz NOT NULL,
        source text NOT NULL UNIQUE,
        PRIMARY KEY (project_id, version)
      )`);
    await db.query(`
      CREATE TABLE metric_readings (
        id text PRIMARY KEY,
        project_id uuid NOT NULL,
        metric text NOT NULL,
        value double precision NOT NULL,
        at timestamptz NOT NULL,
        source text NOT NULL,
        detail jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX metric_readings_by_project ON metric_readings (project_id, metric, at)`);
    await db.query(`
      CREATE TABLE project_events (
        id text PRIMARY KEY,
        project_id uuid NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        data jsonb NOT NULL,
        raised_by text NOT NULL,
        raised_at timestamptz NOT NULL,
        during_stage text,
        started_stage text NOT NULL,
        started_workflow_id text NOT NULL,
        closed_at timestamptz,
        outcome text
      )`);
    await db.query(`CREATE INDEX project_events_by_project ON project_events (project_id, raised_at)`);
    await db.query(`
      CREATE TABLE kpi_reports (
        project_id uuid PRIMARY KEY,
        kpis jsonb NOT NULL,
        incentives jsonb,
        computed_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['kpi_reports', 'project_events', 'metric_readings', 'baselines', 'expectation_documents']) await db.query(`DROP TABLE ${table}`);
  }
}
