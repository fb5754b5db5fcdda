#!/usr/bin/env node
// `npm run accord -- <command>`: small operator commands.
//   token --user <id> --roles <a,b> [--expires-in 12h]   mint a bearer token for the local API
//   migrate                                               apply database migrations (DATABASE_URL)
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const root = path.resolve(__dirname, '..');
const USAGE = `usage:
  npm run accord -- token --user <id> --roles <role,role> [--expires-in 12h]
  npm run accord -- migrate`;

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

function token(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { user: { type: 'string' }, roles: { type: 'string', default: '' }, 'expires-in': { type: 'string', default: '12h' } },
  });
  if (!values.user) fail(`token needs --user\n${USAGE}`);
  const secretFile = path.join(root, '.data', 'jwt-secret');
  const secret = process.env.ACCORD_JWT_SECRET || (fs.existsSync(secretFile) ? fs.readFileSync(secretFile, 'utf8').trim() : undefined);
  if (!secret) fail('no signing secret: set ACCORD_JWT_SECRET, or run `npm start` once (it creates .data/jwt-secret)');
  const jwt = requireInstalled('jsonwebtoken');
  const roles = values.roles.split(',').map((role) => role.trim()).filter(Boolean);
  process.stdout.write(`${jwt.sign({ roles }, secret, { algorithm: 'HS256', subject: values.user, expiresIn: values['expires-in'] })}\n`);
}

async function migrate() {
  if (!process.env.DATABASE_URL) fail('migrate needs DATABASE_URL');
  const entry = path.join(root, 'dist/libs/persistence/src/index.js');
  if (!fs.existsSync(entry)) require('./build').build();
  const { createDataSource, migrate: run } = require(entry);
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
  case 'migrate':
    migrate().catch((error) => fail(error.message));
    break;
  default:
    fail(USAGE);
}
