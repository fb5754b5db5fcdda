import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MetricReading } from '../api/project-queries';

type Metric = MetricReading['metric'];
const METRICS: readonly Metric[] = ['schedule_deviation', 'non_conformity_rate', 'satisfaction'];
const COLOURS: Record<Metric, string> = { schedule_deviation: '#a4161a', non_conformity_rate: '#9a6700', satisfaction: '#0b5cad' };

/** Readings as uPlot wants them: one time axis (seconds), one series per metric, gaps where a metric was not read. */
export function alignReadings(readings: MetricReading[]): { metrics: Metric[]; data: uPlot.AlignedData } {
  const metrics = METRICS.filter((metric) => readings.some((reading) => reading.metric === metric));
  const times = [...new Set(readings.map((reading) => Date.parse(reading.at) / 1000))].sort((a, b) => a - b);
  const series = metrics.map((metric) => times.map((time) => readings.find((reading) => reading.metric === metric && Date.parse(reading.at) / 1000 === time)?.value ?? null));
  return { metrics, data: [times, ...series] };
}

/** Progress (schedule deviation), non-conformity and satisfaction over time; loaded lazily with uPlot. */
export default function MetricChart({ readings, title, labels }: { readings: MetricReading[]; title: string; labels: Record<Metric, string> }) {
  const container = useRef<HTMLDivElement>(null);
  // The labels object is new on each render of the parent; its text is what matters.
  const labelText = JSON.stringify(labels);
  useEffect(() => {
    const names = JSON.parse(labelText) as Record<Metric, string>;
    const node = container.current;
    if (!node) return undefined;
    const { metrics, data } = alignReadings(readings);
    const chart = new uPlot(
      {
        width: Math.max(320, Math.min(node.clientWidth || 720, 1000)),
        height: 260,
        title,
        series: [{}, ...metrics.map((metric) => ({ label: names[metric], stroke: COLOURS[metric], width: 2, spanGaps: true, points: { show: true } }))],
        axes: [{}, {}],
      },
      data,
      node,
    );
    return () => chart.destroy();
  }, [readings, title, labelText]);
  return <figure className="metric-chart" role="img" aria-label={title} ref={container} data-testid="metric-chart" />;
}
