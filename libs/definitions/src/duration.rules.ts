import { DEFAULT_CALENDAR, type Weekday, WEEKDAYS } from '@accord/contracts';
import { isDuration, isoDurationToMs } from '@accord/domain';
import { DefinitionErrorCode as Code } from './definition-error';
import { type ErrorSink, isObject, type Json, type Path } from './error-sink';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The longest ISO duration a definition may hold: 100 years, as the engine counts them (365-day
 * years). Added to any date of the next hundred years it stays far inside what a JavaScript Date
 * can hold (year 275760), whereas `due: P99999999999D` made every due date of its stage an
 * invalid Date, and the stage threw `RangeError: Invalid time value` on every retry. No step of a
 * project waits a century.
 */
export const LONGEST_DURATION_MS = 100 * 365 * DAY_MS;

/**
 * The shortest interval a cadence may repeat at. Each occurrence is a meeting, a task or a
 * service reading what people entered, which changes over hours, not seconds; and each writes
 * events to the stage's history (`every: P0D` wrote 2,003 in 24 s, with nothing to wait for).
 * Hourly already asks a person for a report 24 times a day.
 */
export const SHORTEST_CADENCE_MS = HOUR_MS;

/**
 * Whole weeks the engine can count working days across. `addDuration` and `confirmationTime`
 * (@accord/domain) look at most 3,661 days ahead or back for working days and fail the stage
 * beyond; 520 weeks (3,640 days) fit inside with room for the days daylight saving shifts.
 */
const COUNTABLE_WEEKS = 520;

/** What bounds the durations of one definition: its calendar decides how many working days the engine can count. */
export interface DurationLimits {
  mostWorkdays: number;
}

/** Limits for a definition's `calendar` (as written, checked or not): its distinct working weekdays over ten years, less every holiday it lists. */
export function durationLimits(calendar: unknown): DurationLimits {
  const written = isObject(calendar) ? calendar : {};
  const listed = Array.isArray(written.workdays) ? written.workdays.filter((day): day is Weekday => (WEEKDAYS as readonly unknown[]).includes(day)) : [];
  // A calendar without a valid working day is refused on its own; counting on the default spares a second error per duration.
  const weekdays = new Set(listed.length > 0 ? listed : DEFAULT_CALENDAR.workdays).size;
  const holidays = Array.isArray(written.holidays) ? written.holidays.length : 0;
  return { mostWorkdays: Math.max(0, COUNTABLE_WEEKS * weekdays - holidays) };
}

/**
 * Checks a duration (`due`, `after`, `duration`, `every`): well-formed, longer than zero, at most
 * LONGEST_DURATION_MS or the working days the engine can count, and at least `shortest` when given.
 */
export function checkDuration(
  sink: ErrorSink,
  parent: Json,
  key: string,
  path: Path,
  limits: DurationLimits,
  { required, shortest }: { required: boolean; shortest?: { ms: number; text: string } },
): void {
  const value = parent[key];
  const at = [...path, key];
  if (value === undefined) return void (required && sink.add(Code.REQUIRED, at, `${key} is required`));
  if (!isDuration(value)) {
    return void sink.add(Code.BAD_DURATION, at, `${key} ${JSON.stringify(value)} is neither an ISO 8601 duration (P3D, PT4H, P1W) nor { workdays: n }`);
  }
  if (typeof value !== 'string') {
    if (value.workdays > limits.mostWorkdays) sink.add(Code.DURATION_OUT_OF_RANGE, at, tooManyWorkdays(key, value.workdays, limits));
    return;
  }
  const ms = isoDurationToMs(value);
  // Digits beyond what a number holds give Infinity: too long, as it should be.
  if (ms <= 0) return void sink.add(Code.DURATION_OUT_OF_RANGE, at, `${key} ${value} is no time at all; a duration must be longer than zero`);
  if (!(ms <= LONGEST_DURATION_MS))
    return void sink.add(Code.DURATION_OUT_OF_RANGE, at, `${key} ${value} is longer than 100 years (P36500D), the longest a definition may wait`);
  if (shortest && ms < shortest.ms)
    sink.add(Code.CADENCE_TOO_FREQUENT, at, `${key} ${value} repeats more often than ${shortest.text}, the shortest a cadence may repeat`);
}

/** Checks a cadence's `beforeDeadlines: { workdays: n }`: n working days (0 or more) the engine can count back from a deadline. */
export function checkDeadlineLead(sink: ErrorSink, step: Json, path: Path, limits: DurationLimits): void {
  const lead = step.beforeDeadlines;
  if (lead === undefined) return;
  const workdays = isObject(lead) ? lead.workdays : undefined;
  if (!isObject(lead) || typeof workdays !== 'number' || !Number.isInteger(workdays) || workdays < 0 || Object.keys(lead).length !== 1) {
    return void sink.add(
      Code.INVALID_VALUE,
      [...path, 'beforeDeadlines'],
      'beforeDeadlines must be { workdays: n }, n working days (0 or more) before each deadline',
    );
  }
  if (workdays > limits.mostWorkdays)
    sink.add(Code.DURATION_OUT_OF_RANGE, [...path, 'beforeDeadlines', 'workdays'], tooManyWorkdays('beforeDeadlines', workdays, limits));
}

function tooManyWorkdays(key: string, workdays: number, { mostWorkdays }: DurationLimits): string {
  return `${key} { workdays: ${workdays} } is more working days than the engine counts on this calendar: at most ${mostWorkdays} (ten years of its working weeks, less its holidays)`;
}
