import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers imported from a CRM exist before their first project (issue 13): their first project's time is unknown until one starts. */
export class CustomersWithoutProjects1766200000000 implements MigrationInterface {
  name = 'CustomersWithoutProjects1766200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE customers ALTER COLUMN first_project_at DROP NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Deleting them would lose what was imported, with their profiles and contract values: refuse instead.
    const [{ count }]: { count: string }[] = await db.query(`SELECT count(*) AS count FROM customers WHERE first_project_at IS NULL`);
    if (Number(count) > 0) throw new Error(`${count} customers have no project yet: delete them (and their profiles and contract values) before reverting`);
    await db.query(`ALTER TABLE customers ALTER COLUMN first_project_at SET NOT NULL`);
  }
}
