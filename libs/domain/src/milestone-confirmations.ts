import type { BusinessCalendar, CompiledStep, StepResults } from '@accord/contracts';
import { isWorkingDay } from './business-calendar';
import { stepsWithin } from './steps-within';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Confirmations are held at the start of the working day. */
const CONFIRMATION_HOUR = 9;

/** How far a time zone's clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - Math.floor(instant / 1000) * 1000;
}

/** The instant a local date (YYYY-MM-DD) begins in a time zone. */
export function startOfLocalDate(date: string, timezone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day);
  // Twice, so that a date on which the offset changes lands on its own midnight.
  const first = wall - offsetAt(wall, timezone);
  return new Date(wall - offsetAt(first, timezone));
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** When to confirm a deadline with the customer: 09:00 local on the working day `workdays` before its date. */
export function confirmationTime(deadline: string, workdays: number, calendar: BusinessCalendar): Date {
  let day = startOfLocalDate(deadline, calendar.timezone).getTime() + 12 * HOUR_MS;
  for (let counted = 0, guard = 0; counted < workdays || !isWorkingDay(new Date(day), calendar); guard++) {
    if (guard > 3660) throw new Error(`No working day within ten years before ${deadline} on calendar ${calendar.timezone}`);
    day -= DAY_MS;
    if (isWorkingDay(new Date(day), calendar)) counted++;
  }
  return new Date(startOfLocalDate(localDate(new Date(day), calendar.timezone), calendar.timezone).getTime() + CONFIRMATION_HOUR * HOUR_MS);
}

/** Whether a deadline's local day is over. */
export function deadlinePassed(deadline: string, now: Date, calendar: BusinessCalendar): boolean {
  return now.getTime() >= startOfLocalDate(deadline, calendar.timezone).getTime() + DAY_MS;
}

/** The baseline in force as a stage knows it: the highest version any `publish-baseline` step of the definition left in the results. */
export function baselineInForce(steps: CompiledStep[], results: StepResults): { version: number; deadlines: string[] } | undefined {
  const published = stepsWithin(steps)
    .filter((step) => step.type === 'service' && step.action === 'publish-baseline')
    .map((step) => results[step.id]?.data as { version?: number; deadlines?: string[] } | undefined)
    .filter((data): data is { version: number; deadlines?: string[] } => typeof data?.version === 'number');
  const latest = published.sort((a, b) => b.version - a.version)[0];
  return latest ? { version: latest.version, deadlines: latest.deadlines ?? [] } : undefined;
}
