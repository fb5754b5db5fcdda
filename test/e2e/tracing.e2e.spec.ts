import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { eventually } from '../support/accord-harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../scripts/lib/local-services');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { build } = require('../../scripts/build');

const root = path.resolve(__dirname, '../..');
const out = path.join(root, '.test-results', `tracing-${process.pid}`);

/**
 * The instrumentations patch http, Express and pg through Node's require, which Jest's own module
 * system bypasses: so the API and the worker run here as deployed, compiled, each in a process of its own.
 */
class AccordProcess {
  readonly lines: string[] = [];
  private pending = '';

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => {
      const text = this.pending + chunk.toString('utf8');
      const lines = text.split('\n');
      this.pending = lines.pop() ?? '';
      this.lines.push(...lines.filter(Boolean));
    });
    child.stderr.on('data', (chunk: Buffer) => this.lines.push(chunk.toString('utf8')));
  }

  static start(main: string, env: Record<string, string>): AccordProcess {
    return new AccordProcess(spawn(process.execPath, [path.join(out, main)], { env: { PATH: process.env.PATH ?? '', ...env } }));
  }

  /** The JSON lines written so far. */
  entries(): Record<string, unknown>[] {
    return this.lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  waitFor(message: string): Promise<true> {
    return eventually(
      async () =>
        this.child.exitCode !== null || this.child.signalCode !== null
          ? Promise.reject(new Error(`exited: ${this.lines.join('\n')}`))
          : this.entries().some((entry) => entry.msg === message) || undefined,
      message,
      120_000,
    );
  }

  /** Stops it as a deploy does; what it still buffers is flushed on the way out. */
  async stop(): Promise<void> {
    // Nest ends the API by raising the signal again: a process killed by it has a signalCode and no exitCode.
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string } }[];
  service: string;
}

/** An OTLP/HTTP receiver with JSON bodies, as a collector, Jaeger or Tempo would be. */
class OtlpReceiver {
  readonly requests: string[] = [];
  readonly spans: OtlpSpan[] = [];

  private constructor(readonly server: http.Server) {}

