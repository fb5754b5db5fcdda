import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rows of every reported progress table (R-EXP-6), so a task's planned and actual
 * progress can be followed report by report; the tables already read are carried over
 * from their schedule-deviation readings.
 */
export class ProgressRows1765500000000 implements MigrationInterface {
  name = 'ProgressRows1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE progress_rows (
        reading_id text NOT NULL,
        position int NOT NULL,
        project_id uuid NOT NULL,
        reported_at timestamptz NOT NULL,
        phase text NOT NULL,
        task text NOT NULL,
        owner text NOT NULL,
        due text NOT NULL,
        planned_percent double precision NOT NULL,
        actual_percent double precision NOT NULL,
        PRIMARY KEY (reading_id, position)
      )`);
    await db.query(`CREATE INDEX progress_rows_by_project ON progress_rows (project_id, task, reported_at)`);
    await db.query(`
      INSERT INTO progress_rows (reading_id, position, project_id, reported_at, phase, task, owner, due, planned_percent, actual_percent)
      SELECT reading.id, entry.position::int, reading.project_id, reading.at,
             entry.value->>'phase', entry.value->>'task', entry.value->>'owner', entry.value->>'due',
             (entry.value->>'plannedPercent')::double precision, (entry.value->>'actualPercent')::double precision
        FROM metric_readings reading
        CROSS JOIN LATERAL jsonb_array_elements(reading.detail->'rows') WITH ORDINALITY AS entry (value, position)
       WHERE reading.metric = 'schedule_deviation' AND jsonb_typeof(reading.detail->'rows') = 'array'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE progress_rows`);
  }
}
