import { Histogram, type Registry } from 'prom-client';
import type { AccordActivities } from '@accord/activities';

/** From a few milliseconds (a write on a quiet machine) to half an hour (a database outage waited out by retries). */
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 1800];

/**
 * When the workflow decided what a write records: its clock in the workflow task that decided,
 * which every write carries as its audit entry's time (`recordAudit` is given the entry itself).
 */
export function decidedAt(input: unknown): number | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const { audit, at, action } = input as { audit?: { at?: unknown }; at?: unknown; action?: unknown };
  const when = audit?.at ?? (typeof action === 'string' ? at : undefined);
  const time = typeof when === 'string' ? Date.parse(when) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}

/**
 * The activities as given, each write of the read model observing, once it has landed, how long
 * after its workflow decided it: the lag of what the inbox and the project pages show behind
 * what the workflows know. Activity retries (a database that was down) count into it, which is
 * what an operator needs to see. A decision's own write lands before its 2xx; the lag shows in
 * what follows it, such as the next task opening. Labelled by activity name only: a bounded set.
 */
export function measuringReadModelLag(activities: AccordActivities, registry: Registry, now: () => number = Date.now): AccordActivities {
  const lag = new Histogram({
    name: 'accord_read_model_lag_seconds',
    help: 'Time from a workflow deciding a fact to its write landing in the read model, by write',
    labelNames: ['write'],
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  // Each activity is called with the arguments it was given; its own signature is of no concern here.
  const measured = Object.entries(activities as Record<string, (...args: unknown[]) => Promise<unknown>>).map(([name, run]) => [
    name,
    async (...args: unknown[]) => {
      const result = await run(...args);
      const decided = decidedAt(args[0]);
      // A workflow clock ahead of this one (another host's skew) is no lag, not a negative one.
      if (decided !== undefined) lag.observe({ write: name }, Math.max(0, now() - decided) / 1_000);
      return result;
    },
  ]);
  return Object.fromEntries(measured) as AccordActivities;
}
