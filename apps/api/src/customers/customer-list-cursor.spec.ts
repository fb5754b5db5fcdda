import { compareForSort, decodeCustomerCursor, encodeCustomerCursor } from './customer-list-cursor';

describe(compareForSort.name, () => {
  it('puts the highest figure first and customers without one last, the key breaking ties', () => {
    const keys: [number | null, string][] = [
      [null, 'b'],
      [10, 'z'],
      [50, 'c'],
      [10, 'a'],
      [null, 'a'],
    ];
    expect(keys.sort((a, b) => compareForSort('value', a, b))).toEqual([
      [50, 'c'],
      [10, 'a'],
      [10, 'z'],
      [null, 'a'],
      [null, 'b'],
    ]);
  });

  it('orders names A to Z', () => {
    expect(
      [
        ['Initech', 'initech'],
        ['ACME', 'acme'],
      ]
        .sort((a, b) => compareForSort('name', a as [string, string], b as [string, string]))
        .map(([, key]) => key),
    ).toEqual(['acme', 'initech']);
  });
});

describe(decodeCustomerCursor.name, () => {
  it('reads back what a page wrote', () => {
    expect(decodeCustomerCursor(encodeCustomerCursor({ sort: 'churn', key: [0.25, 'acme'] }), 'churn')).toEqual({ sort: 'churn', key: [0.25, 'acme'] });
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['another sort', encodeCustomerCursor({ sort: 'name', key: ['ACME', 'acme'] })],
    ['a figure of the wrong kind', Buffer.from(JSON.stringify({ sort: 'value', key: ['lots', 'acme'] })).toString('base64url')],
    ['a key no customer can have', Buffer.from(JSON.stringify({ sort: 'value', key: [1, 'ACME Inc'] })).toString('base64url')],
  ])('refuses %s as a 400 naming the cursor', (_, text) => {
    expect(() => decodeCustomerCursor(text, 'value')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'cursor' })] }),
    );
  });
});
