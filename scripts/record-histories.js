#!/usr/bin/env node
// `npm run record-histories`: simulates a project of every shipped definition that has an
// actors script and keeps every workflow history it produced in test/replay/histories/,
// named by definition, date and commit. The replay test replays them all on the current
// workflow code, so a change that would break a running project fails `npm test`.
// Run it when workflow code or a definition changes on purpose, and commit the new files
// beside the old ones: see docs/versioning.md for when old recordings may go.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'test', 'replay', 'histories');
// Long enough for every shipped definition to end; the simulation stops when the project does.
const MONTHS = '12';
// Far below the engine's default, so that the project workflow continues as new several times
// and the recordings hold resumed runs too.
const PROJECT_HISTORY_BUDGET = '150';

function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'uncommitted';
  }
}

const only = process.argv.slice(2);
const label = `${new Date().toISOString().slice(0, 10)}-${commit()}`;
const definitions = fs
  .readdirSync(path.join(root, 'definitions'))
  .filter((name) => name.endsWith('.actors.yaml'))
  .map((name) => name.replace(/\.actors\.yaml$/, ''))
  .filter((key) => only.length === 0 || only.includes(key));
let failed = 0;
for (const key of definitions) {
  const target = path.join(out, `${key}-${label}.json.br`);
  process.stderr.write(`[record-histories] simulating ${key} for up to ${MONTHS} months…\n`);
  const run = spawnSync(
    process.execPath,
    [
      path.join(__dirname, 'accord.js'),
      'simulate',
      `definitions/${key}.yaml`,
      '--months',
      MONTHS,
      '--json',
      '--record',
      target,
      '--history-budget',
      PROJECT_HISTORY_BUDGET,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (run.status !== 0) {
    process.stderr.write(`[record-histories] ${key}: the simulation failed (exit ${run.status}); nothing recorded for it\n`);
    failed++;
  }
}
process.exitCode = failed === 0 ? 0 : 1;
