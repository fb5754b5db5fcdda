import { parseCsvRecords } from './csv-records';

const cellsOf = (text: string) => parseCsvRecords(text).records.map((record) => record.cells);

describe(parseCsvRecords.name, () => {
  it('splits cells by commas and records by CRLF or LF, with or without a final line end', () => {
    expect(cellsOf('a,b\r\nc,d\ne,f')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
    expect(cellsOf('a,b\n')).toEqual([['a', 'b']]);
  });

  it('reads a quoted cell with commas, line breaks and doubled quotes as one cell', () => {
    expect(cellsOf('"ACME, Inc.","line 1\r\nline 2","say ""hi"""\n')).toEqual([['ACME, Inc.', 'line 1\r\nline 2', 'say "hi"']]);
  });

  it('keeps empty cells, quoted or not, and the empty last cell of a record', () => {
    expect(cellsOf('a,,""\n,\n')).toEqual([
      ['a', '', ''],
      ['', ''],
    ]);
  });

  it('drops the byte order mark a spreadsheet writes before the first cell', () => {
    expect(cellsOf('\uFEFFkey,name\n')).toEqual([['key', 'name']]);
  });

  it('numbers records as a spreadsheet numbers rows: a cell spanning lines is one, an empty line is skipped but counted', () => {
    const { records } = parseCsvRecords('key,note\r\nacme,"two\nlines"\r\n\r\nglobex,x\r\n');
    expect(records.map((record) => [record.line, record.cells[0]])).toEqual([
      [1, 'key'],
      [2, 'acme'],
      [4, 'globex'],
    ]);
  });

  it('reads a line holding only an empty quoted cell as a record, unlike an empty line', () => {
    expect(parseCsvRecords('""\n\n').records).toEqual([{ line: 1, cells: [''] }]);
  });

  it('names the line of every malformed record and reads on to report all of them', () => {
    const { problems } = parseCsvRecords('key,name\nac"me,x\n"acme" x,y\nok,fine\r\nbad\rline,z\n"open,never closed\n');
    expect(problems).toEqual([
      { line: 2, message: expect.stringContaining('quote inside an unquoted cell') },
      { line: 3, message: expect.stringContaining('text after the closing quote') },
      { line: 5, message: expect.stringContaining('carriage return without a line feed') },
      { line: 6, message: expect.stringContaining('not closed') },
    ]);
  });

  it('reports a kind of problem once per line', () => {
    expect(parseCsvRecords('a"b"c"d,e"f\n').problems).toHaveLength(1);
  });

  it('reads nothing from an empty file', () => {
    expect(parseCsvRecords('')).toEqual({ records: [], problems: [] });
    expect(parseCsvRecords('\uFEFF')).toEqual({ records: [], problems: [] });
  });
});
