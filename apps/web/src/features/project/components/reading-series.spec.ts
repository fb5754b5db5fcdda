/// <reference types="jest" />
// The web app's tsconfig knows only Vite's types; Jest's come in for this file alone. Its
// imports of the API types are type-only, so Jest never has to resolve the web app's `@/`.
import type { components } from '@/lib/api/schema.gen';
import type { MetricReading } from '../api/project-queries';
import { DEFAULT_DEVIATION_THRESHOLD, deviationSeries, deviationThreshold, progressSeries, satisfactionSeries } from './reading-series';

type DeviationAnalysis = components['schemas']['DeviationAnalysisResponse'];

const row = (plannedPercent: number, actualPercent: number) => ({
  phase: 'implementation',
  task: 'Finance roll-out',
  owner: 'paula',
  due: '2027-03-01',
  plannedPercent,
  actualPercent,
});
const reading = (metric: MetricReading['metric'], value: number, at: string, detail: Record<string, unknown> = {}): MetricReading => ({
  metric,
  value,
  at,
  source: 'paula',
  detail,
});
const breach = (name: string, threshold: Record<string, unknown> | null): DeviationAnalysis => ({
  id: `analysis-${name}`,
  trigger: { kind: 'metric-breach', name, value: -0.2, threshold, raisedBy: 'system', raisedAt: '2027-02-01T09:00:00Z' },
  status: 'analysing',
  causes: {},
  correctiveActions: [],
  followUps: [],
  replans: 0,
  lessons: [],
});

const READINGS = [
  reading('schedule_deviation', -0.1, '2027-01-10T09:00:00Z', { rows: [row(40, 36), row(60, 54)] }),
  reading('satisfaction', 11 / 3, '2027-01-10T09:00:00Z', { overall: 4, deliverables: 4, service: 3 }),
  reading('non_conformity_rate', 0.02, '2027-01-12T09:00:00Z', { inspected: 100, nonConforming: 2 }),
  reading('schedule_deviation', -0.25, '2027-01-17T09:00:00Z', { rows: [row(80, 60)] }),
  reading('satisfaction', 3, '2027-01-17T09:00:00Z'),
];

describe(deviationSeries.name, () => {
  it('takes each schedule deviation read, oldest first, and nothing else', () => {
    expect(deviationSeries(READINGS)).toEqual([
      { at: '2027-01-10T09:00:00Z', deviation: -0.1 },
      { at: '2027-01-17T09:00:00Z', deviation: -0.25 },
    ]);
  });
});

describe(progressSeries.name, () => {
  it('gives planned and actual progress as the mean over the table’s rows, the sums the deviation comes from', () => {
    expect(progressSeries(READINGS)).toEqual([
      { at: '2027-01-10T09:00:00Z', planned: 50, actual: 45 },
      { at: '2027-01-17T09:00:00Z', planned: 80, actual: 60 },
    ]);
  });

  it('leaves out a reading that kept no progress table', () => {
    expect(progressSeries([reading('schedule_deviation', -0.1, '2027-01-10T09:00:00Z')])).toEqual([]);
  });
});

describe(satisfactionSeries.name, () => {
  it('gives each survey’s score with the three marks when the reading kept them', () => {
    expect(satisfactionSeries(READINGS)).toEqual([
      { at: '2027-01-10T09:00:00Z', score: 11 / 3, overall: 4, deliverables: 4, service: 3 },
      { at: '2027-01-17T09:00:00Z', score: 3, overall: undefined, deliverables: undefined, service: undefined },
    ]);
  });
});

describe(deviationThreshold.name, () => {
  it('is the seed’s ±10% until the project breached its schedule threshold', () => {
    expect(deviationThreshold([breach('non_conformity_rate', { above: 0.05 })])).toEqual({ value: DEFAULT_DEVIATION_THRESHOLD, fromDefinition: false });
  });

  it('is the threshold the last schedule breach was measured against', () => {
    expect(deviationThreshold([breach('schedule_deviation', { above: 0.15 }), breach('schedule_deviation', { above: 0.12 })])).toEqual({
      value: 0.12,
      fromDefinition: true,
    });
  });
});
