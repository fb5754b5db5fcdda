import { csvCell, csvTable } from './csv-table';

describe(csvCell.name, () => {
  it.each(['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx'])('keeps a spreadsheet from reading %j as a formula', (text) => {
    expect(csvCell(text).replace(/^"/, '').startsWith(`'`)).toBe(true);
  });

  it('leaves numbers, negative ones included, and plain text as they are, quoting commas and quotes', () => {
    expect([csvCell(-0.5), csvCell(42), csvCell('ACME'), csvCell('a, b'), csvCell('say "hi"'), csvCell(null)]).toEqual([
      '-0.5',
      '42',
      'ACME',
      '"a, b"',
      '"say ""hi"""',
      '',
    ]);
  });
});

describe(csvTable.name, () => {
  it('joins cells with commas and rows with CRLF, ending with one', () => {
    expect(
      csvTable([
        ['name', 'score'],
        ['=cmd()', -1],
      ]),
    ).toBe("name,score\r\n'=cmd(),-1\r\n");
  });
});
