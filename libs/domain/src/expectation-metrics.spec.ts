import { isBreach, nonConformityRate, satisfactionScore, scheduleDeviation } from './expectation-metrics';

const row = (plannedPercent: number, actualPercent: number) => ({ plannedPercent, actualPercent });

describe(scheduleDeviation.name, () => {
  it('is (actual − planned) / planned over the whole table', () => {
    expect(scheduleDeviation([row(50, 40), row(50, 45)])).toBeCloseTo(-0.15);
  });

  it('is positive ahead of plan', () => {
    expect(scheduleDeviation([row(40, 44)])).toBeCloseTo(0.1);
  });

  it('is unknown while nothing is planned', () => {
    expect(scheduleDeviation([row(0, 10)])).toBeUndefined();
    expect(scheduleDeviation([])).toBeUndefined();
  });
});

describe(nonConformityRate.name, () => {
  it('is non-conforming over inspected', () => {
    expect(nonConformityRate(200, 7)).toBeCloseTo(0.035);
  });

  it('is unknown when nothing was inspected', () => {
    expect(nonConformityRate(0, 0)).toBeUndefined();
  });
});

describe(satisfactionScore.name, () => {
  it('averages the three marks', () => {
    expect(satisfactionScore({ overall: 4, deliverables: 5, service: 3 })).toBe(4);
  });
});

describe(isBreach.name, () => {
  it('breaches a schedule deviation beyond ±10% either way', () => {
    expect(isBreach('schedule_deviation', -0.15, { above: 0.1 })).toBe(true);
    expect(isBreach('schedule_deviation', 0.12, { above: 0.1 })).toBe(true);
    expect(isBreach('schedule_deviation', -0.08, { above: 0.1 })).toBe(false);
    expect(isBreach('schedule_deviation', 0.1, { above: 0.1 })).toBe(false);
  });

  it('breaches a non-conformity rate only above its limit', () => {
    expect(isBreach('non_conformity_rate', 0.06, { above: 0.05 })).toBe(true);
    expect(isBreach('non_conformity_rate', 0.04, { above: 0.05 })).toBe(false);
  });

  it('breaches satisfaction below its floor', () => {
    expect(isBreach('satisfaction', 3.2, { below: 3.5 })).toBe(true);
    expect(isBreach('satisfaction', 4, { below: 3.5 })).toBe(false);
  });
});
