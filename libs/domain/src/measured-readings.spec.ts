import { readingsFromMeasurements } from './measured-readings';

describe(readingsFromMeasurements.name, () => {
  const row = (plannedPercent: number, actualPercent: number) => ({
    phase: 'implementation',
    task: 'Roll-out',
    owner: 'paula',
    due: '2027-02-01',
    plannedPercent,
    actualPercent,
  });

  it('computes each metric from what was measured, keeping what it came from', () => {
    const { readings, problems } = readingsFromMeasurements({
      progress: { rows: [row(50, 40)] },
      inspection: { inspected: 200, nonConforming: 14 },
      survey: { overall: 4, deliverables: 5, service: 3 },
    });
    expect(problems).toEqual([]);
    expect(readings).toEqual([
      { metric: 'schedule_deviation', value: -0.2, detail: { rows: [row(50, 40)] } },
      { metric: 'non_conformity_rate', value: 0.07, detail: { inspected: 200, nonConforming: 14 } },
      { metric: 'satisfaction', value: 4, detail: { overall: 4, deliverables: 5, service: 3 } },
    ]);
  });

  it('names what cannot be computed, and refuses an empty report', () => {
    expect(
      readingsFromMeasurements({ progress: { rows: [row(0, 10)] }, inspection: { inspected: 5, nonConforming: 9 } }).problems.map((problem) => problem.path),
    ).toEqual(['progress.rows', 'inspection.nonConforming']);
    expect(readingsFromMeasurements({}).problems).toEqual([{ path: '', message: 'give at least one of progress, inspection, survey' }]);
  });
});
