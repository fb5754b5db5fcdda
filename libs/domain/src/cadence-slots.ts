import type { BusinessCalendar, Duration } from '@accord/contracts';
import { addDuration, isWorkingDay } from './business-calendar';
import { localDate } from './milestone-confirmations';

const DAY_MS = 24 * 3_600_000;

/** The same time of day on the first working day at or after `at` (in the calendar's zone). */
export function onWorkingDay(at: Date, calendar: BusinessCalendar): Date {
  let moved = at.getTime();
  // A calendar with no working day in ten years is refused by the validator; this bound keeps a bad one from looping.
  for (let guard = 0; !isWorkingDay(new Date(moved), calendar) && guard < 3_660; guard++) moved += DAY_MS;
  return new Date(moved);
}

/** When occurrence `n` (from 1) of a cadence started at `started` is due, as its schedule says, before any move. */
export function scheduledSlot(started: Date, every: Duration, n: number, calendar: BusinessCalendar): Date {
  let due = started;
  for (let i = 1; i < n; i++) due = addDuration(due, every, calendar);
  return due;
}

/**
 * When occurrence `n` of a cadence takes place: its scheduled time, moved to the next working
 * day when that falls on a weekend or holiday. Undefined when the move lands it on the same
 * local day as occurrence `n + 1`: a daily cadence meets once on Monday, not three times.
 * With `keep`, the definition asked for the scheduled day whatever it is.
 */
export function workingSlot(
  started: Date,
  every: Duration,
  n: number,
  calendar: BusinessCalendar,
  onNonWorkingDay: 'move' | 'keep' = 'move',
): Date | undefined {
  if (onNonWorkingDay === 'keep') return scheduledSlot(started, every, n, calendar);
  const at = onWorkingDay(scheduledSlot(started, every, n, calendar), calendar);
  const next = onWorkingDay(scheduledSlot(started, every, n + 1, calendar), calendar);
  return localDate(at, calendar.timezone) === localDate(next, calendar.timezone) ? undefined : at;
}
