#!/usr/bin/env node
// `npm run bench:inbox`: seeds BENCH_TASKS tasks (default 1,000,000: 10% open, 5,000 users,
// 50 roles, one project per 50 tasks, each user on 10 projects) into a fresh PostgreSQL database, then times the main inbox queries through
// the real HTTP API, interleaved with its floor: `GET /auth/session`, the same API's cheapest
// authenticated answer (HTTP, the token check and JSON, no database), and a bare Nest app on
// Express as a reference. Then task completion through the API against a Temporal dev server.
// Prints p50/p95/p99 per request; the last line reads `inbox p95: <x> ms at <n> tasks, floor p95: <f> ms`.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const toolchain = require('./lib/toolchain');

const TASKS = Number(process.env.BENCH_TASKS || 1_000_000);
const USERS = 5_000;
const ROLES = 50;
const SAMPLES = Number(process.env.BENCH_SAMPLES || 300);
// A bigger company has more projects, not longer inboxes: 50 tasks a project, each
// project working in one role's tasks, each user on 10 projects of their role.
const PROJECTS = Math.max(ROLES, Math.round(TASKS / 50 / ROLES) * ROLES);
const MEMBERSHIPS = 10;
const COMPLETIONS = Number(process.env.BENCH_COMPLETIONS || 100);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value) => value.toFixed(2);

