import { ConfigError } from './accord.config';

/** Exit status for a configuration error (sysexits' EX_CONFIG), so supervisors can tell it from a crash. */
export const EXIT_CONFIG = 78;

/**
 * Runs a process's main function: a configuration error prints its message naming the
 * variables to fix; anything else is logged as one JSON line with its stack.
 */
export function runProcess(service: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', service, msg: String(error), trace: (error as Error).stack })}\n`);
    process.exit(1);
  });
}
