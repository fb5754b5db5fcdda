import { loadConfig } from '@accord/runtime';

/** ACCORD_IDEMPOTENCY_TTL_HOURS: how long IdempotencyStore remembers a key, validated at boot. */
describe('ACCORD_IDEMPOTENCY_TTL_HOURS', () => {
  const valid = { DATABASE_URL: 'postgres://u:p@localhost:5432/accord' };

  it('remembers a key for 24 hours unless told otherwise', () => {
    expect(loadConfig(valid).ACCORD_IDEMPOTENCY_TTL_HOURS).toBe(24);
    expect(loadConfig({ ...valid, ACCORD_IDEMPOTENCY_TTL_HOURS: '48' }).ACCORD_IDEMPOTENCY_TTL_HOURS).toBe(48);
  });

  it.each(['0', '721', 'a day', '1.5'])('stops the process at boot for %s, naming the variable', (value) => {
    expect(() => loadConfig({ ...valid, ACCORD_IDEMPOTENCY_TTL_HOURS: value })).toThrow(/ACCORD_IDEMPOTENCY_TTL_HOURS must be a whole number from 1 to 720/);
  });
});
