import type { BusinessCalendar, CompiledStep } from '@accord/contracts';
import { baselineInForce, confirmationTime, deadlinePassed, startOfLocalDate } from './milestone-confirmations';

const shanghai: BusinessCalendar = { timezone: 'Asia/Shanghai', workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: ['2027-02-26'] };

describe(confirmationTime.name, () => {
  it('is 09:00 local on the working day n working days before the deadline, skipping weekends and holidays', () => {
    // 2027-03-01 is a Monday; going back, the weekend and the holiday on Friday the 26th do not count: Thu 25, Wed 24, Tue 23.
    expect(confirmationTime('2027-03-01', 3, shanghai).toISOString()).toBe('2027-02-23T01:00:00.000Z');
    expect(confirmationTime('2027-03-03', 1, shanghai).toISOString()).toBe('2027-03-02T01:00:00.000Z');
  });

  it('confirms on the deadline day itself with 0, or on the working day before when the deadline falls on a weekend', () => {
    expect(confirmationTime('2027-03-03', 0, shanghai).toISOString()).toBe('2027-03-03T01:00:00.000Z');
    expect(confirmationTime('2027-03-06', 0, shanghai).toISOString()).toBe('2027-03-05T01:00:00.000Z');
  });

  it('follows daylight saving in zones that have it', () => {
    expect(startOfLocalDate('2027-03-28', 'Europe/Berlin').toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(startOfLocalDate('2027-03-29', 'Europe/Berlin').toISOString()).toBe('2027-03-28T22:00:00.000Z');
  });
});

describe(deadlinePassed.name, () => {
  it('holds once the deadline day is over where the project works', () => {
    expect(deadlinePassed('2027-03-01', new Date('2027-03-01T15:59:00Z'), shanghai)).toBe(false);
    expect(deadlinePassed('2027-03-01', new Date('2027-03-01T16:00:00Z'), shanghai)).toBe(true);
  });
});

describe(baselineInForce.name, () => {
  const publisher = (id: string): CompiledStep => ({ id, type: 'service', action: 'publish-baseline', with: {} }) as unknown as CompiledStep;

  it('is the highest version any baseline step published', () => {
    const steps = [publisher('baseline'), publisher('new-baseline')];
    expect(baselineInForce(steps, {})).toBeUndefined();
    expect(baselineInForce(steps, { baseline: { outcome: 'done', by: 'system', data: { version: 1, deadlines: ['2027-03-01'] } } })).toEqual({
      version: 1,
      deadlines: ['2027-03-01'],
    });
    expect(
      baselineInForce(steps, {
        baseline: { outcome: 'done', by: 'system', data: { version: 1, deadlines: ['2027-03-01'] } },
        'new-baseline': { outcome: 'done', by: 'system', data: { version: 2, deadlines: ['2027-03-01', '2027-04-15'] } },
      }),
    ).toEqual({ version: 2, deadlines: ['2027-03-01', '2027-04-15'] });
  });
});
