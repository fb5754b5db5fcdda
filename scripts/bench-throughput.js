#!/usr/bin/env node
// `npm run bench:throughput`: how many projects Accord carries to their end per second
// against what Temporal itself manages, on one dev server in one run. BENCH_PROJECTS
// (default 500) projects of a slice definition (SLICE_TASKS sequential human tasks) are
// started, decided task by task and read back as `completed` through the HTTP API (the API
// and the worker each a process of their own, as deployed); as many bare workflows
// (bench/bare.workflow.ts) get the same count of Updates. The two kinds alternate in
// BENCH_ROUNDS (default 5) rounds, each keeping BENCH_IN_FLIGHT (default 50) units in flight.
// Prints where a project's time and CPU went; the last line reads
// `throughput: accord <a> projects/s, bare <b> workflows/s, ratio <r>`.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { TextDecoderStream } = require('node:stream/web');
const toolchain = require('./lib/toolchain');

const PROJECTS = Number(process.env.BENCH_PROJECTS || 500);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT || 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const SLICE_TASKS = 3;
// Units of each kind run before measuring: connections, bundles, caches and the JIT warm up.
const WARM_UP = 20;
const ACCORD_TASK_QUEUE = 'bench';
const BARE_TASK_QUEUE = 'bench-bare';
// Linux counts a process's CPU time in /proc in ticks of 1/100 s (USER_HZ) on every architecture it runs Accord on.
const CLOCK_TICKS = 100;
const DEFINITION_KEY = 'bench-throughput-slice';
// A project's end is read soon after its last decision, then less and less often, so that waiting costs few requests.
const FIRST_LOOK_MS = 50;
const LONGEST_LOOK_MS = 500;
// The live inbox tells of each new task; a client that missed an event reads its inbox again after this long anyway.
const INBOX_PATIENCE_MS = 2_000;

const definition = `key: ${DEFINITION_KEY}
name: Throughput slice
starters: [pm]
roles: { pm: {} }
stages:
  - id: slice
    steps:
${Array.from({ length: SLICE_TASKS }, (_, i) => `      - { id: step${i + 1}, name: Step ${i + 1}, type: task, assignee: { role: pm } }`).join('\n')}
`;

const sleep = (millis) => new Promise((resolve) => setTimeout(resolve, millis));

