import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers and the projects run for them (issue 6's domain model; the customer record of R-REV-7 starts here). */
export class Customers1765400000000 implements MigrationInterface {
  name = 'Customers1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE customers (
        key text PRIMARY KEY,
        name text NOT NULL,
        first_project_at timestamptz NOT NULL
      )`);
    await db.query(`ALTER TABLE projects ADD COLUMN customer_key text`);
    await db.query(`CREATE INDEX projects_by_customer ON projects (customer_key, started_at) WHERE customer_key IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX projects_by_customer`);
    await db.query(`ALTER TABLE projects DROP COLUMN customer_key`);
    await db.query(`DROP TABLE customers`);
  }
}
