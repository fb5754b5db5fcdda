import { CUSTOMER_IMPORT_COLUMNS, readCustomerImport } from './customer-import-rows';

const HEADER = CUSTOMER_IMPORT_COLUMNS.join(',');

/** A file with the import's header and these rows (cells in the header's order). */
const file = (...rows: string[][]) => [HEADER, ...rows.map((row) => row.join(','))].join('\r\n') + '\r\n';
const acme = (contact: string[] = ['Carla Jones', 'Head of IT', 'carla@acme.example', '+49 30 1234567']) => [
  'acme',
  'ACME Manufacturing',
  'manufacturing',
  'large',
  'emea',
  '120000',
  ...contact,
];
const paths = (csv: string) => readCustomerImport(csv).problems.map((problem) => problem.path);

describe(readCustomerImport.name, () => {
  it('gathers a customer’s contacts from their rows into one profile, as the profile PUT stores it', () => {
    const { customers, rows, problems } = readCustomerImport(
      file(acme(), acme(['Bob Smith', '', 'bob@acme.example', '']), ['globex', 'Globex', '', '', '', '', '', '', '', '']),
    );
    expect(problems).toEqual([]);
    expect(rows).toBe(3);
    expect(customers).toEqual([
      {
        key: 'acme',
        name: 'ACME Manufacturing',
        lines: [2, 3],
        profile: {
          industry: 'manufacturing',
          size: 'large',
          region: 'emea',
          annualContractValue: 120000,
          contacts: [
            { name: 'Carla Jones', role: 'Head of IT', email: 'carla@acme.example', phone: '+49 30 1234567' },
            { name: 'Bob Smith', role: null, email: 'bob@acme.example', phone: null },
          ],
        },
      },
      { key: 'globex', name: 'Globex', lines: [4], profile: { industry: null, size: null, region: null, annualContractValue: null, contacts: [] } },
    ]);
  });

  it('reads the columns in any order and any case, trims cells, and takes a decimal amount', () => {
    const csv = 'Name, KEY ,industry,size,region,annualContractValue,contactName,contactRole,contactEmail,contactPhone\n ACME ,acme,,, emea ,1500.50,,,,\n';
    expect(readCustomerImport(csv).customers).toEqual([
      expect.objectContaining({ key: 'acme', name: 'ACME', profile: expect.objectContaining({ region: 'emea', annualContractValue: 1500.5 }) }),
    ]);
  });

  it('names the line and column of every bad cell at once, by the rules of the profile PUT', () => {
    const csv = file(
      ['ACME', 'ACME', 'manufacturing', 'huge', 'emea', '120,000', 'Carla', '', 'not-an-address', 'call me'],
      ['globex', '', '', '', '', '-5', '', 'CTO', '', ''],
    );
    // The unquoted comma in 120,000 makes line 2 one cell too long: it is reported as such, not cell by cell.
    expect(paths(csv)).toEqual(['line 2', 'line 3, name', 'line 3, annualContractValue', 'line 3, contactName']);
    const fixed = file(
      ['ACME', 'ACME', 'manufacturing', 'huge', 'emea', '"120,000"', 'Carla', '', 'not-an-address', 'call me'],
      ['globex', 'Globex', '', '', '', '1e15', 'Gina', '', '', ''],
    );
    expect(readCustomerImport(fixed).problems).toEqual([
      { path: 'line 2, key', message: expect.stringContaining('customer key') },
      { path: 'line 2, size', message: expect.stringContaining('small, medium, large, enterprise') },
      { path: 'line 2, annualContractValue', message: expect.stringContaining('an amount such as 120000') },
      { path: 'line 2, contactEmail', message: 'email must be an e-mail address' },
      { path: 'line 2, contactPhone', message: expect.stringContaining('phone number') },
      { path: 'line 3, annualContractValue', message: expect.stringContaining('an amount such as') },
    ]);
  });

  it('reports the amount over the profile’s maximum as the profile PUT does', () => {
    expect(readCustomerImport(file(['acme', 'ACME', '', '', '', '2000000000000', '', '', '', ''])).problems).toEqual([
      { path: 'line 2, annualContractValue', message: expect.stringContaining('must not be greater than') },
    ]);
  });

  it('refuses a row of a customer that disagrees with their first row, on the disagreeing cell', () => {
    const csv = file(
      acme(),
      ['acme', 'ACME Corp', 'manufacturing', 'large', 'emea', '120000.00', 'Bob', '', '', ''],
      ['acme', 'ACME Manufacturing', 'manufacturing', 'large', 'apac', '120000', 'Dan', '', '', ''],
    );
    expect(readCustomerImport(csv).problems).toEqual([
      { path: 'line 3, name', message: expect.stringContaining('differs from line 2 (“ACME Manufacturing”)') },
      { path: 'line 4, region', message: expect.stringContaining('differs from line 2 (“emea”)') },
    ]);
  });

  it('refuses a contact given twice for the same customer', () => {
    expect(paths(file(acme(), acme(['carla jones', 'head of it', 'CARLA@acme.example', '+49 30 1234567'])))).toEqual(['line 3, contactName']);
  });

  it('names the contact past the profile’s fifty', () => {
    const rows = Array.from({ length: 51 }, (_, at) => acme([`Contact ${at}`, '', '', '']));
    expect(paths(file(...rows))).toEqual(['line 52, contactName']);
  });

  it('refuses a row without a key on that row', () => {
    expect(paths(file(acme(), ['', 'Nobody', '', '', '', '', '', '', '', '']))).toEqual(['line 3, key']);
  });

  it('names each unknown, repeated and missing header column, and leaves the rows unread', () => {
    const csv = 'key,name,colour,name,industry,size,region,annualContractValue,contactName,contactRole,contactPhone\nACME,,,,,,,,,,\n';
    expect(readCustomerImport(csv).problems).toEqual([
      { path: 'line 1, colour', message: expect.stringContaining('not a column') },
      { path: 'line 1, name', message: 'is given twice (columns 2 and 4)' },
      { path: 'line 1, contactEmail', message: expect.stringContaining('is missing') },
    ]);
  });

  it('refuses an empty file, naming the columns it needs', () => {
    expect(readCustomerImport('\uFEFF').problems).toEqual([{ path: 'line 1', message: expect.stringContaining(HEADER.replace(/,/g, ', ')) }]);
  });

  it('reports malformed lines with the rows around them checked as usual', () => {
    const csv = file(acme(), ['globex', 'Glo"bex', '', '', '', '', '', '', '', ''], ['initech', 'Initech', '', 'tiny', '', '', '', '', '', '']);
    expect(readCustomerImport(csv).problems).toEqual([
      { path: 'line 3', message: expect.stringContaining('quote inside an unquoted cell') },
      { path: 'line 4, size', message: expect.stringContaining('size must be one of') },
    ]);
  });
});
