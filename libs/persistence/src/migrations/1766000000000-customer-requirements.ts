import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer's requirement history (R-REV-1, issue 13): each confirmed specification is a
 * new version per customer, whichever project recorded it. The customer record API reads
 * this table by SQL: its shape is a contract.
 */
export class CustomerRequirements1766000000000 implements MigrationInterface {
  name = 'CustomerRequirements1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE customer_requirements (
        id text PRIMARY KEY,
        customer_key text NOT NULL,
        project_id uuid NOT NULL,
        version int NOT NULL,
        specification jsonb NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by text,
        UNIQUE (customer_key, version)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE customer_requirements`);
  }
}
