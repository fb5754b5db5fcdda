import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Plain JS set-up helpers shared with `npm start` (they run before node_modules exists).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is plain CommonJS with no type declarations: an import would not type-check
const toolchain = require('../../scripts/lib/toolchain');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is plain CommonJS with no type declarations: an import would not type-check
const services = require('../../scripts/lib/local-services');

interface Stoppable {
  stop: () => Promise<void>;
}

/**
 * Starts one embedded PostgreSQL and one Temporal dev server for the whole run; each test
 * file makes its own database in it. Test workers inherit the addresses through the environment.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.ACCORD_TEST_SERVICES === 'off') return;
  const binaries = toolchain.ensureTemporalBinaries();
  process.env.ACCORD_TEMPORAL_CLI = binaries.cli;
  process.env.ACCORD_TEMPORAL_TEST_SERVER = binaries.testServer;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-test-pg-'));
  const [pgPort, temporalPort] = [await services.freePort(), await services.freePort()];
  const started = await Promise.allSettled([
    services.startEmbeddedPostgres({ dataDir, port: pgPort, database: 'postgres', persistent: false }),
    services.startTemporalDevServer({ cli: binaries.cli, port: temporalPort }),
  ]);
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    // Jest runs no teardown after a failed set-up: stop what did start, or it outlives the run.
    for (const result of started) if (result.status === 'fulfilled') await (result.value as Stoppable).stop();
    throw failure.reason;
  }
  const [pg, temporal] = started.map((result) => (result as PromiseFulfilledResult<Stoppable & Record<string, string>>).value);
  process.env.ACCORD_TEST_PG_ADMIN_URL = pg.adminUrl;
  process.env.ACCORD_TEST_TEMPORAL_ADDRESS = temporal.address;
  (globalThis as { accordTestServices?: Stoppable[] }).accordTestServices = [temporal, pg];
  (globalThis as { accordTestDataDir?: string }).accordTestDataDir = dataDir;
}
