import type { BusinessCalendar } from '@accord/contracts';
import { localDate, startOfLocalDate } from '@accord/domain';
import { projectDayDate } from '@accord/simulation';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY = 1;
/** How far into a project the tests count working days: the pre-sales intake's five and its escalation ladder. */
const COUNTED_DAYS = 14;
/** The calendars of the shipped definitions list holidays a few months ahead at most. */
const SEARCHED_DAYS = 366;

/**
 * The next Monday at `hour`:00 in the calendar's time zone, at least an hour after `now` (a
 * simulation given a start already past by the time it is up refuses to run), whose first two
 * weeks hold none of the calendar's holidays.
 *
 * The time-skipping test server's clock begins at the real now and only moves forward. A
 * project started there sits wherever the week happens to be when the suite runs, so a test
 * that counts days across weekends would pass on a Tuesday and fail on a Friday night, and one
 * that counts the intake's five working days would fail in the week before New Year. Started
 * here instead, it sits at the same point of the working week, with no holiday in the days the
 * tests count, whatever day the suite runs.
 */
export function nextMondayAt(hour: number, calendar: BusinessCalendar, now = new Date()): Date {
  const { timezone } = calendar;
  for (let days = 0; days <= SEARCHED_DAYS; days += 1) {
    const date = localDate(new Date(now.getTime() + days * DAY), timezone);
    if (new Date(`${date}T00:00:00Z`).getUTCDay() !== MONDAY) continue;
    const at = new Date(startOfLocalDate(date, timezone).getTime() + hour * HOUR);
    if (at.getTime() <= now.getTime() + HOUR) continue;
    const counted = Array.from({ length: COUNTED_DAYS }, (_, day) => projectDayDate(at, day, timezone));
    if (!counted.some((day) => calendar.holidays.includes(day))) return at;
  }
  throw new Error(`no Monday without holidays in its first ${COUNTED_DAYS} days within a year of ${now.toISOString()} in ${timezone}`);
}

/**
 * The local date (YYYY-MM-DD) `days` from today in `timezone` (by default the shipped
 * definitions'): for due dates and deadlines a test needs still to come, or just past,
 * whenever it runs.
 */
export function dateInDays(days: number, timezone = 'Asia/Shanghai'): string {
  return projectDayDate(new Date(), days, timezone);
}
