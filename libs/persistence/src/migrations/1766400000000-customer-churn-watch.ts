import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the engine remembers of each customer's churn warning (R-REV-7, issue 13): whether it
 * is on, and which evaluation turned it on, so that only a change of state starts retention
 * and a retried activity gets the same answer.
 */
export class CustomerChurnWatch1766400000000 implements MigrationInterface {
  name = 'CustomerChurnWatch1766400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE customer_churn_watch (
        customer_key text PRIMARY KEY,
        warning boolean NOT NULL,
        score double precision NOT NULL,
        threshold double precision NOT NULL,
        crossed_by text,
        crossed_at timestamptz,
        evaluated_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE customer_churn_watch`);
  }
}
