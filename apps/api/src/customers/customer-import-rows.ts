import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldError } from '@accord/contracts';
import { type CsvRecord, parseCsvRecords } from '../csv/csv-records';
import { toValidationException } from '../errors/validation-errors';
import { CustomerRefDto } from '../projects/dto/start-project.dto';
import { type CustomerProfileFields, profileFieldsOf, PutCustomerProfileDto } from './dto/customer-profile.dto';

/** The columns of a customer import, in the order the documentation and the example give them. */
export const CUSTOMER_IMPORT_COLUMNS = [
  'key',
  'name',
  'industry',
  'size',
  'region',
  'annualContractValue',
  'contactName',
  'contactRole',
  'contactEmail',
  'contactPhone',
] as const;
export type CustomerImportColumn = (typeof CUSTOMER_IMPORT_COLUMNS)[number];

/** The columns that describe the customer: repeated on each of their rows, and the same on all of them. */
const CUSTOMER_COLUMNS = ['name', 'industry', 'size', 'region', 'annualContractValue'] as const satisfies readonly CustomerImportColumn[];
const CONTACT_COLUMNS = { name: 'contactName', role: 'contactRole', email: 'contactEmail', phone: 'contactPhone' } as const satisfies Record<
  string,
  CustomerImportColumn
>;

/** Digits with a point for decimals: what every spreadsheet writes to CSV when no number format is set. */
const AMOUNT = /^\d+(\.\d+)?$/;
/** How many contacts a profile holds (the profile DTO's ArrayMaxSize): the contact past it is the one reported. */
const MAX_CONTACTS = 50;

/** A customer as the file gives them: the profile is whole, as the profile PUT takes it. */
export interface ImportedCustomer {
  key: string;
  name: string;
  profile: CustomerProfileFields;
  /** The lines of their rows. */
  lines: number[];
}

export interface CustomerImportRows {
  customers: ImportedCustomer[];
  /** Rows read after the header. */
  rows: number;
  /** Every problem of the file, by line and column (`line 4, contactEmail`); none: the customers are all valid. */
  problems: FieldError[];
}

interface Row {
  line: number;
  cells: Record<CustomerImportColumn, string>;
}

interface Problem {
  line: number;
  column?: string;
  message: string;
}

/**
 * Reads a customer import: one row per contact, the customer's columns repeated on each (a
 * customer without contacts is one row with empty contact cells). Each customer is checked
 * by the rules of the profile PUT (PutCustomerProfileDto) and the name a project start gives
 * (CustomerRefDto), so a file imports exactly what the API would take field by field. Every
 * problem is reported, not only the first: a malformed line, a header column missing, unknown
 * or repeated, a row of a customer that disagrees with the customer's first row, a repeated
 * contact, a bad cell. A header that is wrong stops the checks of the rows, whose cells cannot
 * then be told apart.
 */
export function readCustomerImport(csv: string): CustomerImportRows {
  const { records, problems: malformed } = parseCsvRecords(csv);
  const problems: Problem[] = malformed.map(({ line, message }) => ({ line, message }));
  const [header, ...dataRecords] = records;
  if (!header) {
    problems.push({ line: 1, message: `the file is empty: its first line names the columns ${CUSTOMER_IMPORT_COLUMNS.join(', ')}` });
    return { customers: [], rows: 0, problems: fieldErrors(problems) };
  }
  const columns = headerColumns(header);
  problems.push(...columns.problems);
  if (columns.problems.length > 0) return { customers: [], rows: dataRecords.length, problems: fieldErrors(problems) };

  const malformedLines = new Set(malformed.map((problem) => problem.line));
  const byKey = new Map<string, Row[]>();
  for (const record of dataRecords) {
    if (record.cells.length !== header.cells.length) {
      problems.push({
        line: record.line,
        message: `has ${record.cells.length} cells where the header has ${header.cells.length}: quote a cell that holds a comma`,
      });
      continue;
    }
    // Its cells are what a malformed line left of them: reported as malformed, not cell by cell.
    if (malformedLines.has(record.line)) continue;
    const row: Row = {
      line: record.line,
      cells: Object.fromEntries(CUSTOMER_IMPORT_COLUMNS.map((column) => [column, record.cells[columns.index.get(column)!].trim()])) as Row['cells'],
    };
    if (row.cells.key === '') {
      problems.push({
        line: row.line,
        column: 'key',
        message: 'is empty: every row names its customer by key (lower-case letters, digits and dashes, such as acme)',
      });
      continue;
    }
    byKey.set(row.cells.key, [...(byKey.get(row.cells.key) ?? []), row]);
  }

  const customers: ImportedCustomer[] = [];
  for (const rows of byKey.values()) {
    const checked = customerOf(rows);
    problems.push(...checked.problems);
    if (checked.customer) customers.push(checked.customer);
  }
  return { customers, rows: dataRecords.length, problems: fieldErrors(problems) };
}

