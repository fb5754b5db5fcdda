import { CancellationScope, proxyActivities } from '@temporalio/workflow';
import type { AccordActivities } from '@accord/activities';

const activities = proxyActivities<AccordActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Read-model writes: short, idempotent, retried until the database answers again, and
 * never cancelled. A parallel branch that loses its race is cancelled; a task row it was
 * writing must still land, so that the cancellation that follows can close it.
 */
export const readModel = new Proxy(activities, {
  get:
    (target, name: keyof AccordActivities) =>
    (...args: unknown[]) =>
      CancellationScope.nonCancellable(() => (target[name] as (...input: unknown[]) => Promise<unknown>)(...args)),
}) as AccordActivities;
