import { ApplicationFailure } from '@temporalio/common';
import { QueryFailedError } from 'typeorm';
import { FailureType } from '@accord/contracts';

/**
 * PostgreSQL error classes that the data itself causes: class 22 (data exception: a NUL in
 * text, a number out of range, an impossible date) and 54 (program limit exceeded: a value
 * too large to index). Retrying such a write fails the same way every time.
 */
const DATA_ERROR_CLASSES = ['22', '54'];

function sqlState(error: QueryFailedError): string | undefined {
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The failure Temporal should see for an activity's error: non-retryable when retrying cannot help. */
export function classifyActivityError(error: unknown): unknown {
  if (error instanceof QueryFailedError) {
    const state = sqlState(error);
    if (state && DATA_ERROR_CLASSES.includes(state.slice(0, 2))) {
      return ApplicationFailure.create({
        message: `PostgreSQL refused the data (${state}): ${error.message}`,
        type: FailureType.badData,
        nonRetryable: true,
        cause: error,
      });
    }
  }
  return error;
}

/**
 * Wraps every activity so that an error caused by its data fails at once, as a
 * non-retryable `BadData` failure, instead of failing the same way on every retry: the
 * workflow then raises an incident that an admin can see and resolve.
 */
export function withClassifiedFailures<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, run]) => [
      name,
      async (...args: never[]) => {
        try {
          return await run(...args);
        } catch (error) {
          throw classifyActivityError(error);
        }
      },
    ]),
  ) as T;
}
