import type { CustomerListItemResponse } from './dto/customer-list.response';

/**
 * A spreadsheet reads a cell starting with = + - @ (or a tab or carriage return before one) as
 * a formula: such text, which a profile or a customer name can hold, is prefixed with a quote.
 */
export function guardedCell(value: unknown): string {
  const raw = value === undefined || value === null ? '' : String(value);
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS = ['key', 'name', 'industry', 'region', 'contractValue', 'projects', 'classLabel', 'abc', 'basis', 'stage', 'churnScore', 'churnWarning'] as const satisfies readonly (keyof CustomerListItemResponse)[];

/** The customer list as CSV: a header, then one row per customer. */
export function customerListCsv(items: CustomerListItemResponse[]): string {
  const rows = [COLUMNS.map(guardedCell), ...items.map((item) => COLUMNS.map((column) => guardedCell(item[column])))];
  return rows.map((row) => row.join(',')).join('\r\n') + '\r\n';
}
