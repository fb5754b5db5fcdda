import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate limits shared by every API process (issue 14 point 5): one row per limited key (a
 * hash, never the client address itself) and its current fixed window. A hit is one atomic
 * upsert; rows whose window has ended are deleted by later hits, so the table holds at most
 * the keys hit within one window.
 */
export class RateLimits1766500000000 implements MigrationInterface {
  name = 'RateLimits1766500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE rate_limits (
        bucket text PRIMARY KEY,
        hits integer NOT NULL,
        window_ends_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX rate_limits_window_ends_at ON rate_limits (window_ends_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_limits`);
  }
}
