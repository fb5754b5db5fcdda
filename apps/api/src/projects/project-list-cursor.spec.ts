import { ProjectException } from '../errors/accord.exception';
import { decodeProjectCursor, encodeProjectCursor } from './project-list-cursor';

const ID = '0d6f2c1e-5b7a-4c3d-9e8f-1a2b3c4d5e6f';
const forged = (cursor: unknown) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ProjectException) return error.details;
    throw error;
  }
  throw new Error('accepted');
};

describe(decodeProjectCursor.name, () => {
  it('reads back the cursor a page handed out', () => {
    const cursor = { sort: 'updated' as const, key: ['2026-12-02T08:31:03.123456Z', ID] as [string, string] };
    expect(decodeProjectCursor(encodeProjectCursor(cursor), 'updated')).toEqual(cursor);
    expect(decodeProjectCursor(encodeProjectCursor({ sort: 'name', key: ['acme erp 100%', ID] }), 'name').key).toEqual(['acme erp 100%', ID]);
  });

  it('refuses an instant that does not exist, before PostgreSQL would fail on it', () => {
    expect(refusal(() => decodeProjectCursor(forged({ sort: 'started', key: ['2026-02-30T00:00:00.000000Z', ID] }), 'started'))).toEqual([
      { path: 'cursor', message: 'not a cursor from a previous page' },
    ]);
  });

  it('refuses a key that is not an id, or text PostgreSQL cannot store', () => {
    expect(refusal(() => decodeProjectCursor(forged({ sort: 'name', key: ['acme', 'not-an-id'] }), 'name'))).toHaveLength(1);
    expect(refusal(() => decodeProjectCursor(forged({ sort: 'name', key: ['ac\u0000me', ID] }), 'name'))).toHaveLength(1);
    expect(refusal(() => decodeProjectCursor(forged({ sort: 'name', key: [1, ID] }), 'name'))).toHaveLength(1);
  });

  it('names the sort a cursor belongs to when it is used with another', () => {
    expect(refusal(() => decodeProjectCursor(encodeProjectCursor({ sort: 'name', key: ['acme', ID] }), 'updated'))).toEqual([
      { path: 'cursor', message: 'it belongs to sort=name, not sort=updated' },
    ]);
  });
});
