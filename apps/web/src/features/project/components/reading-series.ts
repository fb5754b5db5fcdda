import type { components } from '@/lib/api/schema.gen';
import type { MetricReading } from '../api/project-queries';

type DeviationAnalysis = components['schemas']['DeviationAnalysisResponse'];

/**
 * The ±10% the seed sets for the schedule (customer-expectation.yaml, track stage). The API
 * tells a project's own threshold only with a breach of it, so until one happened this is the band.
 */
export const DEFAULT_DEVIATION_THRESHOLD = 0.1;

export type DeviationPoint = { at: string; deviation: number };
export type ProgressPoint = { at: string; planned: number; actual: number };
export type SatisfactionPoint = { at: string; score: number; overall?: number; deliverables?: number; service?: number };

const of = (readings: MetricReading[], metric: MetricReading['metric']) => readings.filter((reading) => reading.metric === metric);
const numberIn = (detail: Record<string, unknown>, key: string) => (typeof detail[key] === 'number' ? (detail[key] as number) : undefined);

/** Each schedule deviation read, oldest first (the API lists readings oldest first). */
export function deviationSeries(readings: MetricReading[]): DeviationPoint[] {
  return of(readings, 'schedule_deviation').map((reading) => ({ at: reading.at, deviation: reading.value }));
}

/**
 * Planned and actual progress (percent) at each progress table read: the mean over its rows,
 * the same sums the schedule deviation is computed from, so the two charts agree.
 */
export function progressSeries(readings: MetricReading[]): ProgressPoint[] {
  return of(readings, 'schedule_deviation').flatMap((reading) => {
    const rows = Array.isArray(reading.detail.rows) ? (reading.detail.rows as Record<string, unknown>[]) : [];
    const counted = rows.filter((row) => typeof row.plannedPercent === 'number' && typeof row.actualPercent === 'number');
    if (counted.length === 0) return [];
    const mean = (key: 'plannedPercent' | 'actualPercent') => counted.reduce((sum, row) => sum + (row[key] as number), 0) / counted.length;
    return [{ at: reading.at, planned: mean('plannedPercent'), actual: mean('actualPercent') }];
  });
}

/** Each satisfaction survey: its score and, when the reading kept them, the three marks it is the mean of. */
export function satisfactionSeries(readings: MetricReading[]): SatisfactionPoint[] {
  return of(readings, 'satisfaction').map((reading) => ({
    at: reading.at,
    score: reading.value,
    overall: numberIn(reading.detail, 'overall'),
    deliverables: numberIn(reading.detail, 'deliverables'),
    service: numberIn(reading.detail, 'service'),
  }));
}

/** The schedule threshold the project's last schedule breach was measured against, else the seed's. */
export function deviationThreshold(analyses: DeviationAnalysis[]): { value: number; fromDefinition: boolean } {
  const breach = analyses.filter((analysis) => analysis.trigger.kind === 'metric-breach' && analysis.trigger.name === 'schedule_deviation').at(-1);
  const above = breach?.trigger.threshold?.above;
  return typeof above === 'number' ? { value: above, fromDefinition: true } : { value: DEFAULT_DEVIATION_THRESHOLD, fromDefinition: false };
}
