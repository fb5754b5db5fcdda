import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MetricsServer } from '../../apps/api/src/metrics/metrics-server';
import { AccordHarness, eventually } from '../support/accord-harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is plain CommonJS with no type declarations: an import would not type-check
const { freePort } = require('../../scripts/lib/local-services');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is plain CommonJS with no type declarations: an import would not type-check
const { build } = require('../../scripts/build');

const root = path.resolve(__dirname, '../..');
const out = path.join(root, '.test-results', `metrics-${process.pid}`);
const DASHBOARD = path.join(root, 'ops/grafana/dashboards/accord.json');

const METERED = `key: metered
name: A metered review
starters: [pm]
roles: { pm: {} }
stages:
  - id: work
    steps:
      - { id: review, name: Review the plan, type: task, assignee: { role: pm }, outcomes: [reviewed] }
      - { id: file, name: File the plan, type: task, assignee: { role: pm } }
`;

// Its task escalates to the project's pm a second after it opens, in real time.
const ESCALATING = `key: escalating
name: A task nobody does in time
starters: [pm]
roles: { pm: {} }
stages:
  - id: work
    steps:
      - { id: wait, name: Wait for someone, type: task, assignee: { role: pm }, escalations: [ { after: PT1S, do: notify, to: { role: pm } } ] }
`;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition, and the names its TYPE lines declare. */
function parseExposition(text: string): { samples: Sample[]; families: Set<string> } {
  const samples: Sample[] = [];
  const families = new Set<string>();
  for (const line of text.split('\n')) {
    const declared = /^# TYPE (\S+) \S+/.exec(line);
    if (declared) families.add(declared[1]);
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!sample || line.startsWith('#')) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  return { samples, families };
}

/** Metric names a PromQL expression reads: identifiers that are neither functions, keywords, labels nor strings. */
function metricNamesIn(expression: string): string[] {
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const keywords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);
  return [...stripped.matchAll(/([a-zA-Z_:][\w:]*)\s*(\()?/g)].filter(([, name, call]) => !call && !keywords.has(name.toLowerCase())).map(([, name]) => name);
}

