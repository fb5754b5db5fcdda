/**
 * One CSV cell. A spreadsheet reads text starting with = + - @ (or a tab or carriage return)
 * as a formula: such text, which names and reasons typed by people can hold, gets a leading
 * quote. Numbers stay numbers, negative ones included.
 */
export function csvCell(value: unknown): string {
  const raw = value === undefined || value === null ? '' : String(value);
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV for spreadsheets: cells through csvCell, CRLF line ends, a final line end. */
export function csvTable(rows: readonly (readonly unknown[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