/** Runs `drive(0 … count-1)` with at most `inFlight` running at once; resolves with the seconds it took. */
async function runBounded(count, inFlight, drive) {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count) }, async () => {
      while (next < count) await drive(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

/** Calls `look` until it answers something other than undefined, at widening intervals. */
async function lookUntil(look) {
  for (let wait = FIRST_LOOK_MS; ; wait = Math.min(LONGEST_LOOK_MS, wait * 2)) {
    const found = await look();
    if (found !== undefined) return found;
    await sleep(wait);
  }
}

/**
 * The caller's live inbox (GET /inbox/events), as the web app listens to it: `changed()`
 * resolves on the next `ready` or `inbox` event not yet taken, or after `patienceMs` in case
 * one was missed.
 */
async function openInboxEvents(base, token) {
  const closing = new AbortController();
  const response = await fetch(`${base}/inbox/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: closing.signal });
  if (!response.ok) throw new Error(`GET /inbox/events: ${response.status} ${await response.text()}`);
  let untaken = 0;
  let wake = () => {};
  const reading = (async () => {
    let pending = '';
    for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
      pending += chunk;
      for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
        const type = /^event: ?(.*)$/m.exec(pending.slice(0, end))?.[1];
        pending = pending.slice(end + 2);
        if (type === 'ready' || type === 'inbox') {
          untaken++;
          wake();
        }
      }
    }
  })().catch((error) => {
    if (!closing.signal.aborted) throw error;
  });
  return {
    async changed(patienceMs) {
      if (untaken === 0) {
        await new Promise((resolve) => {
          wake = resolve;
          setTimeout(resolve, patienceMs).unref();
        });
      }
      untaken = Math.max(0, untaken - 1);
    },
    async close() {
      closing.abort();
      await reading;
    },
  };
}

/**
 * One project of the slice, the way a user's client carries it: start it; listen to the
 * starter's live inbox and, each time it changes, read it and decide the task that appeared;
 * then read the project until it says `completed`. Each project has its own project manager,
 * so every inbox stays one project long.
 */
function projectDriver({ base, mint, requests, phases }) {
  const timed = async (phase, work) => {
    const started = performance.now();
    const result = await work();
    phases[phase] = (phases[phase] ?? 0) + (performance.now() - started);
    return result;
  };
  const call = async (token, method, url, body) => {
    const route = `${method} ${url.replace(/\?.*$/, '').replace(/\/(tasks|projects)\/[^/]+/, '/$1/{id}')}`;
    requests[route] = (requests[route] ?? 0) + 1;
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return async (label) => {
    const token = mint(`bench-pm-${label}`, ['pm']);
    requests['GET /inbox/events'] = (requests['GET /inbox/events'] ?? 0) + 1;
    const inbox = await openInboxEvents(base, token);
    try {
      const { id: projectId } = await timed('POST /projects', () =>
        call(token, 'POST', '/projects', { definitionKey: DEFINITION_KEY, name: `throughput ${label}` }),
      );
      const decided = new Set();
      for (let step = 1; step <= SLICE_TASKS; step++) {
        const task = await timed('task appears in the inbox', async () => {
          for (;;) {
            await inbox.changed(INBOX_PATIENCE_MS);
            const open = (await call(token, 'GET', `/inbox?project=${projectId}`)).items.find((item) => !decided.has(item.id));
            if (open) return open;
          }
        });
        await timed('POST /tasks/{id}/complete', () => call(token, 'POST', `/tasks/${encodeURIComponent(task.id)}/complete`, {}));
        decided.add(task.id);
      }
      await timed('project reads completed', () =>
        lookUntil(async () => ((await call(token, 'GET', `/projects/${projectId}`)).status === 'completed' ? true : undefined)),
      );
    } finally {
      await inbox.close();
    }
  };
}

/** One bare workflow: started, sent SLICE_TASKS Updates one after the other, its result awaited. */
function bareDriver(client) {
  return async (label) => {
    const handle = await client.workflow.start('bareUpdatesWorkflow', {
      taskQueue: BARE_TASK_QUEUE,
      workflowId: `bench-bare-${label}-${crypto.randomUUID()}`,
      args: [{ updates: SLICE_TASKS }],
    });
    for (let update = 1; update <= SLICE_TASKS; update++) await handle.executeUpdate('bareDecision', { args: [{ requestId: `${label}-${update}` }] });
    await handle.result();
  };
}

/**
 * What each unit (project or bare workflow) asked of Temporal, from the histories of the
 * workflows on `taskQueue`: workflow tasks and activities, and where each spent its time:
 * waiting for a worker to take it (scheduled → started) or being worked (started → completed).
 */
async function printWorkPerUnit(client, taskQueue, { units, unit }) {
  const work = { workflows: 0, workflowTask: { count: 0, waiting: 0, working: 0 }, activity: { count: 0, waiting: 0, working: 0 } };
  const activityTypes = {};
  const millis = (event) => Number(event.eventTime.seconds) * 1000 + event.eventTime.nanos / 1e6;
  for await (const execution of client.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) {
    work.workflows++;
    const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    const byId = new Map((history.events ?? []).map((event) => [Number(event.eventId), event]));
    const account = (kind, completed) => {
      const started = byId.get(Number(completed.startedEventId));
      const scheduled = byId.get(Number(completed.scheduledEventId));
      work[kind].count++;
      work[kind].waiting += millis(started) - millis(scheduled);
    };
    for (const event of history.events ?? []) {
      const type = event.activityTaskScheduledEventAttributes?.activityType?.name;
      if (type) activityTypes[type] = (activityTypes[type] ?? 0) + 1;
      const workflowTask = event.workflowTaskCompletedEventAttributes;
      const activity = event.activityTaskCompletedEventAttributes;
      if (workflowTask) {
        account('workflowTask', workflowTask);
        work.workflowTask.working += millis(event) - millis(byId.get(Number(workflowTask.startedEventId)));
      }
      if (activity) {
        account('activity', activity);
        work.activity.working += millis(event) - millis(byId.get(Number(activity.startedEventId)));
      }
    }
  }
  const per = (count) => (count / units).toFixed(1);
  const mean = (kind, phase) => (work[kind][phase] / Math.max(1, work[kind].count)).toFixed(0);
  process.stdout.write(
    `  a ${unit} ran ${per(work.workflows)} workflows, ${per(work.workflowTask.count)} workflow tasks and ${per(work.activity.count)} activities${
      work.activity.count > 0
        ? ` (${Object.entries(activityTypes)
            .map(([type, count]) => `${type} ${per(count)}`)
            .join(', ')})`
        : ''
    }\n`,
  );
  const activityTimes = work.activity.count > 0 ? `; an activity waited ${mean('activity', 'waiting')} ms and took ${mean('activity', 'working')} ms` : '';
  process.stdout.write(
    `  a workflow task waited ${mean('workflowTask', 'waiting')} ms for the worker and took ${mean('workflowTask', 'working')} ms${activityTimes}\n`,
  );
}

/** CPU seconds (user and system) a process has used, and those of its children that have ended. */
function cpuSecondsOf(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, from the state (field 3): utime, stime, cutime and cstime are fields 14 to 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / CLOCK_TICKS;
}

/** PostgreSQL runs a process per connection: the postmaster's CPU includes theirs only once they end. */
function cpuSecondsOfTree(pid) {
  let total = cpuSecondsOf(pid);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) total += cpuSecondsOf(Number(entry));
    } catch {
      // the process ended between listing and reading: its CPU is in its parent's now
    }
  }
  return total;
}

/** CPU seconds each part of the stack has used so far; the bench's own process runs the bare worker and the clients. */
function cpuSnapshot(parts) {
  const snapshot = { bench: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 };
  for (const [name, pid] of Object.entries(parts)) snapshot[name] = name === 'postgres' ? cpuSecondsOfTree(pid) : cpuSecondsOf(pid);
  return snapshot;
}

function cpuSpent(before, after) {
  return Object.fromEntries(Object.keys(after).map((name) => [name, after[name] - before[name]]));
}

/** Starts a Node entry point of Accord's (dist/apps/…/main.js) as its own process, as `npm start` does; its output goes to `logFile`. */
function startAccordProcess(entry, env, logFile) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(toolchain.root, 'dist', entry)], {
    cwd: toolchain.root,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  return {
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function main() {
  toolchain.ensureNodeModules();
  const dist = require('./build').builtModules();
  const { startEmbeddedPostgres, startTemporalDevServer, freePort } = require('./lib/local-services');
  const { createDataSource, migrate } = dist('libs/persistence/src');
  const { NativeConnection, Runtime, DefaultLogger, Worker } = require('@temporalio/worker');
  const { Client, Connection } = require('@temporalio/client');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-throughput-'));
  const cleanups = [async () => fs.rmSync(workDir, { recursive: true, force: true })];
  try {
    const pgDir = path.join(workDir, 'postgres');
    const pg = await startEmbeddedPostgres({ dataDir: pgDir, port: await freePort(), database: 'accord_bench', persistent: false });
    cleanups.push(() => pg.stop());
    const postmaster = Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const migrator = createDataSource(pg.url, { applicationName: 'accord-bench-migrate', poolSize: 1 });
    await migrator.initialize();
    await migrate(migrator);
    await migrator.destroy();

    const temporalCli = toolchain.ensureTemporalBinaries({ testServer: false }).cli;
    const temporal = await startTemporalDevServer({ cli: temporalCli, port: await freePort() });
    cleanups.push(temporal.stop);

    // The API and the worker run as they are deployed, each a process of its own.
    const secret = crypto.randomBytes(32).toString('hex');
    const apiPort = await freePort();
    const env = {
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      ACCORD_JWT_SECRET: secret,
      LOG_LEVEL: 'error',
      TEMPORAL_TASK_QUEUE: ACCORD_TASK_QUEUE,
    };
    const api = startAccordProcess('apps/api/src/main.js', { ...env, PORT: String(apiPort) }, path.join(workDir, 'api.log'));
    cleanups.push(api.stop);
    const accordWorker = startAccordProcess('apps/worker/src/main.js', env, path.join(workDir, 'worker.log'));
    cleanups.push(accordWorker.stop);
    const base = `http://127.0.0.1:${apiPort}`;
    await waitForHealth(`${base}/health/live`, 120_000);
    const { mintLocalToken } = require('./lib/local-token');
    const mint = (user, roles) => mintLocalToken({ secret, user, roles, expiresIn: '2h' });

    Runtime.install({ logger: new DefaultLogger('ERROR') });
    const connection = await NativeConnection.connect({ address: temporal.address });
    cleanups.push(() => connection.close());
    const bareWorker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue: BARE_TASK_QUEUE,
      workflowsPath: require.resolve('../bench/bare.workflow.ts'),
    });
    const bareRunning = bareWorker.run();
    cleanups.push(async () => {
      bareWorker.shutdown();
      await bareRunning;
    });
    const clientConnection = await Connection.connect({ address: temporal.address });
    cleanups.push(() => clientConnection.close());
    const client = new Client({ connection: clientConnection, namespace: 'default' });

    const admin = mint('bench-admin', ['admin']);
    const publish = async (method, url, body) => {
      const response = await fetch(`${base}${url}`, {
        method,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    };
    await publish('PUT', `/definitions/${DEFINITION_KEY}/draft`, { source: definition });
    await publish('POST', `/definitions/${DEFINITION_KEY}/draft/publish`);

    const requests = {};
    const phases = {};
    const driveProject = projectDriver({ base, mint, requests, phases });
    const driveBare = bareDriver(client);
    process.stdout.write(
      `${PROJECTS} projects of ${SLICE_TASKS} sequential tasks and ${PROJECTS} bare workflows of ${SLICE_TASKS} Updates, in ${ROUNDS} alternating rounds; ${IN_FLIGHT} in flight\n`,
    );
    await runBounded(WARM_UP, IN_FLIGHT, (i) => driveProject(`warm-${i}`));
    await runBounded(WARM_UP, IN_FLIGHT, (i) => driveBare(`warm-${i}`));
    for (const counts of [requests, phases]) for (const key of Object.keys(counts)) delete counts[key];

    // Alternating rounds give both kinds the same share of whatever else this shared machine is running.
    const parts = { api: api.pid, worker: accordWorker.pid, temporal: temporal.pid, postgres: postmaster };
    const spent = { accord: { seconds: 0, cpu: {} }, bare: { seconds: 0, cpu: {} } };
    const measure = async (kind, run) => {
      const before = cpuSnapshot(parts);
      spent[kind].seconds += await run();
      for (const [name, seconds] of Object.entries(cpuSpent(before, cpuSnapshot(parts)))) spent[kind].cpu[name] = (spent[kind].cpu[name] ?? 0) + seconds;
    };
    for (let round = 0, done = 0; round < ROUNDS; round++) {
      const size = Math.round((PROJECTS * (round + 1)) / ROUNDS) - done;
      await measure('accord', () => runBounded(size, IN_FLIGHT, (i) => driveProject(`${done + i}`)));
      await measure('bare', () => runBounded(size, IN_FLIGHT, (i) => driveBare(`${done + i}`)));
      done += size;
    }
    const accordRate = PROJECTS / spent.accord.seconds;
    const bareRate = PROJECTS / spent.bare.seconds;
    process.stdout.write(`accord: ${PROJECTS} projects completed in ${spent.accord.seconds.toFixed(1)} s\n`);
    process.stdout.write(
      `  HTTP requests a project: ${Object.entries(requests)
        .map(([route, count]) => `${route} ${(count / PROJECTS).toFixed(1)}`)
        .join(', ')}\n`,
    );
    // Where a project's time goes, summed over its tasks: the waits are the workflow and the read model at work.
    for (const [phase, total] of Object.entries(phases)) process.stdout.write(`  ${phase.padEnd(30)} ${(total / PROJECTS / 1000).toFixed(2)} s a project\n`);
    await printWorkPerUnit(client, ACCORD_TASK_QUEUE, { units: PROJECTS + WARM_UP, unit: 'project' });
    process.stdout.write(`bare: ${PROJECTS} workflows completed in ${spent.bare.seconds.toFixed(1)} s\n`);
    await printWorkPerUnit(client, BARE_TASK_QUEUE, { units: PROJECTS + WARM_UP, unit: 'bare workflow' });
    // CPU a unit costs, by process: less at the mercy of the machine's other load than the rates.
    for (const kind of ['accord', 'bare']) {
      const cpu = spent[kind].cpu;
      const total = Object.values(cpu).reduce((sum, seconds) => sum + seconds, 0);
      process.stdout.write(
        `cpu ms a ${kind === 'accord' ? 'project' : 'bare workflow'}: ${Object.entries(cpu)
          .map(([name, seconds]) => `${name} ${((seconds / PROJECTS) * 1000).toFixed(0)}`)
          .join(', ')}; total ${((total / PROJECTS) * 1000).toFixed(0)}\n`,
      );
    }
    process.stdout.write(
      `throughput: accord ${accordRate.toFixed(2)} projects/s, bare ${bareRate.toFixed(2)} workflows/s, ratio ${(accordRate / bareRate).toFixed(2)}\n`,
    );
  } catch (error) {
    // The API's and the worker's logs say why a request failed; they are kept for reading.
    cleanups.shift();
    process.stderr.write(`logs kept in ${workDir}\n`);
    throw error;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
