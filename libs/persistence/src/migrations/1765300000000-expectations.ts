import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expectations as rows (R-EXP-1, R-EXP-2), one per expectation and document version, so they
 * can be found by channel, phase, Maslow level or KANO class; the versions already
 * published are carried over from their content.
 */
export class Expectations1765300000000 implements MigrationInterface {
  name = 'Expectations1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE expectations (
        project_id uuid NOT NULL,
        version int NOT NULL,
        position int NOT NULL,
        title text NOT NULL,
        category text NOT NULL,
        phase text NOT NULL,
        channel text NOT NULL,
        source text,
        detail text,
        key_date text,
        recorded_in text NOT NULL,
        recorded_by text NOT NULL,
        maslow text,
        kano text,
        fishbone jsonb NOT NULL,
        PRIMARY KEY (project_id, version, position)
      )`);
    await db.query(`
      INSERT INTO expectations (project_id, version, position, title, category, phase, channel, source, detail, key_date, recorded_in, recorded_by, maslow, kano, fishbone)
      SELECT document.project_id, document.version, entry.position::int,
             entry.value->>'title', entry.value->>'category', entry.value->>'phase', entry.value->>'channel',
             entry.value->>'source', entry.value->>'detail', entry.value->>'keyDate', entry.value->>'recordedIn', entry.value->>'recordedBy',
             entry.value->'analysis'->>'maslow', entry.value->'analysis'->>'kano', coalesce(entry.value->'analysis'->'fishbone', '[]'::jsonb)
        FROM expectation_documents document
        CROSS JOIN LATERAL jsonb_array_elements(document.content->'expectations') WITH ORDINALITY AS entry (value, position)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE expectations`);
  }
}
