#!/usr/bin/env node
// `npm run accord -- <command>`: small operator commands.
//   token --user <id> --roles <a,b> [--expires-in 12h]   mint a bearer token for the local API
//   migrate                                               apply database migrations (DATABASE_URL)
//   definitions validate <file…>                          print file:line:column CODE message per error; exit 1 on any
//   definitions publish <file> [--api URL]                save the file as its key's draft and publish it (admin)
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const root = path.resolve(__dirname, '..');
const USAGE = `usage:
  npm run accord -- token --user <id> --roles <role,role> [--expires-in 12h]
  npm run accord -- migrate
  npm run accord -- definitions validate <file.yaml…>
  npm run accord -- definitions publish <file.yaml> [--api http://localhost:3000]   (token: ACCORD_TOKEN, or minted locally)`;

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

/** The compiled libraries (built on demand when the sources are newer). */
function built(lib) {
  const entry = path.join(root, `dist/libs/${lib}/src/index.js`);
  const { build, isStale } = require('./build');
  if (!fs.existsSync(entry) || (fs.existsSync(path.join(root, 'libs')) && isStale())) build();
  return require(entry);
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
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { api: { type: 'string', default: `http://localhost:${process.env.PORT || 3000}` }, user: { type: 'string', default: 'cli' } } });
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
    bearer = requireInstalled('jsonwebtoken').sign({ roles: ['admin'] }, secret, { algorithm: 'HS256', subject: values.user, expiresIn: '5m' });
  }
  const call = async (method, url, body) => {
    const response = await fetch(`${values.api}${url}`, { method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
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
      return publishDefinition(rest).catch((error) => fail(error.cause?.code === 'ECONNREFUSED' ? 'the API is not running (start it with `npm start`, or pass --api)' : error.message));
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
  const jwt = requireInstalled('jsonwebtoken');
  const roles = values.roles.split(',').map((role) => role.trim()).filter(Boolean);
  process.stdout.write(`${jwt.sign({ roles }, secret, { algorithm: 'HS256', subject: values.user, expiresIn: values['expires-in'] })}\n`);
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
  default:
    fail(USAGE);
}
