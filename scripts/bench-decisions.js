#!/usr/bin/env node
// `npm run bench:decisions`: what a decision costs against what Temporal itself asks for one.
// On one dev server, interleaved call by call: a bare Update on a minimal workflow (answered
// at once, bench/bare.workflow.ts) and Accord's `POST /tasks/{id}/complete` on real projects
// of a small definition with several sequential tasks. Also prints the read-model lag: the
// time from a decision's 2xx until the next step's task is open in the tasks table.
// Prints p50/p95/p99 of each; the last line reads `decision/bare-update ratio: p50 <x> p99 <y>`.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const toolchain = require('./lib/toolchain');

const DECISIONS = Number(process.env.BENCH_DECISIONS || 300);
// Sequential tasks per project: each decision but a project's last opens the next one.
const STEPS = 5;
// Calls of each kind made before measuring: connections, bundles and caches warm up.
const WARM_UP = 20;
const PROJECTS = Math.ceil((DECISIONS + WARM_UP) / STEPS);
const LAG_POLL_MS = 5;
const BARE_TASK_QUEUE = 'bench-bare';
const DEFINITION_KEY = 'bench-decisions';

const definition = `key: ${DEFINITION_KEY}
name: Decision benchmark
starters: [pm]
roles: { pm: {} }
stages:
  - id: work
    steps:
${Array.from({ length: STEPS }, (_, i) => `      - { id: step${i + 1}, name: Step ${i + 1}, type: task, assignee: { role: pm } }`).join('\n')}
`;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value) => value.toFixed(2);
const sleep = (millis) => new Promise((resolve) => setTimeout(resolve, millis));

