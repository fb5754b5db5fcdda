import { csvTable } from '../csv/csv-table';
import type { CustomerListItemResponse } from './dto/customer-list.response';

const COLUMNS = [
  'key',
  'name',
  'industry',
  'region',
  'contractValue',
  'projects',
  'classLabel',
  'abc',
  'basis',
  'stage',
  'churnScore',
  'churnWarning',
] as const satisfies readonly (keyof CustomerListItemResponse)[];

/** The customer list as CSV: a header, then one row per customer. */
export function customerListCsv(items: CustomerListItemResponse[]): string {
  return csvTable([COLUMNS, ...items.map((item) => COLUMNS.map((column) => item[column]))]);
}
