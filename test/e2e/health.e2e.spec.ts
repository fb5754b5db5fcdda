import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { loadConfig } from '@accord/runtime';
import { createApiApp } from '../../apps/api/src/api-app.factory';
import { MetricsServer } from '../../apps/api/src/metrics/metrics-server';
import { eventually } from '../support/accord-harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is plain CommonJS with no type declarations: an import would not type-check
const { freePort } = require('../../scripts/lib/local-services');

/** A log destination that keeps the lines the API writes, as a log shipper would read them. */
function logLines(): { write: (line: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)) };
}

async function startApi(env: Record<string, string>, log = logLines()): Promise<{ app: INestApplication; url: string }> {
  const app = await createApiApp(loadConfig({ ACCORD_JWT_SECRET: randomBytes(32).toString('hex'), ...env }), { logDestination: log });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

describe('health when Temporal is unreachable', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let url: string;
  const log = logLines();

  beforeAll(async () => {
    database = await createTestDatabase();
    const nobody = await freePort();
    ({ app, url } = await startApi({ DATABASE_URL: database.url, TEMPORAL_ADDRESS: `127.0.0.1:${nobody}`, LOG_LEVEL: 'info' }, log));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('answers GET /health with 503 and names Temporal as down while the database is up', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'degraded', database: 'up', temporal: 'down' });
  });

  it('answers readiness with 503 naming Temporal, while liveness answers 200', async () => {
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'error', info: { database: { status: 'up' } }, error: { temporal: { status: 'down' } } });
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
  });

  it("logs a request as one JSON line carrying the caller's request id, which the answer echoes", async () => {
    const response = await fetch(`${url}/health/live`, { headers: { 'x-request-id': 'probe-42' } });
    expect(response.headers.get('x-request-id')).toBe('probe-42');
    const line = await eventually(async () => log.lines.find((entry) => entry.includes('probe-42')), 'the log line of the request');
    expect(JSON.parse(line)).toMatchObject({
      level: 'info',
      service: 'api',
      requestId: 'probe-42',
      req: { method: 'GET', url: '/health/live' },
      res: { statusCode: 200 },
      msg: 'request completed',
    });
  });

  it('carries the request id on what is logged while the request is handled, not only on its closing line', async () => {
    expect((await fetch(`${url}/health/ready`, { headers: { 'x-request-id': 'ready-7' } })).status).toBe(503);
    const lines = await eventually(async () => {
      const found = log.lines.map((entry) => JSON.parse(entry)).filter((entry) => entry.requestId === 'ready-7');
      return found.length >= 2 ? found : undefined;
    }, 'the lines of the readiness request');
    // Terminus logs the failed check during the request; pino-http logs the answer after it.
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'error', msg: expect.stringContaining('Health Check has failed') }),
        expect.objectContaining({ level: 'error', msg: 'request errored', res: { statusCode: 503 } }),
      ]),
    );
  });

  it('gives a request that came without an id a new one, in its log line and its answer', async () => {
    const response = await fetch(`${url}/health/live`);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = await eventually(async () => log.lines.find((entry) => entry.includes(id!)), 'the log line of the request');
    expect(JSON.parse(line)).toMatchObject({ requestId: id, res: { statusCode: 200 } });
  });

  it('writes no bearer token into the log', async () => {
    await fetch(`${url}/health/live`, { headers: { authorization: 'Bearer secret-token-value', 'x-request-id': 'with-token' } });
    const line = await eventually(async () => log.lines.find((entry) => entry.includes('with-token')), 'the log line of the request');
    expect(line).not.toContain('secret-token-value');
  });

  it("writes every log line, its own and Nest's, as JSON", () => {
    expect(log.lines.some((line) => line.includes('Nest application successfully started'))).toBe(true);
    for (const line of log.lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('health when PostgreSQL goes away', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const address = process.env.ACCORD_TEST_TEMPORAL_ADDRESS;
    if (!address) throw new Error('ACCORD_TEST_TEMPORAL_ADDRESS is unset: run the suite through `npm test`');
    database = await createTestDatabase();
    ({ app, url } = await startApi({ DATABASE_URL: database.url, TEMPORAL_ADDRESS: address, LOG_LEVEL: 'error', ACCORD_METRICS_PORT: '0' }));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('is ready while PostgreSQL and Temporal answer, and answers readiness 503 naming the database once it is gone, while liveness answers 200', async () => {
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, temporal: { status: 'up' } } });

    // The API's database disappears under it (its connections are ended), as in an outage.
    const admin = new Client({ connectionString: process.env.ACCORD_TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE ${new URL(database.url).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();

    const down = await eventually(async () => {
      const response = await fetch(`${url}/health/ready`);
      return response.status === 503 ? response : undefined;
    }, 'readiness to fail');
    expect(await down.json()).toMatchObject({ status: 'error', error: { database: { status: 'down' } }, info: { temporal: { status: 'up' } } });
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    const legacy = await fetch(`${url}/health`);
    expect(legacy.status).toBe(503);
    expect(await legacy.json()).toEqual({ status: 'degraded', database: 'down', temporal: 'up' });

    // Metrics still answer, with the request figures, and say that the read model could not be read.
    const scrape = await fetch(`http://127.0.0.1:${app.get(MetricsServer).port}/metrics`);
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    expect(text).toMatch(/^accord_read_model_read_failures_total [1-9]/m);
    expect(text).toContain('accord_http_request_duration_seconds_count{method="GET",route="/health/ready",status="503"}');
  });
});
