import { FeedbackRateLimiter } from './feedback-rate-limiter';

describe(FeedbackRateLimiter.name, () => {
  const minute = 60_000;

  it('refuses the submission beyond the limit and says when the oldest one leaves the window', () => {
    let now = 0;
    const sut = new FeedbackRateLimiter(2, 10 * minute, () => now);
    expect(sut.take(['link'])).toEqual({ allowed: true });
    now = 3 * minute;
    expect(sut.take(['link'])).toEqual({ allowed: true });
    now = 4 * minute;
    expect(sut.take(['link'])).toEqual({ allowed: false, retryAfterSeconds: 6 * 60 });
    now = 10 * minute + 1;
    expect(sut.take(['link'])).toEqual({ allowed: true });
  });

  it('limits each key on its own, and a refusal under one key counts under none', () => {
    const sut = new FeedbackRateLimiter(1, minute, () => 0);
    expect(sut.take(['link-a', 'address-1'])).toEqual({ allowed: true });
    expect(sut.take(['link-b', 'address-1'])).toMatchObject({ allowed: false });
    expect(sut.take(['link-b', 'address-2'])).toEqual({ allowed: true });
  });
});
