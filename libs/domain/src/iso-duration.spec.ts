import { isoDurationToMs, parseIsoDuration } from './iso-duration';

const DAY = 86_400_000;

describe(parseIsoDuration.name, () => {
  it.each([
    ['P3D', { days: 3 }],
    ['P1W', { weeks: 1 }],
    ['PT4H', { hours: 4 }],
    ['P1DT12H', { days: 1, hours: 12 }],
    ['P1Y2M', { years: 1, months: 2 }],
    ['PT0.5S', { seconds: 0.5 }],
  ])('reads %s', (text, expected) => {
    expect(parseIsoDuration(text)).toMatchObject(expected);
  });

  it.each(['', 'P', 'PT', '3D', 'P3', 'P-1D', 'P1.5D', 'P1DT', 'p3d', 'P3D ', 'PT1H2D'])('refuses %p', (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });
});

describe(isoDurationToMs.name, () => {
  it('converts days, weeks and time parts to milliseconds', () => {
    expect(isoDurationToMs('P30D')).toBe(30 * DAY);
    expect(isoDurationToMs('P1W')).toBe(7 * DAY);
    expect(isoDurationToMs('P1DT12H30M15.5S')).toBe(DAY + 12 * 3_600_000 + 30 * 60_000 + 15_500);
  });

  it('counts a month as 30 days and a year as 365', () => {
    expect(isoDurationToMs('P1M')).toBe(30 * DAY);
    expect(isoDurationToMs('P1Y')).toBe(365 * DAY);
  });

  it('throws on text that is not a duration', () => {
    expect(() => isoDurationToMs('three days')).toThrow('Not an ISO 8601 duration: three days');
  });
});
