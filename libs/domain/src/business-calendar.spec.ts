import { type BusinessCalendar, DEFAULT_CALENDAR } from '@accord/contracts';
import { addDuration, isDuration, isTimeZone, isWorkingDay } from './business-calendar';

const shanghai: BusinessCalendar = { timezone: 'Asia/Shanghai', workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: ['2026-10-01', '2026-10-02'] };

describe(addDuration.name, () => {
  it('adds elapsed time for an ISO duration, weekends included', () => {
    expect(addDuration(new Date('2026-11-27T09:00:00Z'), 'P3D', DEFAULT_CALENDAR).toISOString()).toBe('2026-11-30T09:00:00.000Z');
  });

  it('skips the weekend for working days', () => {
    // Friday 09:00 UTC + 3 working days = Wednesday 09:00 UTC.
    expect(addDuration(new Date('2026-11-27T09:00:00Z'), { workdays: 3 }, DEFAULT_CALENDAR).toISOString()).toBe('2026-12-02T09:00:00.000Z');
  });

  it('skips holidays and counts days in the calendar time zone', () => {
    // Wednesday 2026-09-30 10:00 in Shanghai (02:00 UTC); Oct 1-2 are holidays, Oct 3-4 a weekend.
    expect(addDuration(new Date('2026-09-30T02:00:00Z'), { workdays: 1 }, shanghai).toISOString()).toBe('2026-10-05T02:00:00.000Z');
  });

  it('uses the local day, not the UTC day, to tell a weekend', () => {
    // Friday 20:00 UTC is already Saturday 04:00 in Shanghai.
    expect(isWorkingDay(new Date('2026-11-27T20:00:00Z'), shanghai)).toBe(false);
    expect(isWorkingDay(new Date('2026-11-27T20:00:00Z'), DEFAULT_CALENDAR)).toBe(true);
  });
});

describe(isDuration.name, () => {
  it.each([['P3D'], [{ workdays: 3 }]])('accepts %p', (value) => expect(isDuration(value)).toBe(true));
  it.each([['3 days'], [{ workdays: 0 }], [{ workdays: 1.5 }], [{ days: 3 }], [{ workdays: 2, days: 1 }], [null], [7]])('refuses %p', (value) =>
    expect(isDuration(value)).toBe(false),
  );
});

describe(isTimeZone.name, () => {
  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
