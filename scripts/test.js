#!/usr/bin/env node
// `npm test`: installs what is missing, type-checks, lints, checks the formatting, then runs the whole Jest suite.
// Extra arguments go to Jest (`npm test -- test/e2e`). Results land in .test-results/jest.json.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const toolchain = require('./lib/toolchain');

const { root, log } = toolchain;

function main() {
  toolchain.ensureNodeModules();
  const binaries = toolchain.ensureTemporalBinaries();
  toolchain.ensureChromium();
  // The browser tests drive the built app: build it when its sources are newer.
  const { buildWeb, isWebStale } = require('./build-web');
  if (isWebStale()) {
    log('building the web app for the browser tests…');
    buildWeb();
  }
  const env = { ...process.env, ACCORD_TEMPORAL_CLI: binaries.cli, ACCORD_TEMPORAL_TEST_SERVER: binaries.testServer };
  const args = process.argv.slice(2);

  if (args.length === 0) {
    // The web app has its own tsconfig: checking it here is what makes a changed DTO break the build, not a page.
    for (const project of ['tsconfig.json', 'apps/web/tsconfig.json']) {
      log(`type-checking ${project}…`);
      const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', project, '--noEmit'], {
        cwd: root,
        stdio: 'inherit',
      });
      if (tsc.status !== 0) {
        log(`type check of ${project} failed`);
        return tsc.status ?? 1;
      }
    }
    // Without `npm run lint`'s cache: it keys on each file alone, so a callee turned async elsewhere would leave
    // a cached caller clean of its floating promise (typed rules read other files: typescript-eslint#4694).
    log('linting…');
    const eslintBin = path.join(path.dirname(require.resolve('eslint/package.json', { paths: [root] })), 'bin', 'eslint.js');
    const eslint = spawnSync(process.execPath, [eslintBin, '.'], { cwd: root, stdio: 'inherit' });
    if (eslint.status !== 0) {
      log('lint failed: `npm run lint` repeats it');
      return eslint.status ?? 1;
    }
    log('checking the formatting…');
    const prettierBin = path.join(path.dirname(require.resolve('prettier/package.json', { paths: [root] })), 'bin', 'prettier.cjs');
    const prettier = spawnSync(process.execPath, [prettierBin, '--check', '--log-level', 'warn', '.'], { cwd: root, stdio: 'inherit' });
    if (prettier.status !== 0) {
      log("formatting differs from Prettier's: `npm run format` rewrites the files it named");
      return prettier.status ?? 1;
    }
  }

  const results = path.join(root, '.test-results');
  fs.mkdirSync(results, { recursive: true });
  const outputFile = path.join(results, 'jest.json');
  fs.rmSync(outputFile, { force: true });
  const jest = require.resolve('jest/bin/jest', { paths: [root] });
  const run = spawnSync(process.execPath, [jest, '--json', `--outputFile=${outputFile}`, ...args], { cwd: root, env, stdio: 'inherit' });
  return run.status ?? 1;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof toolchain.MissingToolError)) throw error;
  log(`cannot run the tests: ${error.message}`);
  process.exitCode = 1;
}
