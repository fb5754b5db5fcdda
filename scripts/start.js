#!/usr/bin/env node
// `npm start`: installs what is missing, starts PostgreSQL and the Temporal dev server
// (unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere), migrates, then runs the
// worker and the API until Ctrl-C. Data lives in .data/, so a restart resumes it.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const toolchain = require('./lib/toolchain');

const { root, log } = toolchain;
const dataDir = path.join(root, '.data');
const PORTS = { postgres: Number(process.env.ACCORD_PG_PORT || 54320), temporal: 7233, temporalUi: 8233 };

const cleanups = [];
const children = [];
let stopping = false;

function jwtSecret() {
  if (process.env.ACCORD_JWT_SECRET) return process.env.ACCORD_JWT_SECRET;
  const file = path.join(dataDir, 'jwt-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

async function assertFree(port, what) {
  const { portAnswers } = require('./lib/local-services');
  if (await portAnswers(port)) {
    throw new toolchain.MissingToolError(
      `port ${port} (${what}) is already in use: is another \`npm start\` running? Stop it, or point ${what === 'PostgreSQL' ? 'DATABASE_URL' : 'TEMPORAL_ADDRESS'} at the running server`,
    );
  }
}

/** Runs a Node child whose stdout is passed through; resolves `ready` when a log line contains `readyMarker`. */
function runChild(name, script, env, readyMarker) {
  const child = spawn(process.execPath, ['--enable-source-maps', script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  child.ready = new Promise((resolve) => {
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      // A marker may straddle two chunks: look at the unfinished last line as well.
      const text = pending + chunk.toString('utf8');
      if (readyMarker && text.includes(readyMarker)) resolve();
      pending = text.slice(text.lastIndexOf('\n') + 1);
    });
    if (!readyMarker) resolve();
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void shutdown(1);
    }
  });
  return child;
}

async function waitHealthy(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not report healthy within ${timeoutMs / 1000} s`);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      log(`while stopping: ${error.message}`);
    }
  }
  log('stopped');
  process.exit(code);
}

async function main() {
  const started = Date.now();
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));

  toolchain.ensureNodeModules();
  const useEmbeddedDb = !process.env.DATABASE_URL;
  const useDevServer = !process.env.TEMPORAL_ADDRESS;
  // The test server lets the worker host the simulations admins run from the definition editor.
  const temporal = toolchain.ensureTemporalBinaries({ testServer: true });
  const { buildWhen, isStale } = require('./build');
  buildWhen(() => isStale());
  const { buildWeb, isWebStale } = require('./build-web');
  if (isWebStale()) {
    log('building the web app (apps/web → dist/web)…');
    buildWeb();
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const { startEmbeddedPostgres, startTemporalDevServer } = require('./lib/local-services');

  let databaseUrl = process.env.DATABASE_URL;
  if (useEmbeddedDb) {
    await assertFree(PORTS.postgres, 'PostgreSQL');
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: PORTS.postgres, ownSignals: true });
    cleanups.push(pg.stop);
    databaseUrl = pg.url;
    log(`PostgreSQL (embedded) on 127.0.0.1:${PORTS.postgres}, data in .data/postgres`);
  }
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalUi = process.env.TEMPORAL_UI_URL;
  if (useDevServer) {
    await assertFree(PORTS.temporal, 'Temporal');
    const dev = await startTemporalDevServer({
      cli: temporal.cli,
      port: PORTS.temporal,
      uiPort: PORTS.temporalUi,
      dbFile: path.join(dataDir, 'temporal.sqlite'),
      logFile: path.join(dataDir, 'temporal.log'),
    });
    cleanups.push(dev.stop);
    temporalAddress = dev.address;
    temporalUi = dev.uiUrl;
    log(`Temporal dev server on ${dev.address}, state in .data/temporal.sqlite, log in .data/temporal.log`);
  }

  const { createDataSource, migrate } = require(path.join(root, 'dist/libs/persistence/src'));
  const dataSource = createDataSource(databaseUrl, { applicationName: 'accord-migrate', poolSize: 1 });
  await dataSource.initialize();
  const ran = await migrate(dataSource);
  await dataSource.destroy();
  log(ran.length ? `migrations applied: ${ran.join(', ')}` : 'database schema up to date');

  const port = Number(process.env.PORT || 3000);
  // Local sign-in (choose a person in the web app) exists only here, never in a deployment.
  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    ACCORD_JWT_SECRET: jwtSecret(),
    PORT: String(port),
    ACCORD_LOCAL_SIGN_IN: 'true',
    // The operations pages link each project's workflow to the dev server's UI.
    ...(temporalUi ? { ACCORD_TEMPORAL_UI_URL: temporalUi } : {}),
    // Prometheus endpoints of the API and the worker (docs/observability.md).
    ACCORD_METRICS_PORT: process.env.ACCORD_METRICS_PORT || '9464',
    ACCORD_WORKER_METRICS_PORT: process.env.ACCORD_WORKER_METRICS_PORT || '9465',
    ACCORD_TEMPORAL_TEST_SERVER: temporal.testServer,
  };
  const worker = runChild('worker', 'dist/apps/worker/src/main.js', env, '"msg":"worker started"');
  runChild('api', 'dist/apps/api/src/main.js', env);
  const api = `http://localhost:${port}`;
  await Promise.all([waitHealthy(`${api}/health`, 120_000), worker.ready]);

  process.stdout.write(
    [
      '',
      `Accord is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s):`,
      `  Web app      ${api}/app/   (sign in as any local person)`,
      `  API          ${api}`,
      `  API docs     ${api}/docs   (OpenAPI JSON: ${api}/docs-json)`,
      `  Temporal UI  ${temporalUi ?? `(external Temporal at ${temporalAddress})`}`,
      `  Health       ${api}/health/ready (readiness), ${api}/health/live (liveness)`,
      `  Metrics      http://localhost:${env.ACCORD_METRICS_PORT}/metrics (API), http://localhost:${env.ACCORD_WORKER_METRICS_PORT}/metrics (worker)`,
      '  Token        npm run accord -- token --user alice --roles pm,customer',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch(async (error) => {
  if (error instanceof toolchain.MissingToolError) log(`cannot start: ${error.message}`);
  else log(`cannot start: ${error.stack || error}`);
  await shutdown(1);
});
