import type { BusinessCalendar, Duration, Weekday } from '@accord/contracts';
import { isoDurationToMs, parseIsoDuration } from './iso-duration';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAY_BY_SHORT_NAME: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

/** The local date (YYYY-MM-DD) and weekday of an instant in a time zone. */
function localDay(instant: Date, timezone: string): { date: string; weekday: Weekday } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' }).formatToParts(
    instant,
  );
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, weekday: WEEKDAY_BY_SHORT_NAME[part('weekday')] };
}

/** Whether work happens on the local day of `instant`. */
export function isWorkingDay(instant: Date, calendar: BusinessCalendar): boolean {
  const { date, weekday } = localDay(instant, calendar.timezone);
  return calendar.workdays.includes(weekday) && !calendar.holidays.includes(date);
}

/**
 * The instant a duration after `start` ends. ISO durations are elapsed time; working days
 * skip weekends and holidays of the calendar, keeping the time of day (in whole days, so a
 * daylight-saving change in between moves it by that hour).
 */
export function addDuration(start: Date, duration: Duration, calendar: BusinessCalendar): Date {
  if (typeof duration === 'string') return new Date(start.getTime() + isoDurationToMs(duration));
  let at = start.getTime();
  for (let counted = 0, guard = 0; counted < duration.workdays; guard++) {
    if (guard > 3660) throw new Error(`No working day within ten years on calendar ${calendar.timezone} ${calendar.workdays.join(',')}`);
    at += DAY_MS;
    if (isWorkingDay(new Date(at), calendar)) counted++;
  }
  return new Date(at);
}

/** Whether a duration is well-formed: an ISO 8601 duration or a positive whole number of working days. */
export function isDuration(value: unknown): value is Duration {
  if (typeof value === 'string') return parseIsoDuration(value) !== undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const workdays = (value as { workdays?: unknown }).workdays;
  return keys.length === 1 && keys[0] === 'workdays' && typeof workdays === 'number' && Number.isInteger(workdays) && workdays > 0;
}

/** Whether the runtime knows the IANA time zone. */
export function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    // Intl throws a RangeError for names it does not know: that is the answer.
    return false;
  }
}