  static async start(): Promise<OtlpReceiver> {
    const receiver: OtlpReceiver = new OtlpReceiver(
      http.createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        request.on('end', () => {
          receiver.requests.push(`${request.method} ${request.url}`);
          if (request.url === '/v1/traces') receiver.collect(JSON.parse(body));
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        });
      }),
    );
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  // The OTLP JSON of ExportTraceServiceRequest: resourceSpans[].scopeSpans[].spans[].
  private collect(request: {
    resourceSpans: { resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: { spans: Omit<OtlpSpan, 'service'>[] }[] }[];
  }): void {
    for (const { resource, scopeSpans } of request.resourceSpans) {
      const service = resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '';
      for (const { spans } of scopeSpans) this.spans.push(...spans.map((span) => ({ ...span, service })));
    }
  }

  close(): Promise<void> {
    // The exporters keep their connections alive.
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;

describe('traces of a decision', () => {
  let database: TestDatabase;
  let definitions: string;
  const secret = randomBytes(32).toString('hex');
  const started: AccordProcess[] = [];
  const receivers: OtlpReceiver[] = [];

  const token = (user: string, roles: string[]) =>
    jwt.sign({ roles }, secret, { algorithm: 'HS256', subject: user, expiresIn: '1h', issuer: 'accord', audience: 'accord-api' });
  const pm = token('paula', ['pm']);

  beforeAll(async () => {
    build(out);
    database = await createTestDatabase();
    // Only the smallest shipped definition, so that the API starts quickly.
    definitions = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-tracing-'));
    fs.copyFileSync(path.join(root, 'definitions/expectation-signoff.yaml'), path.join(definitions, 'expectation-signoff.yaml'));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(started.map((running) => running.stop()));
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await database?.drop();
    fs.rmSync(out, { recursive: true, force: true });
    if (definitions) fs.rmSync(definitions, { recursive: true, force: true });
  }, 60_000);

  /** The API and a worker on a queue of their own, with `env` added to their configuration. */
  async function startAccord(env: Record<string, string>): Promise<{ api: AccordProcess; worker: AccordProcess; baseUrl: string }> {
    const port = await freePort();
    const common = {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: process.env.ACCORD_TEST_TEMPORAL_ADDRESS!,
      TEMPORAL_TASK_QUEUE: `accord-test-${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'info',
      ...env,
    };
    const api = AccordProcess.start('apps/api/src/main.js', { ...common, PORT: String(port), ACCORD_JWT_SECRET: secret, ACCORD_DEFINITIONS_DIR: definitions });
    const worker = AccordProcess.start('apps/worker/src/main.js', common);
    started.push(api, worker);
    await Promise.all([api.waitFor('api listening'), worker.waitFor('worker started')]);
    return { api, worker, baseUrl: `http://127.0.0.1:${port}` };
  }

  /** Starts a sign-off project and records its customer's expectations: the decision, with its X-Request-Id. */
  async function decide(baseUrl: string): Promise<string> {
    const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(`${baseUrl}${url}`, {
        method,
        headers: { authorization: `Bearer ${pm}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return {
        status: response.status,
        body: (await response.json()) as Record<string, unknown> & { items?: { id: string; projectId: string; stepId: string }[] },
      };
    };
    const project = await call('POST', '/projects', {
      definitionKey: 'expectation-signoff',
      name: 'Traced sign-off',
      members: [{ user: 'carl', role: 'customer' }],
    });
    expect(project.status).toBe(201);
    const task = await eventually(
      async () => (await call('GET', '/inbox')).body.items?.find((item) => item.projectId === project.body.id && item.stepId === 'record'),
      'the record task',
    );
    const requestId = `traced-${randomUUID()}`;
    const completed = await call(
      'POST',
      `/tasks/${encodeURIComponent(task.id)}/complete`,
      { data: { summary: 'Go live before the trade fair', priority: 'high' } },
      { 'x-request-id': requestId },
    );
    expect(completed.status).toBe(200);
    return requestId;
  }

  it('follows a decision from the HTTP request through the Temporal client, the workflow and an activity to PostgreSQL, in one trace that its log lines name', async () => {
    const receiver = await OtlpReceiver.start();
    receivers.push(receiver);
    const { api, worker, baseUrl } = await startAccord({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });

    const requestId = await decide(baseUrl);

    const received = () => receiver.spans.map((span) => `${span.service} ${span.name} ${span.traceId}/${span.spanId}<-${span.parentSpanId ?? ''}`).join(', ');
    const request = await eventually(
      async () => receiver.spans.find((span) => span.kind === SPAN_KIND_SERVER && span.name === 'POST /tasks/:id/complete'),
      'the request span',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; spans: ${received()}`);
    });
    const trace = () => receiver.spans.filter((span) => span.traceId === request.traceId);
    const byId = (spanId?: string) => trace().find((span) => span.spanId === spanId);
    /** The span and its ancestors up to the trace's root, nearest first. */
    const lineage = (span: OtlpSpan) => {
      const chain = [span];
      for (let parent = byId(span.parentSpanId); parent; parent = byId(parent.parentSpanId)) chain.push(parent);
      return chain;
    };
    // A query the decision's activity made in the worker, once every span above it has arrived too.
    const query = await eventually(
      async () =>
        trace().find(
          (span) => span.service === 'accord-worker' && span.kind === SPAN_KIND_CLIENT && span.name.startsWith('pg.query:') && lineage(span).at(-1) === request,
        ),
      'a query span of the decision, linked to the request',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; spans: ${received()}`);
    });

    const names = lineage(query).map((span) => `${span.service} ${span.name}`);
    const position = (pattern: RegExp) => names.findIndex((name) => pattern.test(name));
    const chain = [
      /^accord-worker RunActivity:/,
      /^accord-worker HandleUpdate:completeTask$/,
      /^accord-api StartWorkflowUpdate:completeTask$/,
      /^accord-api POST \/tasks\/:id\/complete$/,
    ].map(position);
    // Each found, each an ancestor of the one before: query → activity → workflow's update → client's update → request.
    expect({ names, chain }).toEqual({ names, chain: [...chain].sort((a, b) => a - b) });
    expect(chain.every((index) => index > 0)).toBe(true);
    expect(request.parentSpanId ?? '').toBe('');

    // The request's closing line names its trace, and no line of the request names another.
    const lines = api.entries().filter((entry) => entry.requestId === requestId);
    expect(lines.find((entry) => entry.msg === 'request completed')).toMatchObject({
      traceId: request.traceId,
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(lines.filter((entry) => entry.traceId !== request.traceId)).toEqual([]);

    // The worker's line for the decision's activity names the same trace, and the activity's own span.
    const activity = lineage(query).find((span) => span.name.startsWith('RunActivity:'))!;
    const activityType = activity.name.slice('RunActivity:'.length);
    const workerLine = await eventually(
      async () => worker.entries().find((entry) => entry.msg === 'activity completed' && entry.traceId === request.traceId),
      "the worker's line for the decision's activity",
    );
    expect(workerLine).toMatchObject({ service: 'worker', activityType, spanId: activity.spanId, durationMs: expect.any(Number) });
    // One spelling of the trace's fields: Temporal's own `trace_id` is not passed on beside ours.
    expect(worker.entries().filter((entry) => 'trace_id' in entry || 'span_id' in entry)).toEqual([]);
  }, 180_000);

  it('exports nothing and adds no trace id to the logs when no endpoint is set', async () => {
    const canary = await OtlpReceiver.start();
    receivers.push(canary);
    // The OTel SDK's own variable for the traces' endpoint: an exporter built with its defaults would send here.
    const { api, worker, baseUrl } = await startAccord({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${canary.url}/v1/traces` });

    const requestId = await decide(baseUrl);
    // Stopped as a deploy does, so that anything buffered would have been flushed.
    await Promise.all([api.stop(), worker.stop()]);

    expect(canary.requests).toEqual([]);
    const lines = api.entries().filter((entry) => entry.requestId === requestId);
    expect(lines.map((entry) => entry.msg)).toContain('request completed');
    expect(lines.filter((entry) => 'traceId' in entry || 'spanId' in entry)).toEqual([]);
    // The worker still writes its line for each activity, with no trace to name.
    expect(worker.entries().filter((entry) => entry.msg === 'activity completed').length).toBeGreaterThan(0);
    expect(worker.entries().filter((entry) => 'traceId' in entry)).toEqual([]);
  }, 180_000);
});
