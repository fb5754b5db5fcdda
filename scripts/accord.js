#!/usr/bin/env node
// `npm run accord -- <command>`: small operator commands.
//   token --user <id> --roles <a,b> [--expires-in 12h]   mint a bearer token for the local API
//   migrate                                               apply database migrations (DATABASE_URL)
//   definitions validate <file…>                          print file:line:column CODE message per error; exit 1 on any
//   definitions publish <file> [--api URL]                save the file as its key's draft and publish it (admin)
//   simulate <definition.yaml> [--months 6] [--script <actors.yaml>] [--json] [--record <file.json.br>]
//                                                         run a project on the time-skipping server with scripted participants
//                                                         (--record keeps every workflow history for the replay tests;
//                                                          --history-budget N makes the project continue as new every N events;
//                                                          --start <date-time> starts it then instead of now)
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const root = path.resolve(__dirname, '..');
const USAGE = `usage:
  npm run accord -- token --user <id> --roles <role,role> [--expires-in 12h]
  npm run accord -- migrate
  npm run accord -- definitions validate <file.yaml…>
  npm run accord -- definitions publish <file.yaml> [--api http://localhost:3000]   (token: ACCORD_TOKEN, or minted locally)
  npm run accord -- simulate <definition.yaml> [--months 6] [--script <actors.yaml>] [--json] [--record <histories.json.br>] [--history-budget <events>] [--start <date-time>]
                    (the script defaults to <definition>.actors.yaml beside the definition)`;

function fail(message) {
  process.stderr.write(`accord: ${message}\n`);
  process.exit(2);
}

function requireInstalled(name) {
  try {
    return require(name);
  } catch {
    return fail(`dependencies are not installed: run \`npm start\` or \`npm ci\` first`);
  }
}

/** A compiled module, by its source path without extension (built on demand when the sources are newer). */
function builtModule(source) {
  const entry = path.join(root, 'dist', `${source}.js`);
  const { buildWhen, isStale } = require('./build');
  buildWhen(() => !fs.existsSync(entry) || (fs.existsSync(path.join(root, 'libs')) && isStale()));
  return require(entry);
}

/** A compiled library. */
function built(lib) {
  return builtModule(`libs/${lib}/src/index`);
}

function localSecret() {
  const secretFile = path.join(root, '.data', 'jwt-secret');
  return process.env.ACCORD_JWT_SECRET || (fs.existsSync(secretFile) ? fs.readFileSync(secretFile, 'utf8').trim() : undefined);
}

const formatError = (file, error) => `${file}:${error.line ?? 0}:${error.column ?? 0} ${error.code} ${error.message}${error.path ? ` (at ${error.path})` : ''}`;

function validateDefinitions(files) {
  if (files.length === 0) fail(`definitions validate needs at least one file\n${USAGE}`);
  const { validateDefinition } = built('definitions');
  let invalid = 0;
  for (const file of files) {
    let source;
    try {
      source = fs.readFileSync(file, 'utf8');
    } catch (error) {
      process.stdout.write(`${file}:0:0 UNREADABLE ${error.message}\n`);
      invalid++;
      continue;
    }
    const errors = validateDefinition(source);
    if (errors.length === 0) process.stdout.write(`${file}: valid\n`);
    for (const error of errors) process.stdout.write(`${formatError(file, error)}\n`);
    if (errors.length > 0) invalid++;
  }
  process.exitCode = invalid > 0 ? 1 : 0;
}

