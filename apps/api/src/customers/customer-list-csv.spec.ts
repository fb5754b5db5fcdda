import { guardedCell } from './customer-list-csv';

describe(guardedCell.name, () => {
  it.each(['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx'])('keeps a spreadsheet from reading %j as a formula', (text) => {
    expect(guardedCell(text).replace(/^"/, '').startsWith(`'`)).toBe(true);
  });

  it('leaves numbers, negative ones included, and plain text as they are, quoting commas', () => {
    expect([guardedCell(-0.5), guardedCell(42), guardedCell('ACME'), guardedCell('a, b')]).toEqual(['-0.5', '42', 'ACME', '"a, b"']);
  });
});
