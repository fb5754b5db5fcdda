/** Whether a report is asked for as CSV: `?format=csv`, or no format and `Accept: text/csv`. */
export function wantsCsv(format: 'json' | 'csv' | undefined, accept: string | undefined): boolean {
  return format === 'csv' || (format === undefined && accept?.includes('text/csv') === true);
}
