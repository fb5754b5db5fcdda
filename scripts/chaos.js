#!/usr/bin/env node
// `npm run chaos [-- --projects 200 --seconds 120 --seed 7]`: the whole stack on this machine
// (embedded PostgreSQL, one Temporal dev server, two workers, two API processes), a few
// hundred short projects driven by steady decision load through the API, and kill -9 of a
// worker, an API process, the Temporal dev server and PostgreSQL at random moments, each
// restarted. At the end it counts, from the database, whether every decision the API
// acknowledged with 2xx was recorded exactly once, and prints one line:
//   chaos: <sent> decisions sent, <recorded> recorded, <lost> lost, <duplicated> duplicated, <done>/<total> projects completed
// It exits 1 unless nothing was lost or duplicated and every project completed (R-REL-4).
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const toolchain = require('./lib/toolchain');

const { root, log } = toolchain;

const DEFINITION = `key: chaos-signoff
name: Sign-off under faults
starters: [pm]
roles: { pm: {}, customer: { external: true } }
stages:
  - id: agree
    steps:
      - { id: record, name: Record the expectation, type: task, assignee: { role: pm } }
      - { id: sign, name: Sign the expectation, type: approval, policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] } }
  - id: deliver
    steps:
      - { id: confirm, name: Confirm the delivery, type: task, assignee: { role: customer } }
`;
/** Decisions a project of the definition above needs: record, two signatures, the confirmation. */
const DECISIONS_PER_PROJECT = 4;

const { values: options } = parseArgs({
  options: {
    projects: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '150' },
    concurrency: { type: 'string', default: '8' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    report: { type: 'string' },
  },
});
const PROJECTS = Number(options.projects);
const CHAOS_SECONDS = Number(options.seconds);
const CONCURRENCY = Number(options.concurrency);

/** A small seeded generator, so that a run's kill moments can be replayed with --seed. */
function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}
const rand = random(Number(options.seed));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-chaos-'));
const secret = crypto.randomBytes(32).toString('hex');
const events = [];
let stopping = false;
/** Logs stay for a run that failed (or crashed), so that it can be read. */
let keepLogs = true;

function note(what) {
  const line = `${new Date().toISOString()} ${what}`;
  events.push(line);
  process.stderr.write(`[chaos] ${line}\n`);
}

/** A Node process of Accord's (API or worker), restarted by the chaos loop or when it exits by itself. */
class Service {
  constructor(name, script, env) {
    Object.assign(this, { name, script, env, child: undefined, restarts: 0 });
  }

  start() {
    const logFile = fs.openSync(path.join(workDir, `${this.name}.log`), 'a');
    this.child = spawn(process.execPath, [path.join(root, this.script)], {
      cwd: root,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', logFile, logFile],
    });
    const child = this.child;
    child.on('exit', (code, signal) => {
      if (stopping || this.child !== child || signal === 'SIGKILL') return;
      // A process that gives up (its server was gone too long) is restarted, as a supervisor would.
      note(`${this.name} exited by itself (${signal ?? `code ${code}`}); restarting it`);
      this.restarts++;
      setTimeout(() => !stopping && this.start(), 1_000);
    });
  }

  kill() {
    const child = this.child;
    if (child && child.exitCode === null) child.kill('SIGKILL');
  }

  stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  }
}

