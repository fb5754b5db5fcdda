import { projectIdFor } from './project-id';

describe(projectIdFor.name, () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('derives the same id from the same caller and idempotency key', () => {
    expect(projectIdFor('paula', 'key-1')).toBe(projectIdFor('paula', 'key-1'));
    expect(projectIdFor('paula', 'key-1')).toMatch(UUID);
  });

  it('keeps two callers who pick the same key apart', () => {
    expect(projectIdFor('paula', 'key-1')).not.toBe(projectIdFor('peter', 'key-1'));
  });

  it('makes a fresh id for every request without a key', () => {
    expect(projectIdFor('paula', undefined)).not.toBe(projectIdFor('paula', undefined));
  });
});
