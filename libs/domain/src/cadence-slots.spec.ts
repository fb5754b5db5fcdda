import type { BusinessCalendar } from '@accord/contracts';
import { isWorkingDay } from './business-calendar';
import { localDate } from './milestone-confirmations';
import { onWorkingDay, scheduledSlot, workingSlot } from './cadence-slots';

const SHANGHAI: BusinessCalendar = {
  timezone: 'Asia/Shanghai',
  workdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  holidays: ['2027-01-01', '2027-02-08', '2027-02-09', '2027-02-10'],
};
// Thursday 2026-12-03, 10:00 in Shanghai.
const STARTED = new Date('2026-12-03T02:00:00Z');
const slotsOfAYear = (every: string) =>
  Array.from({ length: 400 }, (_, index) => workingSlot(STARTED, every, index + 1, SHANGHAI)).filter(
    (slot): slot is Date => slot !== undefined && slot.getTime() < STARTED.getTime() + 365 * 86_400_000,
  );

describe(workingSlot.name, () => {
  it('puts every occurrence of a year of a three-day cadence on a working day of the calendar, at its time of day', () => {
    const slots = slotsOfAYear('P3D');
    expect(slots.length).toBeGreaterThan(80);
    for (const slot of slots) {
      expect({ slot: slot.toISOString(), working: isWorkingDay(slot, SHANGHAI) }).toEqual({ slot: slot.toISOString(), working: true });
      expect(slot.getUTCHours()).toBe(2);
    }
  });

  it('moves the occurrences the customer-expectation simulation held on weekends and the day after New Year to the next working day', () => {
    const dates = slotsOfAYear('P3D').map((slot) => localDate(slot, SHANGHAI.timezone));
    expect(dates).not.toContain('2026-12-12');
    expect(dates).not.toContain('2026-12-27');
    expect(dates).not.toContain('2027-01-01');
    expect(dates).not.toContain('2027-01-02');
    // Saturday 2026-12-12 and the slot of Sunday 2026-12-27 move to the Monday after.
    expect(dates).toContain('2026-12-14');
    expect(dates).toContain('2026-12-28');
  });

  it('meets a daily cadence once on a Monday, not once for each day of the weekend', () => {
    const dates = slotsOfAYear('P1D').map((slot) => localDate(slot, SHANGHAI.timezone));
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates.slice(0, 4)).toEqual(['2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08']);
  });

  it('keeps a weekly cadence on its weekday, moving only the week whose day is a holiday', () => {
    const dates = slotsOfAYear('P1W').map((slot) => localDate(slot, SHANGHAI.timezone));
    expect(dates).toHaveLength(53);
    // Thursdays, except none falls on a holiday of this calendar.
    expect(dates.every((date) => new Date(`${date}T12:00:00Z`).getUTCDay() === 4)).toBe(true);
  });

  it('counts slots from the start, so a moved occurrence does not drift the ones after it', () => {
    expect(scheduledSlot(STARTED, 'P3D', 4, SHANGHAI).toISOString()).toBe('2026-12-12T02:00:00.000Z');
    expect(workingSlot(STARTED, 'P3D', 4, SHANGHAI)?.toISOString()).toBe('2026-12-14T02:00:00.000Z');
    expect(workingSlot(STARTED, 'P3D', 5, SHANGHAI)?.toISOString()).toBe('2026-12-15T02:00:00.000Z');
  });

  it('keeps the scheduled day when the definition asks so (onNonWorkingDay: keep)', () => {
    expect(workingSlot(STARTED, 'P3D', 4, SHANGHAI, 'keep')?.toISOString()).toBe('2026-12-12T02:00:00.000Z');
  });
});

describe(onWorkingDay.name, () => {
  it('leaves a working day alone and moves a holiday to the next working day', () => {
    expect(onWorkingDay(new Date('2027-02-05T02:00:00Z'), SHANGHAI).toISOString()).toBe('2027-02-05T02:00:00.000Z');
    expect(onWorkingDay(new Date('2027-02-08T02:00:00Z'), SHANGHAI).toISOString()).toBe('2027-02-11T02:00:00.000Z');
  });
});
