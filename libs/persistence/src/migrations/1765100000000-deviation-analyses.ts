import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deviation analyses as records of their own (R-EXP-7): causes, corrective actions, follow-up checks, lessons. */
export class DeviationAnalyses1765100000000 implements MigrationInterface {
  name = 'DeviationAnalyses1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE deviation_analyses (
        workflow_id text PRIMARY KEY,
        project_id uuid NOT NULL,
        causes jsonb NOT NULL,
        corrective_actions jsonb NOT NULL,
        follow_ups jsonb NOT NULL,
        replans int NOT NULL,
        lessons jsonb NOT NULL,
        status text NOT NULL,
        sources jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await db.query(`CREATE INDEX deviation_analyses_by_project ON deviation_analyses (project_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE deviation_analyses`);
  }
}
