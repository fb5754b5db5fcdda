/** The components of an ISO 8601 duration such as P1W or P1DT12H. */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses an ISO 8601 duration (P[nY][nM][nW][nD][T[nH][nM][nS]]); undefined when it is not one. */
export function parseIsoDuration(text: string): IsoDuration | undefined {
  const match = typeof text === 'string' ? PATTERN.exec(text) : null;
  if (!match) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  return { years, months, weeks, days, hours, minutes, seconds };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Milliseconds in an ISO 8601 duration, counting a year as 365 days and a month as
 * 30 days (calendar-exact arithmetic needs a start date and belongs to the business
 * calendar). Throws on text that is not a duration.
 */
export function isoDurationToMs(text: string): number {
  const duration = parseIsoDuration(text);
  if (!duration) throw new Error(`Not an ISO 8601 duration: ${text}`);
  const { years, months, weeks, days, hours, minutes, seconds } = duration;
  return (years * 365 + months * 30 + weeks * 7 + days) * DAY + hours * HOUR + minutes * MINUTE + Math.round(seconds * SECOND);
}