function summary(label, times) {
  const sorted = [...times].sort((a, b) => a - b);
  const result = { label, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
  process.stdout.write(`${label.padEnd(44)} p50 ${ms(result.p50)} ms   p95 ${ms(result.p95)} ms   p99 ${ms(result.p99)} ms   (n=${times.length})\n`);
  return result;
}

async function timed(call) {
  const started = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function timeAll(label, count, call) {
  const times = [];
  for (let i = 0; i < count; i++) times.push(await timed(() => call(i)));
  return summary(label, times);
}

/**
 * Times every probe `count` times, taking turns (round i runs each probe once, starting one
 * further along each round), so that a noisy moment of this shared machine falls on all of
 * them alike and their ratios hold.
 */
async function timeInterleaved(probes, count) {
  const times = probes.map(() => []);
  for (let i = 0; i < count; i++) {
    for (let turn = 0; turn < probes.length; turn++) {
      const index = (i + turn) % probes.length;
      times[index].push(await timed(() => probes[index].call(i)));
    }
  }
  return probes.map((probe, index) => summary(probe.label, times[index]));
}

/**
 * A bare Nest app on Express with one JSON route and nothing else (no guard, pipe, logger or
 * middleware): what the framework itself costs, for comparison with the floor.
 */
async function startBareNest() {
  const { Controller, Get, Module } = require('@nestjs/common');
  const { NestFactory } = require('@nestjs/core');
  class HelloController {
    hello() {
      return { hello: 'world' };
    }
  }
  Controller()(HelloController);
  Get('hello')(HelloController.prototype, 'hello', Object.getOwnPropertyDescriptor(HelloController.prototype, 'hello'));
  class BareModule {}
  Module({ controllers: [HelloController] })(BareModule);
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${app.getHttpServer().address().port}` };
}

async function seed(dataSource) {
  const chunk = 200_000;
  for (let from = 1; from <= TASKS; from += chunk) {
    const to = Math.min(TASKS, from + chunk - 1);
    await dataSource.query(
      `INSERT INTO tasks (id, project_id, workflow_id, stage_id, step_id, kind, title, candidate_role, assignee_user, form_id, outcomes,
                          status, due_at, created_at, priority, claimed_by, closed_at, completed_by, outcome)
       SELECT 'bench:' || i,
              md5('project' || ((i / 10) % ${PROJECTS}))::uuid,
              'project/bench/' || ((i / 10) % ${PROJECTS}),
              'track', 'step' || (i % 7), 'task', 'Task ' || i || CASE WHEN i % 13 = 0 THEN ' milestone' ELSE '' END,
              -- i / 10 walks every role and user within the open tenth as well as overall.
              CASE WHEN i % 4 = 0 THEN NULL ELSE 'role' || ((i / 10) % ${ROLES}) END,
              CASE WHEN i % 4 = 0 THEN 'user' || (((i / 10) * 7) % ${USERS}) END,
              NULL, '["done"]'::jsonb,
              CASE WHEN i % 10 = 0 THEN 'open' ELSE 'completed' END,
              CASE WHEN i % 3 = 0 THEN NULL ELSE now() + ((i % 40) - 10) * interval '1 day' END,
              now() - (i % 500000) * interval '1 minute',
              i % 3,
              CASE WHEN i % 10 = 0 AND i % 170 = 0 THEN 'user' || (((i / 10) * 7) % ${USERS}) END,
              CASE WHEN i % 10 = 0 THEN NULL ELSE now() END,
              CASE WHEN i % 10 = 0 THEN NULL ELSE 'user' || (i % ${USERS}) END,
              CASE WHEN i % 10 = 0 THEN NULL ELSE 'done' END
       FROM generate_series($1::int, $2::int) AS i`,
      [from, to],
    );
  }
  // Project p holds role (p % ROLES) tasks; user k works on MEMBERSHIPS of their role's projects.
  await dataSource.query(
    `INSERT INTO project_members (project_id, user_id, role, added_by, added_at)
     SELECT DISTINCT md5('project' || ((k % ${ROLES}) + ${ROLES} * ((k * 7 + m) % ${PROJECTS / ROLES})))::uuid, 'user' || k, 'role' || (k % ${ROLES}), 'bench', now()
     FROM generate_series(0, ${USERS - 1}) AS k, generate_series(0, ${MEMBERSHIPS - 1}) AS m`,
  );
  // What autovacuum would have done by now: statistics, and the visibility map that lets counts use index-only scans.
  await dataSource.query('VACUUM ANALYZE tasks');
  await dataSource.query('VACUUM ANALYZE project_members');
}

async function main() {
  toolchain.ensureNodeModules();
  const dist = require('./build').builtModules();
  const { startEmbeddedPostgres, startTemporalDevServer, freePort } = require('./lib/local-services');
  const { createDataSource, migrate } = dist('libs/persistence/src');
  const { loadConfig } = dist('libs/runtime/src');
  const { createApiApp } = dist('apps/api/src/api-app.factory');
  const cleanups = [];
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-pg-'));
      const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'accord_bench', persistent: false });
      cleanups.push(async () => {
        await pg.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      });
      databaseUrl = pg.url;
    }
    const dataSource = createDataSource(databaseUrl, { poolSize: 4 });
    await dataSource.initialize();
    cleanups.push(() => dataSource.destroy());
    await migrate(dataSource);
    const seeded = Date.now();
    await seed(dataSource);
    process.stdout.write(
      `seeded ${TASKS.toLocaleString('en')} tasks (${(TASKS / 10).toLocaleString('en')} open, ${USERS} users, ${ROLES} roles, ${PROJECTS} projects, ${MEMBERSHIPS} per user) in ${((Date.now() - seeded) / 1000).toFixed(1)} s\n`,
    );

    const temporalCli = toolchain.ensureTemporalBinaries({ testServer: false }).cli;
    const temporal = await startTemporalDevServer({ cli: temporalCli, port: await freePort() });
    cleanups.push(temporal.stop);
    const secret = crypto.randomBytes(32).toString('hex');
    const config = loadConfig(
      { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, ACCORD_JWT_SECRET: secret, LOG_LEVEL: 'error', TEMPORAL_TASK_QUEUE: 'bench' },
      ['DATABASE_URL', 'ACCORD_JWT_SECRET'],
    );
    const app = await createApiApp(config);
    await app.listen(0, '127.0.0.1');
    cleanups.push(() => app.close());
    const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    const { mintLocalToken } = require('./lib/local-token');
    // The configuration's names are the environment's: its issuer and audience are the ones the API expects.
    const mint = (user, roles) => mintLocalToken({ secret, user, roles, expiresIn: '1h', env: config });
    const tokenOf = (i) => mint(`user${i % USERS}`, [`role${i % ROLES}`]);
    const tokens = Array.from({ length: SAMPLES }, (_, i) => tokenOf((i * 7919) % USERS));
    const get = async (url, token) => {
      const response = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      return response.json();
    };

    const bare = await startBareNest();
    cleanups.push(() => bare.app.close());
    const getBare = async (url) => {
      const response = await fetch(`${bare.base}${url}`);
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      return response.json();
    };

    await timeAll('warm-up', 50, (i) => get('/inbox', tokens[i % tokens.length]));
    await timeAll('warm-up (floor and bare Nest)', 50, (i) => Promise.all([get('/auth/session', tokens[i % tokens.length]), getBare('/hello')]));
    const cursors = [];
    for (const token of tokens) cursors.push((await get('/inbox?limit=50', token)).nextCursor);
    // The main inbox queries (what an approver's inbox page does; the headline p95 is their worst),
    // then free-text search (reads every open task of the caller's roles, no text index) and the
    // counts per filter (an aggregate of the whole open inbox): shown, not in the headline.
    const inboxProbes = [
      { label: 'GET /inbox (first page, 50)', call: (i) => get('/inbox?limit=50', tokens[i]) },
      { label: 'GET /inbox next page (keyset cursor)', call: (i) => get(`/inbox?limit=50${cursors[i] ? `&cursor=${cursors[i]}` : ''}`, tokens[i]) },
      { label: 'GET /inbox?sort=due', call: (i) => get('/inbox?sort=due', tokens[i]) },
      { label: 'GET /inbox?sort=priority&priority=high', call: (i) => get('/inbox?sort=priority&priority=high', tokens[i]) },
      { label: 'GET /inbox?overdue=true', call: (i) => get('/inbox?overdue=true', tokens[i]) },
    ];
    const otherProbes = [
      { label: 'GET /inbox?q=milestone (text search)', call: (i) => get('/inbox?q=milestone', tokens[i]) },
      { label: 'GET /inbox/counts (per filter)', call: (i) => get('/inbox/counts', tokens[i]) },
      { label: 'floor: GET /auth/session', call: (i) => get('/auth/session', tokens[i]) },
      { label: 'reference: bare Nest on Express', call: () => getBare('/hello') },
    ];
    const results = await timeInterleaved([...inboxProbes, ...otherProbes], SAMPLES);
    const headline = Math.max(...results.slice(0, inboxProbes.length).map((result) => result.p95));
    const floorResult = results.find((result) => result.label.startsWith('floor'));
    const reference = results.find((result) => result.label.startsWith('reference'));
    const floor = floorResult.p95;
    // The p50 ratios too: on a loaded machine the p95s mostly measure the other processes.
    const worstP50 = Math.max(...results.slice(0, inboxProbes.length).map((result) => result.p50));
    const ratio = (a, b) => (a / b).toFixed(2);
    process.stdout.write(
      `ratios: inbox/floor p95 ${ratio(headline, floor)} p50 ${ratio(worstP50, floorResult.p50)}; floor/bare Nest p95 ${ratio(floor, reference.p95)} p50 ${ratio(floorResult.p50, reference.p50)}\n`,
    );

    if (process.env.BENCH_EXPLAIN) await explain(dist, dataSource);
    if (COMPLETIONS > 0) await benchCompletion({ dist, config, temporal, base, mint, dataSource });

    process.stdout.write(`inbox p95: ${ms(headline)} ms at ${TASKS} tasks, floor p95: ${ms(floor)} ms\n`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

/**
 * Prints the plan of the first page's statement (page and total) for one user (BENCH_EXPLAIN=1),
 * for docs/benchmarks.md: prepared and planned once, as the API's PreparedStatements run it.
 */
async function explain(dist, dataSource) {
  const { inboxSql } = dist('apps/api/src/tasks/inbox.sql');
  const { sql, params } = inboxSql({ userId: 'user7', roles: ['role7'] }, { status: 'open', sort: 'created', limit: 50 });
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SET plan_cache_mode = force_generic_plan');
    await runner.query(`PREPARE inbox_page AS ${sql}`);
    // EXPLAIN takes no bind parameters: the values go in as literals (text, or a text array).
    const literal = (value) => (Array.isArray(value) ? `ARRAY[${value.map(literal).join(', ')}]` : `'${String(value).replace(/'/g, "''")}'`);
    const execute = `EXECUTE inbox_page(${params.map(literal).join(', ')})`;
    // The second run's plan: the one every later run reuses.
    await runner.query(execute);
    const plan = await runner.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${execute}`);
    process.stdout.write(`\n-- plan: first page and total (prepared)\n${plan.map((row) => row['QUERY PLAN']).join('\n')}\n\n`);
    await runner.query('DEALLOCATE inbox_page');
    await runner.query('RESET plan_cache_mode');
  } finally {
    await runner.release();
  }
}

/** Completes real tasks of real projects through the API: Update to the workflow, read-model write, answer. */
async function benchCompletion({ dist, config, temporal, base, mint, dataSource }) {
  const { NativeConnection, Runtime, DefaultLogger } = require('@temporalio/worker');
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const { createAccordWorker } = dist('apps/worker/src/accord-worker');
  const { createActivities } = dist('libs/activities/src');
  const connection = await NativeConnection.connect({ address: temporal.address });
  const worker = await createAccordWorker({
    connection,
    namespace: 'default',
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createActivities({ dataSource }),
  });
  const running = worker.run();
  try {
    const pm = mint('bench-pm', ['pm']);
    const call = async (method, url, body) => {
      const response = await fetch(`${base}${url}`, {
        method,
        headers: { authorization: `Bearer ${pm}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const projectIds = [];
    for (let i = 0; i < COMPLETIONS; i++) projectIds.push((await call('POST', '/projects', { definitionKey: 'expectation-signoff', name: `bench ${i}` })).id);
    const taskIds = [];
    for (const projectId of projectIds) {
      for (;;) {
        const rows = await dataSource.query(`SELECT id FROM tasks WHERE project_id = $1 AND step_id = 'record' AND status = 'open'`, [projectId]);
        if (rows.length > 0) {
          taskIds.push(rows[0].id);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    await timeAll('POST /tasks/{id}/complete (Update + write)', taskIds.length, (i) =>
      call('POST', `/tasks/${encodeURIComponent(taskIds[i])}/complete`, { data: { summary: 'Benchmark expectation', priority: 'normal' } }),
    );
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
