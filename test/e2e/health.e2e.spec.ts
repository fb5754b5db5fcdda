import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@accord/runtime';
import { createApiApp } from '../../apps/api/src/api-app.factory';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../scripts/lib/local-services');

describe('GET /health when Temporal is unreachable', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    const nobody = await freePort();
    app = await createApiApp(
      loadConfig({ DATABASE_URL: database.url, TEMPORAL_ADDRESS: `127.0.0.1:${nobody}`, ACCORD_JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'error' }),
    );
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('answers 503 and names Temporal as down while the database is up', async () => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'degraded', database: 'up', temporal: 'down' });
  });
});
