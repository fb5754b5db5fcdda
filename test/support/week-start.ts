const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function localParts(instant: Date, timezone: string): { year: number; month: number; day: number; hour: number; minute: number; weekday: string } {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  });
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: parts.weekday,
  };
}

/** The instant a wall clock in `timezone` reads `hour`:00 on the given local date. */
function zonedHour(year: number, month: number, day: number, hour: number, timezone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  const read = localParts(new Date(guess), timezone);
  const offset = Date.UTC(read.year, read.month - 1, read.day, read.hour, read.minute) - guess;
  return new Date(guess - offset);
}

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
    const local = localParts(new Date(now.getTime() + days * DAY), timezone);
    if (local.weekday !== 'Mon') continue;
    const at = zonedHour(local.year, local.month, local.day, hour, timezone);
    if (at.getTime() > now.getTime() + HOUR) return at;
  }
  throw new Error(`no Monday within eight days of ${now.toISOString()} in ${timezone}`);
}