function headerColumns(header: CsvRecord): { index: Map<CustomerImportColumn, number>; problems: Problem[] } {
  const index = new Map<CustomerImportColumn, number>();
  const problems: Problem[] = [];
  const known = new Map(CUSTOMER_IMPORT_COLUMNS.map((column) => [column.toLowerCase(), column]));
  header.cells.forEach((cell, at) => {
    const name = cell.trim();
    const column = known.get(name.toLowerCase());
    if (!column)
      problems.push({
        line: header.line,
        column: name || `column ${at + 1}`,
        message: `is not a column of the import: the columns are ${CUSTOMER_IMPORT_COLUMNS.join(', ')}`,
      });
    else if (index.has(column)) problems.push({ line: header.line, column, message: `is given twice (columns ${index.get(column)! + 1} and ${at + 1})` });
    else index.set(column, at);
  });
  for (const column of CUSTOMER_IMPORT_COLUMNS) {
    if (!index.has(column))
      problems.push({
        line: header.line,
        column,
        message: 'is missing: the header names every column, in any order; leave cells empty where there is nothing to say',
      });
  }
  return { index, problems };
}

/** One customer from their rows, the first of which gives the customer's columns. */
function customerOf(rows: Row[]): { customer?: ImportedCustomer; problems: Problem[] } {
  const [first] = rows;
  const problems: Problem[] = [];
  for (const row of rows.slice(1)) {
    for (const column of CUSTOMER_COLUMNS) {
      if (!sameCell(column, row.cells[column], first.cells[column])) {
        problems.push({
          line: row.line,
          column,
          message: `differs from line ${first.line} (“${first.cells[column]}”): the rows of customer ${first.cells.key} must agree on ${CUSTOMER_COLUMNS.join(', ')}`,
        });
      }
    }
  }

  const contactRows = rows.filter((row) => Object.values(CONTACT_COLUMNS).some((column) => row.cells[column] !== ''));
  const seen = new Map<string, number>();
  for (const row of contactRows) {
    const contact = Object.values(CONTACT_COLUMNS)
      .map((column) => row.cells[column].toLowerCase())
      .join('\u0000');
    const earlier = seen.get(contact);
    if (earlier === undefined) seen.set(contact, row.line);
    else problems.push({ line: row.line, column: CONTACT_COLUMNS.name, message: `repeats the contact on line ${earlier}` });
  }

  const value = first.cells.annualContractValue;
  if (value !== '' && !AMOUNT.test(value)) {
    problems.push({
      line: first.line,
      column: 'annualContractValue',
      message: 'must be an amount such as 120000 or 120000.50: digits and a point for decimals, without sign, thousands separators or currency',
    });
  }
  const given = (text: string) => (text === '' ? undefined : text);
  const reference = plainToInstance(CustomerRefDto, { key: first.cells.key, name: first.cells.name });
  const profile = plainToInstance(PutCustomerProfileDto, {
    industry: given(first.cells.industry),
    size: given(first.cells.size),
    region: given(first.cells.region),
    annualContractValue: AMOUNT.test(value) ? Number(value) : undefined,
    // A contact's name is given as it is, empty included, so that the profile's rule names it.
    contacts: contactRows.map((row) => ({
      name: row.cells.contactName,
      role: given(row.cells.contactRole),
      email: given(row.cells.contactEmail),
      phone: given(row.cells.contactPhone),
    })),
  });
  const invalid = toValidationException([...validateSync(reference), ...validateSync(profile)]).details;
  for (const { path, message } of invalid) problems.push({ ...cellOf(path, first, contactRows), message });

  if (problems.length > 0) return { problems };
  return { customer: { key: first.cells.key, name: first.cells.name, profile: profileFieldsOf(profile), lines: rows.map((row) => row.line) }, problems };
}

/** Cells of one customer agree when equal; amounts when they are the same number (120000 and 120000.00). */
function sameCell(column: (typeof CUSTOMER_COLUMNS)[number], cell: string, first: string): boolean {
  if (column === 'annualContractValue' && AMOUNT.test(cell) && AMOUNT.test(first)) return Number(cell) === Number(first);
  return cell === first;
}

/** Where a path of the DTOs' validation errors is in the file. */
function cellOf(path: string, first: Row, contactRows: Row[]): Omit<Problem, 'message'> {
  const contact = /^contacts\[(\d+)\]\.(name|role|email|phone)$/.exec(path);
  if (contact) return { line: contactRows[Number(contact[1])].line, column: CONTACT_COLUMNS[contact[2] as keyof typeof CONTACT_COLUMNS] };
  if (path === 'contacts') return { line: contactRows[MAX_CONTACTS]?.line ?? first.line, column: CONTACT_COLUMNS.name };
  return { line: first.line, column: path };
}

/** The problems in the order of the file: by line, then by column as the import lists them. */
function fieldErrors(problems: Problem[]): FieldError[] {
  const order = (column: string | undefined) => (column === undefined ? -1 : (CUSTOMER_IMPORT_COLUMNS as readonly string[]).indexOf(column));
  return [...problems]
    .sort((a, b) => a.line - b.line || order(a.column) - order(b.column))
    .map(({ line, column, message }) => ({ path: column === undefined ? `line ${line}` : `line ${line}, ${column}`, message }));
}
