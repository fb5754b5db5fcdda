import {
  ActivityFailure,
  type ActivityOptions,
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  isCancellation,
  type LocalActivityOptions,
  proxyActivities,
  proxyLocalActivities,
  TemporalFailure,
} from '@temporalio/workflow';
import { RetryState } from '@temporalio/common';
import type { AccordActivities } from '@accord/activities';
import { FailureType } from '@accord/contracts';
import { awaitIncidentResolution, describeActivityFailure, isIncidentWorthy } from './incidents';

/**
 * Read-model writes are short and idempotent. A database that is down is waited for (about
 * 35 minutes of backoff at most); past that, or at once for data the database refuses,
 * the failure becomes an incident instead of a retry loop nobody sees.
 */
const MAXIMUM_ATTEMPTS = 40;
const NON_RETRYABLE_ERROR_TYPES: string[] = [FailureType.badData, FailureType.preconditionFailed];

const ACTIVITY_OPTIONS: ActivityOptions & LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: MAXIMUM_ATTEMPTS,
    nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES,
  },
};

const scheduled = proxyActivities<AccordActivities>(ACTIVITY_OPTIONS);
/**
 * The same writes as local activities: run by the worker inside the workflow task that handles
 * an Update, so the Update's answer waits for no activity task round trip through the server.
 * Their result is recorded in that workflow task's completion, with the Update's, so a
 * decision acknowledged to the caller is in the history and its row is in the read model.
 */
const local = proxyLocalActivities<AccordActivities>(ACTIVITY_OPTIONS);

/** What a skipped activity stands in with: only activities whose result nothing needs (or has a neutral value) can be skipped. */
const SKIPPED_RESULT: Partial<Record<keyof AccordActivities, () => unknown>> = {
  meetingAgenda: () => [],
  projectMembersInRole: () => [],
};
const RESULT_NEEDED = new Set<keyof AccordActivities>([
  'publishExpectationDocument',
  'publishBaseline',
  'recordMetricReadings',
  'recordDeviationAnalysis',
  'recordKpis',
  'recommendIncentives',
  'recordCustomerRequirements',
  'recordCustomerReview',
]);

/**
 * A local activity's failure reaches the workflow as its cause alone, where a scheduled
 * activity's arrives wrapped in an ActivityFailure: wrapped alike, both become the same incident.
 */
function asActivityFailure(name: keyof AccordActivities, error: unknown): unknown {
  if (error instanceof ActivityFailure || !(error instanceof TemporalFailure) || isCancellation(error)) return error;
  const nonRetryable = error instanceof ApplicationFailure && (error.nonRetryable || NON_RETRYABLE_ERROR_TYPES.includes(error.type ?? ''));
  const retryState = nonRetryable ? RetryState.NON_RETRYABLE_FAILURE : RetryState.MAXIMUM_ATTEMPTS_REACHED;
  return new ActivityFailure(`Local activity ${name} failed`, name, undefined, retryState, undefined, error);
}

async function runWithIncidents(proxy: AccordActivities, name: keyof AccordActivities, args: unknown[]): Promise<unknown> {
  const run = proxy[name] as (...input: unknown[]) => Promise<unknown>;
  for (;;) {
    try {
      return await CancellationScope.nonCancellable(() => run(...args));
    } catch (thrown) {
      const error = asActivityFailure(name, thrown);
      if (!isIncidentWorthy(error)) throw error;
      const skippable = !RESULT_NEEDED.has(name);
      const action = await awaitIncidentResolution({ kind: 'activity-failed', activity: name, skippable, ...describeActivityFailure(error, MAXIMUM_ATTEMPTS) });
      if (action === 'skip') return SKIPPED_RESULT[name]?.();
      if (action === 'cancel') throw new CancelledFailure(`${name} was not retried: the project is cancelled`);
    }
  }
}

/** Every call through `proxy` runs as runWithIncidents says. */
const withIncidents = (proxy: AccordActivities): AccordActivities =>
  new Proxy(proxy, {
    get:
      (_target, name: keyof AccordActivities) =>
      (...args: unknown[]) =>
        runWithIncidents(proxy, name, args),
  });

/**
 * Every activity, each named by what it does (openTask, publishBaseline, meetingAgenda…):
 * never cancelled (a parallel branch that loses its race is cancelled; a task row it was
 * writing must still land, so that the cancellation that follows can close it), and a
 * failure that retrying cannot fix waits as an incident for an admin.
 */
export const activities = withIncidents(scheduled);

/**
 * The read-model writes of a decision, which its caller waits for: as `activities`, but run as
 * local activities (see `local`). Only for short writes inside Update handlers.
 */
export const localActivities = withIncidents(local);
