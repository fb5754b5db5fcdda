import { proxyActivities } from '@temporalio/workflow';
import type { AccordActivities } from '@accord/activities';

/** Read-model writes: short, idempotent, retried until the database answers again. */
export const readModel = proxyActivities<AccordActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