async function main() {
  toolchain.ensureNodeModules();
  const { cli } = toolchain.ensureTemporalBinaries({ testServer: false });
  const { buildWhen, isStale } = require('./build');
  buildWhen(() => isStale());
  const services = require('./lib/local-services');
  const { mintLocalToken } = require('./lib/local-token');
  const token = (user, roles) => mintLocalToken({ secret, user, roles, expiresIn: '2h' });
  const tokens = { admin: token('ada', ['admin']), pm: token('paula', ['pm']), customer: token('carl', ['customer']) };

  const pgDir = path.join(workDir, 'postgres');
  const pgPort = await services.freePort();
  const temporalPort = await services.freePort();
  // Only the first start takes the package's signal hooks back: there are none left to take after that.
  let firstPostgresStart = true;
  const startPostgres = () => {
    const ownSignals = firstPostgresStart;
    firstPostgresStart = false;
    return services.startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, database: 'accord', persistent: true, ownSignals });
  };
  const startTemporal = () =>
    services.startTemporalDevServer({ cli, port: temporalPort, dbFile: path.join(workDir, 'temporal.sqlite'), logFile: path.join(workDir, 'temporal.log') });
  let pg = await startPostgres();
  let temporal = await startTemporal();
  note(`PostgreSQL on ${pgPort}, Temporal on ${temporalPort}, logs in ${workDir}`);

  const { createDataSource, migrate } = require(path.join(root, 'dist/libs/persistence/src'));
  const migrator = createDataSource(pg.url, { applicationName: 'accord-chaos-migrate', poolSize: 1 });
  await migrator.initialize();
  await migrate(migrator);
  await migrator.destroy();

  const env = { DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, ACCORD_JWT_SECRET: secret, LOG_LEVEL: 'warn' };
  const apiPorts = [await services.freePort(), await services.freePort()];
  const apis = apiPorts.map((port, index) => new Service(`api-${index + 1}`, 'dist/apps/api/src/main.js', { ...env, PORT: String(port) }));
  const workers = [1, 2].map((index) => new Service(`worker-${index}`, 'dist/apps/worker/src/main.js', env));
  for (const service of [...apis, ...workers]) service.start();
  const bases = apiPorts.map((port) => `http://127.0.0.1:${port}`);
  for (const base of bases) await waitFor(`${base}/health`, 120_000);

  const cleanup = async () => {
    stopping = true;
    await Promise.all([...apis, ...workers].map((service) => service.stop()));
    await temporal.stop();
    await pg.stop();
  };

  try {
    // The API takes requests round-robin across both processes, as a load balancer would.
    let next = 0;
    async function call(method, url, { token: bearer, body, key } = {}) {
      for (let attempt = 1; ; attempt++) {
        const base = bases[next++ % bases.length];
        const headers = { authorization: `Bearer ${bearer}` };
        if (body !== undefined) headers['content-type'] = 'application/json';
        if (key) headers['idempotency-key'] = key;
        try {
          const response = await fetch(`${base}${url}`, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: AbortSignal.timeout(20_000),
          });
          const text = await response.text();
          // 5xx and 429 are the stack being down or busy: the same request (same key) is sent again.
          if (response.status < 500 && response.status !== 429) return { status: response.status, body: text ? JSON.parse(text) : undefined };
        } catch {
          // connection refused or reset, or no answer: the process or its server was killed
        }
        if (attempt > 400 || chaosFailure)
          throw new Error(`${method} ${url} never answered${chaosFailure ? ` (the chaos loop failed: ${chaosFailure.message})` : ''}`);
        await sleep(250 + rand() * 250);
      }
    }

    const admin = tokens.admin;
    await call('PUT', '/definitions/chaos-signoff/draft', { token: admin, body: { source: DEFINITION } });
    const published = await call('POST', '/definitions/chaos-signoff/draft/publish', { token: admin });
    if (published.status !== 201) throw new Error(`publishing the chaos definition failed: ${JSON.stringify(published.body)}`);

    const acknowledged = [];
    const refused = [];
    const projectIds = [];
    const deadline = Date.now() + CHAOS_SECONDS * 1000 + 15 * 60_000;

    /** Drives one project to its end: starts it, then answers each task offered to the pm or the customer. */
    async function drive(index) {
      const started = await call('POST', '/projects', {
        token: tokens.pm,
        key: `chaos-start-${index}`,
        body: { definitionKey: 'chaos-signoff', name: `Chaos ${index}`, members: [{ user: 'carl', role: 'customer' }] },
      });
      if (started.status !== 201 && started.status !== 200)
        throw new Error(`project ${index} did not start: ${started.status} ${JSON.stringify(started.body)}`);
      const projectId = started.body.id;
      projectIds.push(projectId);
      const answered = new Set();
      while (Date.now() < deadline) {
        const project = await call('GET', `/projects/${projectId}`, { token: tokens.pm });
        if (project.body?.status === 'completed') return;
        let acted = false;
        for (const who of ['pm', 'customer']) {
          const inbox = await call('GET', `/inbox?project=${projectId}`, { token: tokens[who] });
          for (const task of inbox.body?.items ?? []) {
            if (answered.has(task.id)) continue;
            const key = `chaos-${task.id}`;
            const outcome = task.kind === 'approval' ? 'approve' : undefined;
            const result = await call('POST', `/tasks/${encodeURIComponent(task.id)}/complete`, { token: tokens[who], key, body: outcome ? { outcome } : {} });
            if (result.status === 200) acknowledged.push({ projectId, taskId: task.id, key });
            else refused.push({ projectId, taskId: task.id, key, status: result.status, code: result.body?.code });
            answered.add(task.id);
            acted = true;
          }
        }
        if (!acted) await sleep(300);
      }
    }

    let chaosFailure;
    const chaos = runChaos({
      apis,
      workers,
      restartTemporal: async () => {
        note('kill -9 the Temporal dev server');
        process.kill(temporal.pid, 'SIGKILL');
        await sleep(1_000 + rand() * 2_000);
        temporal = await startTemporal();
        note('Temporal dev server restarted');
      },
      restartPostgres: async () => {
        const pid = Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
        note(`kill -9 PostgreSQL (postmaster ${pid})`);
        process.kill(pid, 'SIGKILL');
        await sleep(1_000 + rand() * 2_000);
        pg = await startPostgres();
        note('PostgreSQL restarted');
      },
    }).catch((error) => {
      chaosFailure = error;
      note(`the chaos loop failed: ${error.stack || error}`);
    });

    // Projects start at a steady pace across the chaos window, so every kill lands under load.
    const started = Date.now();
    const pace = (CHAOS_SECONDS * 1000) / PROJECTS;
    let nextProject = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (nextProject < PROJECTS) {
          const index = nextProject++;
          await sleep(Math.max(0, started + index * pace - Date.now()));
          await drive(index);
        }
      }),
    );
    await chaos;
    if (chaosFailure) throw chaosFailure;
    note(`load done in ${Math.round((Date.now() - started) / 1000)} s`);

    // Counted from the database, after everything settled: each acknowledged decision must be there once.
    const { Client } = require('pg');
    const db = new Client({ connectionString: pg.url });
    await db.connect();
    // The API scopes each key to its caller and task: records carry the derived key, found through idempotency_keys.
    const sentKeys = acknowledged.map((decision) => decision.key);
    const derived = await db.query(`SELECT idempotency_key, 'idem-' || left(scope, 32) AS derived FROM idempotency_keys WHERE idempotency_key = ANY($1)`, [
      sentKeys,
    ]);
    const derivedOf = new Map(derived.rows.map((row) => [row.idempotency_key, row.derived]));
    const keys = sentKeys.map((key) => derivedOf.get(key) ?? key);
    const recordedRows = await db.query(`SELECT id, completion_request_id FROM tasks WHERE completion_request_id = ANY($1) AND status = 'completed'`, [keys]);
    const audited = await db.query(
      `SELECT request_id, count(*)::int AS n FROM audit_events WHERE request_id = ANY($1) AND action IN ('task.completed', 'approval.decided') GROUP BY request_id`,
      [keys],
    );
    const completedTwice = await db.query(
      `SELECT subject, count(*)::int AS n FROM audit_events WHERE action IN ('task.completed', 'approval.decided') AND project_id = ANY($1) GROUP BY subject HAVING count(*) > 1`,
      [projectIds],
    );
    const done = await db.query(`SELECT count(*)::int AS n FROM projects WHERE id = ANY($1) AND status = 'completed'`, [projectIds]);
    await db.end();

    const recordedKeys = new Set(recordedRows.rows.map((row) => row.completion_request_id));
    const lost = keys.filter((key) => !recordedKeys.has(key));
    const duplicated = audited.rows.filter((row) => row.n > 1).length + completedTwice.rows.length;
    const report = {
      seed: Number(options.seed),
      projects: PROJECTS,
      decisionsPerProject: DECISIONS_PER_PROJECT,
      sent: acknowledged.length,
      recorded: keys.length - lost.length,
      lost: lost.length,
      duplicated,
      refused: refused.length,
      completed: done.rows[0].n,
      events,
      lostKeys: lost.slice(0, 20),
      refusedSamples: refused.slice(0, 10),
      restartsBySupervisor: [...apis, ...workers].reduce((sum, service) => sum + service.restarts, 0),
    };
    if (options.report) fs.writeFileSync(options.report, JSON.stringify(report, null, 2));
    process.stdout.write(
      `chaos: ${report.sent} decisions sent, ${report.recorded} recorded, ${report.lost} lost, ${report.duplicated} duplicated, ${report.completed}/${PROJECTS} projects completed\n`,
    );
    const ok = report.lost === 0 && report.duplicated === 0 && report.completed === PROJECTS;
    if (!ok)
      process.stderr.write(`[chaos] failed, logs kept in ${workDir}: ${JSON.stringify({ lostKeys: report.lostKeys, refused: report.refusedSamples })}\n`);
    keepLogs = !ok;
    return ok ? 0 : 1;
  } finally {
    await cleanup();
    if (!keepLogs) fs.rmSync(workDir, { recursive: true, force: true });
  }

  /**
   * Kills one part of the stack at random moments for CHAOS_SECONDS: a worker, an API
   * process, the Temporal dev server, PostgreSQL, each at least once, in a shuffled order.
   */
  async function runChaos({ apis: apiServices, workers: workerServices, restartTemporal, restartPostgres }) {
    const kinds = ['worker', 'api', 'temporal', 'postgres'];
    const plan = [
      ...kinds,
      ...Array.from({ length: Math.max(0, Math.floor(CHAOS_SECONDS / 20) - kinds.length) }, () => kinds[Math.floor(rand() * kinds.length)]),
    ];
    for (let i = plan.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [plan[i], plan[j]] = [plan[j], plan[i]];
    }
    const gap = (CHAOS_SECONDS * 1000) / (plan.length + 1);
    for (const kind of plan) {
      await sleep(gap * (0.5 + rand()));
      if (kind === 'worker' || kind === 'api') {
        const pool = kind === 'worker' ? workerServices : apiServices;
        const victim = pool[Math.floor(rand() * pool.length)];
        note(`kill -9 ${victim.name}`);
        victim.kill();
        await sleep(500 + rand() * 2_500);
        victim.start();
        note(`${victim.name} restarted`);
      } else if (kind === 'temporal') await restartTemporal();
      else await restartPostgres();
    }
  }
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    log(`chaos: ${error.stack || error}`);
    process.exitCode = 1;
  });
