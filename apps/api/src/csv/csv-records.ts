/** A record of a CSV file: its cells, and its line as a spreadsheet numbers it (the first is 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** Why a CSV file cannot be read as records, and where. */
export interface CsvProblem {
  line: number;
  message: string;
}

export interface CsvRecords {
  records: CsvRecord[];
  problems: CsvProblem[];
}

const BOM = '\uFEFF';

/**
 * Reads CSV as RFC 4180 writes it: cells split by commas, records by CRLF or LF, a cell in
 * double quotes may hold commas, line breaks and doubled quotes. It is strict where other
 * readers guess, since a guessed cell is a wrong customer: a quote inside an unquoted cell,
 * text after a closing quote, a carriage return alone and an unclosed quote are problems,
 * each named by line, and reading goes on so that all of them are reported at once. A line
 * counts records, not line breaks, so that it is the row a spreadsheet shows even when a
 * quoted cell spans several. An empty line is no record, but it is counted.
 */
export function parseCsvRecords(text: string): CsvRecords {
  const source = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const reported = new Set<string>();
  let line = 1;
  let cells: string[] = [];
  let cell = '';
  // A quoted empty cell ("") was given, unlike an empty line: it makes a record.
  let quoted = false;
  let at = 0;
  const problem = (message: string) => {
    // One report of a kind per line: a line of stray quotes is one mistake, not ten.
    if (reported.has(`${line}:${message}`)) return;
    reported.add(`${line}:${message}`);
    problems.push({ line, message });
  };
  const endCell = () => {
    cells.push(cell);
    cell = '';
    quoted = false;
  };
  const endRecord = () => {
    const empty = cells.length === 0 && cell === '' && !quoted;
    endCell();
    if (!empty) records.push({ line, cells });
    cells = [];
    line += 1;
  };

  while (at < source.length) {
    const char = source[at];
    if (char === '"' && cell === '' && !quoted) {
      quoted = true;
      const closing = closingQuote(source, at + 1);
      cell = source.slice(at + 1, closing ?? source.length).replace(/""/g, '"');
      if (closing === undefined) {
        problem('a quoted cell is not closed: the file ends inside it');
        break;
      }
      at = closing + 1;
      if (at < source.length && !isCellEnd(source, at)) {
        problem('has text after the closing quote of a cell: quote the whole cell');
        while (at < source.length && !isCellEnd(source, at)) at += 1;
      }
    } else if (char === ',') {
      endCell();
      at += 1;
    } else if (char === '\n' || (char === '\r' && source[at + 1] === '\n')) {
      endRecord();
      at += char === '\r' ? 2 : 1;
    } else {
      if (char === '\r') problem('has a carriage return without a line feed: end lines with CRLF or LF');
      else if (char === '"') problem('has a quote inside an unquoted cell: quote the whole cell and double the quotes in it');
      cell += char;
      at += 1;
    }
  }
  if (cell !== '' || quoted || cells.length > 0) endRecord();
  return { records, problems };
}

const isCellEnd = (source: string, at: number) => source[at] === ',' || source[at] === '\n' || (source[at] === '\r' && source[at + 1] === '\n');

/** The index of the quote that closes a quoted cell opened before `from`, skipping doubled quotes. */
function closingQuote(source: string, from: number): number | undefined {
  let at = from;
  for (;;) {
    const quote = source.indexOf('"', at);
    if (quote === -1) return undefined;
    if (source[quote + 1] !== '"') return quote;
    at = quote + 2;
  }
}
