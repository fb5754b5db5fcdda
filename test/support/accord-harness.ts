import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NativeConnection, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import jwt from 'jsonwebtoken';
import { createActivities } from '@accord/activities';
import { AccordConfig, loadConfig } from '@accord/runtime';
import { createApiApp } from '../../apps/api/src/api-app.factory';
import { createAccordWorker } from '../../apps/worker/src/accord-worker';
import { SimulationHost } from '../../apps/worker/src/simulation-host';
import { quietTemporalLogs } from './quiet-temporal';
import { createTestDatabase, type TestDatabase } from './test-database';
import { cachedWorkflowBundle } from './workflow-bundle-cache';

// Response bodies are JSON that each test inspects field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a response body is JSON whose shape each test asserts; a type per endpoint would restate the DTOs
export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/**
 * The whole of Accord for an end-to-end test: the real HTTP API and a real worker against
 * the run's Temporal dev server and a fresh PostgreSQL database. Each harness has its own
 * task queue, so test files never pick up each other's work.
 */
export class AccordHarness {
  private worker?: Worker;
  private workerRun?: Promise<void>;
  private bundle?: WorkflowBundleWithSourceMap;
  private simulationHost?: SimulationHost;

  private constructor(
    readonly database: TestDatabase,
    readonly app: INestApplication,
    readonly baseUrl: string,
    private readonly connection: NativeConnection,
    readonly taskQueue: string,
    private readonly secret: string,
  ) {}

  /** `env` adds configuration (such as a lower public feedback limit) to the test's own. */
  static async start(env: Record<string, string> = {}): Promise<AccordHarness> {
    const address = process.env.ACCORD_TEST_TEMPORAL_ADDRESS;
    if (!address) throw new Error('ACCORD_TEST_TEMPORAL_ADDRESS is unset: run the suite through `npm test`');
    quietTemporalLogs();
    const database = await createTestDatabase();
    const secret = randomBytes(32).toString('hex');
    const taskQueue = `accord-test-${randomBytes(4).toString('hex')}`;
    const config = loadConfig(
      { DATABASE_URL: database.url, TEMPORAL_ADDRESS: address, ACCORD_JWT_SECRET: secret, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'warn', ...env },
      ['DATABASE_URL', 'ACCORD_JWT_SECRET'],
    );
    const app = await createApiApp(config);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const connection = await NativeConnection.connect({ address });
    const harness = new AccordHarness(database, app, `http://127.0.0.1:${port}`, connection, taskQueue, secret);
    await harness.startWorker();
    return harness;
  }

  /** Starts a worker (again): workflows resume from their history. */
  async startWorker(): Promise<void> {
    // The same bundle for every harness of the run: a restarted worker runs the same code, as after a crash.
    this.bundle ??= await cachedWorkflowBundle();
    this.worker = await createAccordWorker({
      workflowBundle: this.bundle,
      connection: this.connection,
      namespace: 'default',
      taskQueue: this.taskQueue,
      activities: createActivities({ dataSource: this.database.dataSource }),
    });
    this.workerRun = this.worker.run();
  }

  /** Stops the worker as a deploy or crash would; nothing runs until startWorker(). */
  async stopWorker(): Promise<void> {
    this.worker?.shutdown();
    await this.workerRun;
    this.worker = undefined;
  }

  /** Hosts simulation jobs in this process, as a worker with the time-skipping test server does. */
  async hostSimulations(options: { slots?: number } = {}): Promise<SimulationHost> {
    const testServerPath = process.env.ACCORD_TEMPORAL_TEST_SERVER;
    if (!testServerPath) throw new Error('ACCORD_TEMPORAL_TEST_SERVER is unset: run the suite through `npm test`');
    this.bundle ??= await cachedWorkflowBundle();
    const host = new SimulationHost(this.database.dataSource, {
      testServerPath,
      databaseUrl: this.database.url,
      slots: options.slots ?? 1,
      workflowBundle: this.bundle,
      pollMs: 200,
      heartbeatMs: 2_000,
    });
    await host.start((error) => console.warn('simulation host:', error));
    this.simulationHost = host;
    return host;
  }

  /** Stops hosting simulations: a running one fails, saying the worker stopped. */
  async stopHostingSimulations(): Promise<void> {
    await this.simulationHost?.stop();
    this.simulationHost = undefined;
  }

  /** A local token, as `accord token` mints it: refused while the API is started with an identity provider. */
  token(user: string, roles: string[]): string {
    const { ACCORD_TOKEN_ISSUER: issuer, ACCORD_TOKEN_AUDIENCE: audience } = this.app.get(AccordConfig);
    return jwt.sign({ roles }, this.secret, { algorithm: 'HS256', subject: user, expiresIn: '1h', issuer, audience });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the default body type of ApiResponse (see there)
  async request<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Publishes a definition as an admin would: saved as the draft of its key, then published. */
  async publish(key: string, source: string): Promise<void> {
    const admin = this.token('ada', ['admin']);
    await this.request('PUT', `/definitions/${key}/draft`, { token: admin, body: { source } });
    const published = await this.request('POST', `/definitions/${key}/draft/publish`, { token: admin });
    if (published.status !== 201) throw new Error(`Publishing ${key} failed: ${JSON.stringify(published.body)}`);
  }

  /**
   * Waits until a started project is in the read model. A project's start time is its workflow's first task's: two
   * projects started one after the other can have their first tasks taken the other way round under load (or in the
   * same millisecond), so a test that asserts their order by start waits for each before it starts the next.
   */
  projectRecorded(token: string, projectId: string): Promise<true> {
    return eventually(
      async () => (await this.request('GET', `/projects/${projectId}`, { token })).status === 200 || undefined,
      `project ${projectId} recorded`,
    );
  }

  /** The open task of a step in a project, once it is in the caller's inbox. */
  taskOf(token: string, projectId: string, stepId: string): Promise<{ id: string }> {
    return eventually(async () => {
      const inbox = await this.request('GET', `/inbox?project=${projectId}`, { token });
      return (inbox.body.items as { id: string; stepId: string }[]).find((item) => item.stepId === stepId);
    }, `the ${stepId} task`);
  }

  /** Completes the caller's open task of a step in a project. */
  async completeStep(token: string, projectId: string, stepId: string, body: Record<string, unknown> = {}): Promise<ApiResponse> {
    const { id } = await this.taskOf(token, projectId, stepId);
    return this.request('POST', `/tasks/${encodeURIComponent(id)}/complete`, { token, body });
  }

  async stop(): Promise<void> {
    await this.stopHostingSimulations();
    await this.stopWorker();
    await this.app.close();
    await this.connection.close();
    await this.database.drop();
  }
}

/** Polls until `probe` returns a value (not undefined), as a user refreshing a page would. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
