import { notificationRetryDelayMs } from './notification-backoff';

describe(notificationRetryDelayMs.name, () => {
  const backoff = { backoffMs: 30_000, capMs: 3_600_000 };

  it('waits the base delay after the first failure and doubles it after each further one', () => {
    expect([1, 2, 3, 4].map((failed) => notificationRetryDelayMs(failed, backoff))).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(notificationRetryDelayMs(8, backoff)).toBe(3_600_000);
    expect(notificationRetryDelayMs(5_000, backoff)).toBe(3_600_000);
  });
});
