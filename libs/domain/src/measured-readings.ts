import type { FieldError, MetricName, ProgressRow } from '@accord/contracts';
import { nonConformityRate, satisfactionScore, scheduleDeviation } from './expectation-metrics';

/** What someone measured: a progress table, inspection counts, a satisfaction survey (any of them). */
export interface Measurements {
  progress?: { rows: ProgressRow[] };
  inspection?: { inspected: number; nonConforming: number };
  survey?: { overall: number; deliverables: number; service: number };
}

export interface MeasuredReading {
  metric: MetricName;
  value: number;
  /** What the reading was computed from. */
  detail: Record<string, unknown>;
}

/** The readings measurements give (R-EXP-7), or the paths of what cannot be computed. */
export function readingsFromMeasurements(measured: Measurements): { readings: MeasuredReading[]; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const readings: MeasuredReading[] = [];
  if (measured.progress) {
    const value = scheduleDeviation(measured.progress.rows);
    if (value === undefined) problems.push({ path: 'progress.rows', message: 'planned progress is 0 everywhere: the deviation cannot be computed' });
    else readings.push({ metric: 'schedule_deviation', value, detail: { rows: measured.progress.rows.map((row) => ({ ...row })) } });
  }
  if (measured.inspection) {
    const { inspected, nonConforming } = measured.inspection;
    const value = nonConforming > inspected ? undefined : nonConformityRate(inspected, nonConforming);
    if (value === undefined)
      problems.push({ path: 'inspection.nonConforming', message: `more non-conforming (${nonConforming}) than inspected (${inspected})` });
    else readings.push({ metric: 'non_conformity_rate', value, detail: { inspected, nonConforming } });
  }
  if (measured.survey) readings.push({ metric: 'satisfaction', value: satisfactionScore(measured.survey), detail: { ...measured.survey } });
  if (!measured.progress && !measured.inspection && !measured.survey) problems.push({ path: '', message: 'give at least one of progress, inspection, survey' });
  return { readings, problems };
}
