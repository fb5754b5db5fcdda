import { type IdempotencyClaim, idempotencyScope } from './idempotency-scope';

describe(idempotencyScope.name, () => {
  const claim: IdempotencyClaim = { caller: 'user:paula', operation: 'POST /tasks/:id/complete', resource: { id: 'project/p1/task/a' }, key: 'key-1' };

  it('gives the same scope to the same claim, and a derived key a middleware would accept', () => {
    const scope = idempotencyScope(claim);
    expect(idempotencyScope({ ...claim, resource: { ...claim.resource } })).toEqual(scope);
    expect(scope.id).toMatch(/^[0-9a-f]{64}$/);
    expect(scope.derivedKey).toMatch(/^idem-[0-9a-f]{32}$/);
    expect(scope.derivedKey).not.toContain(claim.key);
  });

  it.each([
    ['another caller', { caller: 'user:peter' }],
    ['another operation', { operation: 'POST /tasks/:id/claim' }],
    ['another resource', { resource: { id: 'project/p1/task/b' } }],
    ['another key', { key: 'key-2' }],
  ])('gives %s another scope and another derived key', (_, change) => {
    const scope = idempotencyScope(claim);
    const other = idempotencyScope({ ...claim, ...change });
    expect(other.id).not.toBe(scope.id);
    expect(other.derivedKey).not.toBe(scope.derivedKey);
  });

  it('keeps parts apart however their text is cut', () => {
    expect(idempotencyScope({ ...claim, caller: 'user:a', key: 'b|c' }).id).not.toBe(idempotencyScope({ ...claim, caller: 'user:a|b', key: 'c' }).id);
  });
});
