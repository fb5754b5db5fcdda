import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The customer's profile, the contract values it had, and the company's customer-analytics settings (R-REV-7). */
export class CustomerProfiles1766100000000 implements MigrationInterface {
  name = 'CustomerProfiles1766100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE customer_profiles (
        customer_key text PRIMARY KEY REFERENCES customers (key),
        industry text,
        size text,
        region text,
        annual_contract_value double precision,
        contacts jsonb NOT NULL DEFAULT '[]',
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX customer_profiles_by_industry ON customer_profiles (industry, region)`);
    // Every value the profile had, so that the value trend reads what held when.
    await db.query(`
      CREATE TABLE customer_contract_values (
        id bigserial PRIMARY KEY,
        customer_key text NOT NULL REFERENCES customers (key),
        value double precision,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL
      )`);
    await db.query(`CREATE INDEX customer_contract_values_by_customer ON customer_contract_values (customer_key, recorded_at)`);
    // One row: the company's settings (Accord serves one company per database).
    await db.query(`
      CREATE TABLE customer_analytics_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        settings jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE customer_analytics_settings`);
    await db.query(`DROP TABLE customer_contract_values`);
    await db.query(`DROP TABLE customer_profiles`);
  }
}