function summarize(label, times) {
  const sorted = [...times].sort((a, b) => a - b);
  const result = { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
  process.stdout.write(`${label.padEnd(44)} p50 ${ms(result.p50)} ms   p95 ${ms(result.p95)} ms   p99 ${ms(result.p99)} ms   (n=${sorted.length})\n`);
  return result;
}

async function timed(call) {
  const started = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Watches the tasks table for each project's next open task, in one query per poll: when it
 * appears, the read model has caught up with the decision before it.
 */
function watchOpenTasks(dataSource) {
  const awaited = new Map(); // projectId → { stepId, decidedAt, resolve }
  const lags = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      if (awaited.size > 0) {
        const rows = await dataSource.query(`SELECT id, project_id, step_id FROM tasks WHERE status = 'open' AND project_id = ANY($1::uuid[])`, [
          [...awaited.keys()],
        ]);
        const seenAt = performance.now();
        for (const row of rows) {
          const waiting = awaited.get(row.project_id);
          if (!waiting || waiting.stepId !== row.step_id) continue;
          awaited.delete(row.project_id);
          if (waiting.decidedAt !== undefined) lags.push(seenAt - waiting.decidedAt);
          waiting.resolve(row.id);
        }
      }
      await sleep(LAG_POLL_MS);
    }
  })();
  return {
    lags,
    /** The id of the project's open task of `stepId`, once the read model shows it; `decidedAt` times the lag. */
    next(projectId, stepId, decidedAt) {
      return new Promise((resolve) => awaited.set(projectId, { stepId, decidedAt, resolve }));
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

async function main() {
  toolchain.ensureNodeModules();
  const dist = require('./build').builtModules();
  const { startEmbeddedPostgres, startTemporalDevServer, freePort } = require('./lib/local-services');
  const { createDataSource, migrate } = dist('libs/persistence/src');
  const { loadConfig } = dist('libs/runtime/src');
  const { createApiApp } = dist('apps/api/src/api-app.factory');
  const { createAccordWorker } = dist('apps/worker/src/accord-worker');
  const { createActivities } = dist('libs/activities/src');
  const { NativeConnection, Runtime, DefaultLogger, Worker } = require('@temporalio/worker');
  const { Client, Connection } = require('@temporalio/client');
  const cleanups = [];
  try {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'accord_bench', persistent: false });
    cleanups.push(async () => {
      await pg.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    // The bench's own connections (migrations, the lag watcher) are not the worker's: as deployed, the worker has its own pool.
    const dataSource = createDataSource(pg.url, { poolSize: 2 });
    await dataSource.initialize();
    cleanups.push(() => dataSource.destroy());
    await migrate(dataSource);
    const workerDataSource = createDataSource(pg.url, { applicationName: 'accord-worker' });
    await workerDataSource.initialize();
    cleanups.push(() => workerDataSource.destroy());

    const temporalCli = toolchain.ensureTemporalBinaries({ testServer: false }).cli;
    const temporal = await startTemporalDevServer({ cli: temporalCli, port: await freePort() });
    cleanups.push(temporal.stop);
    const secret = crypto.randomBytes(32).toString('hex');
    const config = loadConfig(
      { DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, ACCORD_JWT_SECRET: secret, LOG_LEVEL: 'error', TEMPORAL_TASK_QUEUE: 'bench' },
      ['DATABASE_URL', 'ACCORD_JWT_SECRET'],
    );
    const app = await createApiApp(config);
    await app.listen(0, '127.0.0.1');
    cleanups.push(() => app.close());
    const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    const { mintLocalToken } = require('./lib/local-token');
    const mint = (user, roles) => mintLocalToken({ secret, user, roles, expiresIn: '1h', env: config });

    Runtime.install({ logger: new DefaultLogger('ERROR') });
    const connection = await NativeConnection.connect({ address: temporal.address });
    cleanups.push(() => connection.close());
    const accordWorker = await createAccordWorker({
      connection,
      namespace: 'default',
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activities: createActivities({ dataSource: workerDataSource }),
    });
    const bareWorker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue: BARE_TASK_QUEUE,
      workflowsPath: require.resolve('../bench/bare.workflow.ts'),
    });
    for (const worker of [accordWorker, bareWorker]) {
      const running = worker.run();
      cleanups.push(async () => {
        worker.shutdown();
        await running;
      });
    }
    const clientConnection = await Connection.connect({ address: temporal.address });
    cleanups.push(() => clientConnection.close());
    const client = new Client({ connection: clientConnection, namespace: 'default' });

    const call = async (token, method, url, body) => {
      const response = await fetch(`${base}${url}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const admin = mint('bench-admin', ['admin']);
    await call(admin, 'PUT', `/definitions/${DEFINITION_KEY}/draft`, { source: definition });
    await call(admin, 'POST', `/definitions/${DEFINITION_KEY}/draft/publish`);

    const pm = mint('bench-pm', ['pm']);
    const watcher = watchOpenTasks(dataSource);
    const projectIds = [];
    const openTasks = [];
    for (let i = 0; i < PROJECTS; i++) {
      const { id } = await call(pm, 'POST', '/projects', { definitionKey: DEFINITION_KEY, name: `bench ${i}` });
      projectIds.push(id);
      openTasks.push(watcher.next(id, 'step1'));
    }
    const bareHandles = [];
    for (let i = 0; i < PROJECTS; i++) {
      bareHandles.push(
        await client.workflow.start('bareUpdatesWorkflow', {
          taskQueue: BARE_TASK_QUEUE,
          workflowId: `bench-bare-${i}-${crypto.randomUUID()}`,
          args: [{ updates: STEPS }],
        }),
      );
    }
    process.stdout.write(`${PROJECTS} projects of ${STEPS} sequential tasks and ${PROJECTS} bare workflows of ${STEPS} Updates started\n`);

    // Round by round (one step of every project), each Accord decision right after a bare Update:
    // both see the same server, worker and machine load.
    const bare = [];
    const decisions = [];
    let made = 0;
    for (let step = 1; step <= STEPS; step++) {
      for (let p = 0; p < PROJECTS && made < DECISIONS + WARM_UP; p++, made++) {
        const handle = bareHandles[p];
        const bareTime = await timed(() => handle.executeUpdate('bareDecision', { args: [{ requestId: `${step}` }] }));
        const taskId = await openTasks[p];
        const decisionTime = await timed(() => call(pm, 'POST', `/tasks/${encodeURIComponent(taskId)}/complete`, {}));
        const decidedAt = performance.now();
        if (step < STEPS) openTasks[p] = watcher.next(projectIds[p], `step${step + 1}`, made >= WARM_UP ? decidedAt : undefined);
        if (made < WARM_UP) continue;
        bare.push(bareTime);
        decisions.push(decisionTime);
      }
    }
    // The last decisions' next tasks: their lags count too.
    await Promise.all(openTasks);
    await watcher.stop();

    const bareResult = summarize('bare Update (answered at once)', bare);
    const decisionResult = summarize('POST /tasks/{id}/complete', decisions);
    summarize('read-model lag (2xx → next task open)', watcher.lags);
    process.stdout.write(
      `decision/bare-update ratio: p50 ${(decisionResult.p50 / bareResult.p50).toFixed(2)} p99 ${(decisionResult.p99 / bareResult.p99).toFixed(2)}\n`,
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
