import { CancellationScope, CancelledFailure, proxyActivities } from '@temporalio/workflow';
import type { AccordActivities } from '@accord/activities';
import { FailureType } from '@accord/contracts';
import { awaitIncidentResolution, describeActivityFailure, isIncidentWorthy } from './incidents';

/**
 * Read-model writes are short and idempotent. A database that is down is waited for (about
 * 35 minutes of backoff at most); past that, or at once for data the database refuses,
 * the failure becomes an incident instead of a retry loop nobody sees.
 */
const MAXIMUM_ATTEMPTS = 40;

const activities = proxyActivities<AccordActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: MAXIMUM_ATTEMPTS,
    nonRetryableErrorTypes: [FailureType.badData, FailureType.preconditionFailed],
  },
});

/** What a skipped activity stands in with: only activities whose result nothing needs (or has a neutral value) can be skipped. */
const SKIPPED_RESULT: Partial<Record<keyof AccordActivities, () => unknown>> = {
  meetingAgenda: () => [],
  projectMembersInRole: () => [],
};
const RESULT_NEEDED = new Set<keyof AccordActivities>(['publishExpectationDocument', 'publishBaseline', 'recordMetricReadings', 'recordDeviationAnalysis', 'recordKpis', 'recommendIncentives', 'recordCustomerRequirements', 'recordCustomerReview']);

async function runWithIncidents(name: keyof AccordActivities, args: unknown[]): Promise<unknown> {
  const run = activities[name] as (...input: unknown[]) => Promise<unknown>;
  for (;;) {
    try {
      return await CancellationScope.nonCancellable(() => run(...args));
    } catch (error) {
      if (!isIncidentWorthy(error)) throw error;
      const skippable = !RESULT_NEEDED.has(name);
      const action = await awaitIncidentResolution({ kind: 'activity-failed', activity: name, skippable, ...describeActivityFailure(error, MAXIMUM_ATTEMPTS) });
      if (action === 'skip') return SKIPPED_RESULT[name]?.();
      if (action === 'cancel') throw new CancelledFailure(`${name} was not retried: the project is cancelled`);
    }
  }
}

/**
 * Read-model writes: never cancelled (a parallel branch that loses its race is cancelled;
 * a task row it was writing must still land, so that the cancellation that follows can
 * close it), and a failure that retrying cannot fix waits as an incident for an admin.
 */
export const readModel = new Proxy(activities, {
  get:
    (_target, name: keyof AccordActivities) =>
    (...args: unknown[]) =>
      runWithIncidents(name, args),
}) as AccordActivities;
