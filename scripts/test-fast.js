#!/usr/bin/env node
// `npm run test:fast`: the tests that need no PostgreSQL, no API and no browser: the workflow
// unit tests of test/fast (real workflows on the time-skipping server, with in-memory
// activities), the unit specs beside the code in libs/ and apps/, and the workflow determinism
// check. Extra arguments are Jest options (`npm run test:fast -- --verbose`).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const toolchain = require('./lib/toolchain');

const { root, log } = toolchain;

/** Where the set-ups of PostgreSQL, Temporal servers and browsers live: a spec that imports from here is not fast. */
const SERVER_SUPPORT = /from '(\.\.\/)+test\/support\//;
/** Property-based fuzzing runs hundreds of generated cases (minutes on a busy machine): `npm test` runs it. */
const FUZZ = /\.fuzz\.spec\.ts$/;
const FAST_SPECS = ['test/workflow-determinism.spec.ts'];

function specsUnder(dir) {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.spec.ts') && !file.split(path.sep).includes('node_modules'))
    .map((file) => path.join(dir, file));
}

/** test/fast, and the unit specs beside the code that start nothing. */
function fastSpecs() {
  const unit = ['libs', 'apps'].flatMap(specsUnder).filter((file) => !FUZZ.test(file) && !SERVER_SUPPORT.test(fs.readFileSync(path.join(root, file), 'utf8')));
  return [...specsUnder('test/fast'), ...FAST_SPECS, ...unit].sort();
}

/**
 * Jest from node_modules. Installing is `npm test`'s job, not this inner loop's: an `npm ci`
 * started here while another run in the same tree installs or reads node_modules breaks both.
 */
function jestBin() {
  try {
    return require.resolve('jest/bin/jest', { paths: [root] });
  } catch {
    // Not resolvable means not installed: say how to install rather than show a stack.
    throw new toolchain.MissingToolError('Jest is not installed: `npm test` installs the dependencies (or run `npm ci`)');
  }
}

function main() {
  const started = Date.now();
  const jest = jestBin();
  const binaries = toolchain.ensureTemporalBinaries();
  // No embedded PostgreSQL and no dev server: the global set-up starts them only for the full suite.
  const env = { ...process.env, ACCORD_TEST_SERVICES: 'off', ACCORD_TEMPORAL_CLI: binaries.cli, ACCORD_TEMPORAL_TEST_SERVER: binaries.testServer };
  const specs = fastSpecs();
  log(`running ${specs.length} fast spec files…`);
  const run = spawnSync(process.execPath, [jest, ...process.argv.slice(2), '--runTestsByPath', ...specs], { cwd: root, env, stdio: 'inherit' });
  log(`fast tests ${run.status === 0 ? 'passed' : 'failed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return run.status ?? 1;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof toolchain.MissingToolError)) throw error;
  log(`cannot run the fast tests: ${error.message}`);
  process.exitCode = 1;
}
