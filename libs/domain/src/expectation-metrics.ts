import type { MetricName, ProgressRow } from '@accord/contracts';

/**
 * Schedule deviation rate of a progress table: (actual − planned) / planned over all its
 * rows, as a fraction (−0.15 is 15% behind plan). Undefined while nothing is planned yet.
 */
export function scheduleDeviation(rows: Pick<ProgressRow, 'plannedPercent' | 'actualPercent'>[]): number | undefined {
  const planned = rows.reduce((sum, row) => sum + row.plannedPercent, 0);
  if (planned <= 0) return undefined;
  const actual = rows.reduce((sum, row) => sum + row.actualPercent, 0);
  return (actual - planned) / planned;
}

/** Non-conformity rate: non-conforming / inspected, as a fraction; undefined when nothing was inspected. */
export function nonConformityRate(inspected: number, nonConforming: number): number | undefined {
  return inspected > 0 ? nonConforming / inspected : undefined;
}

/** A satisfaction survey's score: the mean of its overall, deliverables and service marks (1–5). */
export function satisfactionScore(survey: { overall: number; deliverables: number; service: number }): number {
  return (survey.overall + survey.deliverables + survey.service) / 3;
}

/**
 * Metrics whose threshold applies either way: a schedule 15% ahead of plan is as abnormal
 * as one 15% behind (the seed's ±10%), so their handlers compare the magnitude.
 */
const TWO_SIDED: Record<MetricName, boolean> = { schedule_deviation: true, non_conformity_rate: false, satisfaction: false };

/** Whether a reading is beyond a handler's threshold (`above` or `below`). */
export function isBreach(metric: MetricName, value: number, threshold: { above?: number; below?: number }): boolean {
  const measured = TWO_SIDED[metric] ? Math.abs(value) : value;
  return (threshold.above !== undefined && measured > threshold.above) || (threshold.below !== undefined && measured < threshold.below);
}
