#!/usr/bin/env node
// `npm run bench:simulation`: times a 6-month simulation of definitions/customer-expectation.yaml
// (what `npm run accord -- simulate` runs, without the build and the database start), and as its
// anchor, in the same run, the bare time-skipping test server letting the same simulated span pass
// one day at a time: the floor of any day-by-day autopilot. Prints both and their ratio; the last
// line reads `simulation: <s> s for <d> days, bare day-by-day sleeps: <a> s, ratio <r>`.
// BENCH_MONTHS changes the span (default 6); BENCH_TIMELINE=<file> writes the timeline there as
// JSON (dates as days since the first entry), to compare runs.
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const os = require('node:os');
const path = require('node:path');
const { root } = require('./aliases');
const toolchain = require('./lib/toolchain');
const services = require('./lib/local-services');

const MONTHS = Number(process.env.BENCH_MONTHS || 6);
const DEFINITION = path.join(root, 'definitions', 'customer-expectation.yaml');
const SCRIPT = path.join(root, 'definitions', 'customer-expectation.actors.yaml');
const DAY = 24 * 3_600_000;
const DAYS_PER_MONTH = 30.44;

function builtModule(source) {
  const { buildWhen, isStale } = require('./build');
  buildWhen(() => isStale());
  return require(path.join(root, 'dist', `${source}.js`));
}

const seconds = (ms) => (ms / 1000).toFixed(1);

async function timed(call) {
  const started = performance.now();
  const result = await call();
  return { ms: performance.now() - started, result };
}

/** The anchor: a fresh time-skipping server, and one sleep of a day per simulated day. */
async function bareDailySleeps(testServerPath, days) {
  const { TestWorkflowEnvironment } = require('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath } } });
  try {
    for (let day = 0; day < days; day++) await env.sleep(DAY);
  } finally {
    await env.teardown();
  }
}

/** The timeline with each date as days since its first entry: runs start at different times. */
function writeTimeline(file, timeline) {
  const start = timeline.length > 0 ? Date.parse(timeline[0].at) : 0;
  const entries = timeline.map(({ at, kind, stage, detail }) => ({ day: (Date.parse(at) - start) / DAY, kind, stage, detail }));
  fs.writeFileSync(file, `${JSON.stringify(entries, null, 1)}\n`);
}

async function main() {
  const { testServer } = toolchain.ensureTemporalBinaries({ testServer: true });
  const { simulateDefinition } = builtModule('apps/worker/src/project-simulation');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-simulation-pg-'));
  const pg = await services.startEmbeddedPostgres({ dataDir, port: await services.freePort(), database: 'accord_simulation', persistent: false });
  try {
    const days = Math.round(MONTHS * DAYS_PER_MONTH);
    // The simulation first: it installs Temporal's runtime (quiet), which must come before any other use of it.
    const simulation = await timed(() =>
      simulateDefinition({
        definitionSource: fs.readFileSync(DEFINITION, 'utf8'),
        scriptSource: fs.readFileSync(SCRIPT, 'utf8'),
        months: MONTHS,
        testServerPath: testServer,
        databaseUrl: pg.url,
      }),
    );
    const report = simulation.result;
    if (process.env.BENCH_TIMELINE) writeTimeline(process.env.BENCH_TIMELINE, report.timeline);
    process.stdout.write(
      `simulation of customer-expectation.yaml over ${MONTHS} months: ${seconds(simulation.ms)} s (${report.outcome} after ${report.days} days, ${report.timeline.length} timeline entries)\n`,
    );
    const anchor = await timed(() => bareDailySleeps(testServer, days));
    process.stdout.write(`bare time-skipping server, ${days} sleeps of a day: ${seconds(anchor.ms)} s\n`);
    process.stdout.write(
      `simulation: ${seconds(simulation.ms)} s for ${report.days} days, bare day-by-day sleeps: ${seconds(anchor.ms)} s, ratio ${(simulation.ms / anchor.ms).toFixed(1)}\n`,
    );
  } finally {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
