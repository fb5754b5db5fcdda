const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether text is a date YYYY-MM-DD that exists: 2027-02-30 has the shape, but `Date` quietly
 * rolls it over into March and a database refuses it.
 */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years below 100 as written.
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
