import { wantsCsv } from './wants-csv';

describe(wantsCsv.name, () => {
  it('follows ?format first and the Accept header only without it', () => {
    expect([wantsCsv('csv', undefined), wantsCsv(undefined, 'text/csv'), wantsCsv('json', 'text/csv'), wantsCsv(undefined, 'application/json')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
