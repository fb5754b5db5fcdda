import { requestIdFor } from './request-id';

describe(requestIdFor.name, () => {
  it("keeps the caller's id when it is a plausible one", () => {
    expect(requestIdFor('edge-7f3a:42')).toBe('edge-7f3a:42');
    expect(requestIdFor(['first', 'second'])).toBe('first');
  });

  it('makes a new UUID when none came, or one too long or with characters that could forge a log line', () => {
    for (const incoming of [undefined, '', 'a'.repeat(129), 'id\n{"level":"error"}', 'two words']) {
      expect(requestIdFor(incoming)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});
