import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@accord/persistence';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  drop: () => Promise<void>;
}

/** A fresh, migrated database in the run's embedded PostgreSQL, for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.ACCORD_TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error('ACCORD_TEST_PG_ADMIN_URL is unset: run the suite through `npm test` (jest globalSetup starts PostgreSQL)');
  const name = `accord_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const dataSource = createDataSource(url, { poolSize: 5 });
  await dataSource.initialize();
  await migrate(dataSource);
  return {
    url,
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      const cleaner = new Client({ connectionString: adminUrl });
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}
