import { shippedDefinition } from './shipped-script';
import { dateInDays, nextMondayAt } from './dates';

const { calendar } = shippedDefinition('customer-expectation');

describe(nextMondayAt.name, () => {
  it('gives the next Monday at the hour in the calendar’s time zone, at least an hour away', () => {
    // Thursday 3 December, 18:00 in Shanghai.
    expect(nextMondayAt(9, calendar, new Date('2026-12-03T10:00:00Z')).toISOString()).toBe('2026-12-07T01:00:00.000Z');
    // Monday 7 December, 08:30 in Shanghai: 09:00 is too close, so the Monday after.
    expect(nextMondayAt(9, calendar, new Date('2026-12-07T00:30:00Z')).toISOString()).toBe('2026-12-14T01:00:00.000Z');
  });

  it('passes over a Monday whose first two weeks hold a holiday, so that the intake’s five working days stay five', () => {
    // 21 December: 1 January is day 11; 28 December: day 4. Both are passed over.
    expect(nextMondayAt(9, calendar, new Date('2026-12-17T10:00:00Z')).toISOString()).toBe('2027-01-04T01:00:00.000Z');
    // The Spring Festival (5, 8 and 9 February) is within two weeks of 25 January and 1 and 8 February.
    expect(nextMondayAt(9, calendar, new Date('2027-01-21T10:00:00Z')).toISOString()).toBe('2027-02-15T01:00:00.000Z');
  });
});

describe(dateInDays.name, () => {
  it('counts whole days from today in Shanghai', () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(dateInDays(0)).toBe(today);
    expect(Date.parse(dateInDays(366)) - Date.parse(today)).toBe(366 * 24 * 3_600_000);
  });
});