async function publishDefinition(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { api: { type: 'string', default: `http://localhost:${process.env.PORT || 3000}` }, user: { type: 'string', default: 'cli' } },
  });
  const [file] = positionals;
  if (!file) fail(`definitions publish needs a file\n${USAGE}`);
  const source = fs.readFileSync(file, 'utf8');
  const { parseDefinitionSource } = built('definitions');
  const key = parseDefinitionSource(source).value?.key;
  if (typeof key !== 'string') fail(`${file} has no key: run \`npm run accord -- definitions validate ${file}\``);
  let bearer = process.env.ACCORD_TOKEN;
  if (!bearer) {
    const secret = localSecret();
    if (!secret) fail('no token: set ACCORD_TOKEN to an admin token, or run where ACCORD_JWT_SECRET or .data/jwt-secret is available');
    bearer = requireInstalled('./lib/local-token').mintLocalToken({ secret, user: values.user, roles: ['admin'], expiresIn: '5m' });
  }
  const call = async (method, url, body) => {
    const response = await fetch(`${values.api}${url}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => ({})) };
  };
  const draft = await call('PUT', `/definitions/${encodeURIComponent(key)}/draft`, { source });
  if (draft.status !== 200) fail(`saving the draft failed (${draft.status}): ${draft.body.message}`);
  if (draft.body.errors.length > 0) {
    for (const error of draft.body.errors) process.stdout.write(`${formatError(file, error)}\n`);
    fail(`${file} is invalid: saved as the draft of ${key}, not published`);
  }
  const published = await call('POST', `/definitions/${encodeURIComponent(key)}/draft/publish`);
  if (published.status !== 201) fail(`publishing failed (${published.status}): ${published.body.message}`);
  process.stdout.write(`published ${key} v${published.body.version}\n`);
}

function definitions([subcommand, ...rest]) {
  switch (subcommand) {
    case 'validate':
      return validateDefinitions(rest);
    case 'publish':
      return publishDefinition(rest).catch((error) =>
        fail(error.cause?.code === 'ECONNREFUSED' ? 'the API is not running (start it with `npm start`, or pass --api)' : error.message),
      );
    default:
      return fail(USAGE);
  }
}

function token(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { user: { type: 'string' }, roles: { type: 'string', default: '' }, 'expires-in': { type: 'string', default: '12h' } },
  });
  if (!values.user) fail(`token needs --user\n${USAGE}`);
  const secret = localSecret();
  if (!secret) fail('no signing secret: set ACCORD_JWT_SECRET, or run `npm start` once (it creates .data/jwt-secret)');
  const { mintLocalToken } = requireInstalled('./lib/local-token');
  const roles = values.roles
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  process.stdout.write(`${mintLocalToken({ secret, user: values.user, roles, expiresIn: values['expires-in'] })}\n`);
}

async function migrate() {
  if (!process.env.DATABASE_URL) fail('migrate needs DATABASE_URL');
  const { createDataSource, migrate: run } = built('persistence');
  const dataSource = createDataSource(process.env.DATABASE_URL, { applicationName: 'accord-migrate', poolSize: 1 });
  await dataSource.initialize();
  const ran = await run(dataSource);
  await dataSource.destroy();
  process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'schema up to date\n');
}

const DAY = 24 * 3_600_000;

/** `--start`: a date-time with its offset, still to come (the simulation's clock only moves forward). */
function simulationStart(value) {
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(at.getTime())) fail(`--start must be a date-time with its offset, such as 2027-01-04T09:00+08:00 (got ${value})`);
  if (at.getTime() <= Date.now()) fail(`--start must be still to come: a simulation's clock starts now and only moves forward (got ${value})`);
  return at;
}

async function simulate(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      months: { type: 'string', default: '6' },
      script: { type: 'string' },
      json: { type: 'boolean', default: false },
      record: { type: 'string' },
      'history-budget': { type: 'string' },
      start: { type: 'string' },
    },
  });
  const [file] = positionals;
  if (!file) fail(`simulate needs a definition file\n${USAGE}`);
  const months = Number(values.months);
  if (!(months > 0 && months <= 36)) fail('--months must be a number of months from 0.1 to 36');
  const startAt = values.start === undefined ? undefined : simulationStart(values.start);
  const { defaultActorsScriptPath } = built('definitions');
  const scriptPath = values.script ?? defaultActorsScriptPath(file);
  const read = (what, at) => {
    try {
      return fs.readFileSync(at, 'utf8');
    } catch {
      return fail(
        what === 'script' && !values.script ? `no actors script beside the definition (${at}): write one, or pass --script` : `cannot read the ${what} ${at}`,
      );
    }
  };
  const definitionSource = read('definition', file);
  const scriptSource = read('script', scriptPath);
  const { ensureTemporalBinaries } = require('./lib/toolchain');
  const services = require('./lib/local-services');
  const { testServer } = ensureTemporalBinaries({ testServer: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-simulation-pg-'));
  const pg = await services.startEmbeddedPostgres({ dataDir, port: await services.freePort(), database: 'accord_simulation', persistent: false });
  try {
    const { simulateDefinition, SimulationInputError } = builtModule('apps/worker/src/project-simulation');
    let report;
    try {
      report = await simulateDefinition({
        definitionSource,
        scriptSource,
        months,
        testServerPath: testServer,
        databaseUrl: pg.url,
        recordHistories: values.record !== undefined,
        projectHistoryBudget: values['history-budget'] ? Number(values['history-budget']) : undefined,
        startAt,
      });
    } catch (error) {
      if (!(error instanceof SimulationInputError)) throw error;
      const shown = error.source === 'script' ? scriptPath : file;
      for (const problem of error.problems) process.stderr.write(`${shown}: ${problem.path || '(document)'}: ${problem.message}\n`);
      process.exitCode = 1;
      return;
    }
    for (const refusal of report.refused) process.stderr.write(`day ${refusal.day}: the answer to ${refusal.stepId} was refused: ${refusal.message}\n`);
    if (values.record !== undefined)
      writeRecordedHistories(
        values.record,
        { definition: path.relative(root, path.resolve(file)), script: path.relative(root, path.resolve(scriptPath)), months },
        report,
      );
    if (values.json) {
      const timeline = report.timeline.map(({ at, kind, stage, detail }) => ({ at, kind, stage, detail }));
      process.stdout.write(`${JSON.stringify({ timeline, kpis: report.kpis, histories: report.histories }, null, 2)}\n`);
      return;
    }
    const start = report.timeline.length > 0 ? Date.parse(report.timeline[0].at) : 0;
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: report.timezone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });
    const lines = report.timeline.map((entry) => {
      const parts = Object.fromEntries(date.formatToParts(new Date(entry.at)).map((part) => [part.type, part.value]));
      const day = Math.floor((Date.parse(entry.at) - start) / DAY);
      return `${parts.year}-${parts.month}-${parts.day} ${parts.weekday}  day ${String(day).padStart(3)}  ${(entry.stage ?? '').padEnd(18)} ${entry.kind.padEnd(22)} ${entry.detail}`;
    });
    const ending = report.outcome === 'running' ? `is still running after ${report.days} days` : `${report.outcome} on day ${report.days}`;
    const kpis = Object.entries(report.kpis).map(([name, value]) => `  ${name.padEnd(22)} ${value}`);
    const histories = report.histories.map(({ workflowId, events }) => `  ${String(events).padStart(6)}  ${workflowId}`);
    process.stdout.write(
      `Simulation of ${file} over ${months} months with ${scriptPath} (dates in ${report.timezone})\n\n${lines.join('\n')}\n\nThe project ${ending}.\n\nKPIs\n${kpis.join('\n')}\n\nWorkflow history events (latest run)\n${histories.join('\n')}\n`,
    );
  } finally {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Writes the simulation's workflow histories for the replay tests (test/replay): JSON, brotli-compressed (a year's project in about 150 kB). */
function writeRecordedHistories(target, source, report) {
  const zlib = require('node:zlib');
  const recording = { ...source, outcome: report.outcome, days: report.days, histories: report.recorded };
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const quality = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 };
  fs.writeFileSync(target, zlib.brotliCompressSync(JSON.stringify(recording), { params: quality }));
  const events = report.recorded.reduce((sum, run) => sum + run.events, 0);
  process.stderr.write(
    `recorded ${report.recorded.length} workflow runs (${events} events) of a project that ${report.outcome === 'running' ? 'was still running' : report.outcome} on day ${report.days} in ${target}\n`,
  );
}

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'token':
    token(rest);
    break;
  case 'definitions':
    void definitions(rest);
    break;
  case 'migrate':
    migrate().catch((error) => fail(error.message));
    break;
  case 'simulate':
    simulate(rest).catch((error) => fail(error.stack ?? error.message));
    break;
  default:
    fail(USAGE);
}
