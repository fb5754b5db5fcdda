import { localDate, startOfLocalDate } from '@accord/domain';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY = 1;

/**
 * The next Monday at `hour`:00 in `timezone`, at least an hour after `now` (a simulation
 * given a start already past by the time it is up refuses to run).
 *
 * The time-skipping test server's clock begins at the real now and only moves forward. A
 * project started there sits wherever the week happens to be when the suite runs, so a test
 * that counts days across weekends would pass on a Tuesday and fail on a Friday night. Started
 * here instead, it sits at the same point of the working week whatever day the suite runs.
 */
export function nextMondayAt(hour: number, timezone: string, now = new Date()): Date {
  for (let days = 0; days <= 8; days += 1) {
    const date = localDate(new Date(now.getTime() + days * DAY), timezone);
    if (new Date(`${date}T00:00:00Z`).getUTCDay() !== MONDAY) continue;
    const at = new Date(startOfLocalDate(date, timezone).getTime() + hour * HOUR);
    if (at.getTime() > now.getTime() + HOUR) return at;
  }
  throw new Error(`no Monday within eight days of ${now.toISOString()} in ${timezone}`);
}
