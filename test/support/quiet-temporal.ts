import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;

/** Keeps the Temporal SDK's own info logs (bundling, worker state) out of test output. */
export function quietTemporalLogs(): void {
  if (installed) return;
  installed = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}
