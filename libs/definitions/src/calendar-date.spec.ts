import { isCalendarDate } from './calendar-date';

describe(isCalendarDate.name, () => {
  it('accepts a day that exists', () => {
    expect(isCalendarDate('2027-02-28')).toBe(true);
  });

  it('accepts the 29th of February in a leap year', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });

  it('refuses the 29th of February in any other year', () => {
    expect(isCalendarDate('2027-02-29')).toBe(false);
  });

  it.each(['2027-02-30', '2027-04-31', '2027-13-01', '2027-00-10', '2027-01-00'])('refuses %s, which Date would roll over', (date) => {
    expect(isCalendarDate(date)).toBe(false);
  });

  it('keeps years below 100 as written', () => {
    expect(isCalendarDate('0050-01-01')).toBe(true);
  });

  it.each(['2027-2-3', '27-02-03', '2027-02-03T00:00:00Z', ' 2027-02-03', ''])('refuses %p, which is not shaped YYYY-MM-DD', (text) => {
    expect(isCalendarDate(text)).toBe(false);
  });
});