describe('metrics of the API and the worker', () => {
  let accord: AccordHarness;
  let worker: ChildProcessWithoutNullStreams;
  let workerMetricsPort: number;
  const workerLines: string[] = [];
  let paula: string;
  const projects: string[] = [];

  async function scrape(url: string): Promise<{ text: string; samples: Sample[]; families: Set<string> }> {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    return { text, ...parseExposition(text) };
  }

  const apiMetrics = () => scrape(`http://127.0.0.1:${accord.app.get(MetricsServer).port}/metrics`);
  const workerMetrics = () => scrape(`http://127.0.0.1:${workerMetricsPort}/metrics`);
  const valueOf = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
    samples
      .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
      .reduce((sum, sample) => sum + sample.value, 0);

  beforeAll(async () => {
    accord = await AccordHarness.start({ ACCORD_METRICS_PORT: '0' });
    // The worker as deployed: the compiled main, in a process of its own, on the harness's queue.
    build(out);
    workerMetricsPort = await freePort();
    worker = spawn(process.execPath, [path.join(out, 'apps/worker/src/main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: accord.database.url,
        TEMPORAL_ADDRESS: process.env.ACCORD_TEST_TEMPORAL_ADDRESS!,
        TEMPORAL_TASK_QUEUE: accord.taskQueue,
        ACCORD_WORKER_METRICS_PORT: String(workerMetricsPort),
        LOG_LEVEL: 'info',
      },
    });
    let pending = '';
    worker.stdout.on('data', (chunk: Buffer) => {
      const text = pending + chunk.toString('utf8');
      const lines = text.split('\n');
      pending = lines.pop() ?? '';
      workerLines.push(...lines.filter(Boolean));
    });
    worker.stderr.resume();
    await eventually(
      async () => (workerLines.some((line) => line.includes('"msg":"worker started"')) ? true : undefined),
      'the worker process to start',
      120_000,
    );
    // From here on the spawned worker runs every workflow and activity of this file.
    await accord.stopWorker();

    paula = accord.token('paula', ['pm']);
    await accord.publish('metered', METERED);
    for (const name of ['First plan', 'Second plan']) {
      const started = await accord.request('POST', '/projects', { token: paula, body: { definitionKey: 'metered', name } });
      expect(started.status).toBe(201);
      projects.push(started.body.id);
    }
    for (const projectId of projects) await accord.taskOf(paula, projectId, 'review');
  }, 240_000);

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await accord?.stop();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('counts a decision under its outcome, once', async () => {
    const before = valueOf((await apiMetrics()).samples, 'accord_decisions_total', { outcome: 'reviewed' });
    expect((await accord.completeStep(paula, projects[0], 'review', { outcome: 'reviewed' })).status).toBe(200);
    const { samples } = await apiMetrics();
    expect(valueOf(samples, 'accord_decisions_total', { outcome: 'reviewed' })).toBe(before + 1);
    expect(valueOf(samples, 'accord_decisions_total')).toBe(before + 1);
  });

  it('does not count a decision again when its request is repeated', async () => {
    const { id: taskId } = await accord.taskOf(paula, projects[0], 'file');
    const decide = () => accord.request('POST', `/tasks/${encodeURIComponent(taskId)}/complete`, { token: paula, body: { requestId: 'file-once' } });
    expect((await decide()).status).toBe(200);
    const counted = valueOf((await apiMetrics()).samples, 'accord_decisions_total');
    const repeated = await decide();
    expect(repeated.status).toBe(200);
    expect(repeated.body).toMatchObject({ taskId, status: 'completed', requestId: 'file-once' });
    expect(valueOf((await apiMetrics()).samples, 'accord_decisions_total')).toBe(counted);
  });

  it('times requests by route template and status, and no label of any series holds a project or task id', async () => {
    const { id: taskId } = await accord.taskOf(paula, projects[1], 'review');
    expect((await accord.request('GET', `/projects/${projects[1]}`, { token: paula })).status).toBe(200);
    expect((await accord.request('GET', `/tasks/${encodeURIComponent(taskId)}`, { token: paula })).status).toBe(200);
    const { text, samples } = await apiMetrics();
    const series = samples.filter((sample) => sample.name === 'accord_http_request_duration_seconds_count');
    expect(series).toEqual(expect.arrayContaining([expect.objectContaining({ labels: { method: 'GET', route: '/projects/{id}', status: '200' } })]));
    expect(series).toEqual(expect.arrayContaining([expect.objectContaining({ labels: { method: 'GET', route: '/tasks/{id}', status: '200' } })]));
    expect(series).toEqual(expect.arrayContaining([expect.objectContaining({ labels: { method: 'POST', route: '/tasks/{id}/complete', status: '200' } })]));
    for (const id of [...projects, taskId]) expect(text).not.toContain(id);
    // Nor whose request it was.
    expect(text).not.toContain('paula');
  });

  it('reports as many open tasks as the inbox shows, and none overdue when none has a due date', async () => {
    const inbox = await accord.request('GET', '/inbox', { token: paula });
    expect(inbox.body.total).toBeGreaterThan(0);
    // The gauges are read from the read model at most every 5 s.
    const open = await eventually(async () => {
      const { samples } = await apiMetrics();
      return valueOf(samples, 'accord_tasks_open') === inbox.body.total ? samples : undefined;
    }, `accord_tasks_open to be ${inbox.body.total}`);
    expect(valueOf(open, 'accord_tasks_overdue')).toBe(0);
    expect(valueOf(open, 'accord_incidents_open')).toBe(0);
  });

  it('counts an escalation that fired under its rung, and the notification it queued is sent, leaving no backlog', async () => {
    const before = valueOf((await apiMetrics()).samples, 'accord_escalations_total', { rung: 'notify' });
    await accord.publish('escalating', ESCALATING);
    const started = await accord.request('POST', '/projects', { token: paula, body: { definitionKey: 'escalating', name: 'Late plan' } });
    expect(started.status).toBe(201);
    const samples = await eventually(async () => {
      const scraped = (await apiMetrics()).samples;
      return valueOf(scraped, 'accord_escalations_total', { rung: 'notify' }) === before + 1 && valueOf(scraped, 'accord_notifications_backlog') === 0
        ? scraped
        : undefined;
    }, 'the escalation to be counted and its notification sent');
    expect(valueOf(samples, 'accord_escalations_total', { rung: 'remind' })).toBe(0);
    expect(valueOf(samples, 'accord_notifications_dead_letters')).toBe(0);
    expect(valueOf(samples, 'accord_outbox_lag_seconds')).toBe(0);
    expect(workerLines.map((line) => JSON.parse(line))).toEqual(
      expect.arrayContaining([expect.objectContaining({ service: 'worker', msg: 'notification', kind: 'escalation' })]),
    );
  });

  it('does not serve metrics on the API port itself, and times that 404 as an unmatched route, not by its URL', async () => {
    const response = await fetch(`${accord.baseUrl}/metrics`);
    expect(response.status).toBe(404);
    const { samples } = await apiMetrics();
    const notFound = samples.filter((sample) => sample.name === 'accord_http_request_duration_seconds_count' && sample.labels.status === '404');
    expect(notFound.map((sample) => sample.labels.route)).toEqual(['unmatched']);
  });

  it("serves the worker's own metrics and the Temporal SDK's from the worker runtime", async () => {
    const { samples } = await eventually(async () => {
      const scraped = await workerMetrics();
      return scraped.samples.some((sample) => sample.name.startsWith('temporal_')) ? scraped : undefined;
    }, 'the Temporal SDK metrics on the worker');
    expect(valueOf(samples, 'accord_worker_temporal_metrics_up')).toBe(1);
    expect(samples.some((sample) => sample.name === 'accord_worker_process_cpu_seconds_total')).toBe(true);
    expect(samples.some((sample) => sample.name.startsWith('temporal_workflow_task'))).toBe(true);
    for (const id of projects) expect(samples.some((sample) => Object.values(sample.labels).some((value) => value.includes(id)))).toBe(false);
  });

  it('measures how far the read model lags behind what workflows decided, by write and by nothing else', async () => {
    const { samples } = await workerMetrics();
    const lag = samples.filter((sample) => sample.name.startsWith('accord_read_model_lag_seconds'));
    // Every project opened a task and recorded its start: each write observed once it landed.
    expect(valueOf(lag, 'accord_read_model_lag_seconds_count', { write: 'openTask' })).toBeGreaterThanOrEqual(projects.length);
    expect(valueOf(lag, 'accord_read_model_lag_seconds_count', { write: 'recordProjectStarted' })).toBeGreaterThanOrEqual(projects.length);
    const [count, sum] = ['_count', '_sum'].map((suffix) => valueOf(lag, `accord_read_model_lag_seconds${suffix}`));
    // A real lag: more than nothing, and far less than the minutes this file runs.
    expect(sum).toBeGreaterThan(0);
    expect(sum / count).toBeLessThan(30);
    expect(new Set(lag.flatMap((sample) => Object.keys(sample.labels)))).toEqual(new Set(['write', 'le']));
  });

  it('writes the worker log as JSON lines', () => {
    expect(workerLines.length).toBeGreaterThan(0);
    for (const line of workerLines) expect(JSON.parse(line)).toMatchObject({ service: 'worker', level: expect.any(String), msg: expect.any(String) });
  });

  it("names in the dashboard's queries only metrics that the API or the worker exposes", async () => {
    const [api, worker] = await Promise.all([apiMetrics(), workerMetrics()]);
    const exposed = new Set([...api.families, ...worker.families, ...api.samples.map((sample) => sample.name), ...worker.samples.map((sample) => sample.name)]);
    const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
    const named = dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).flatMap((target) => metricNamesIn(target.expr).map((metric) => ({ panel: panel.title, metric }))),
    );
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter(({ metric }) => !exposed.has(metric))).toEqual([]);
  });
});
