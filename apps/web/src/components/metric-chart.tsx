import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One line of a chart: a value per time of the chart, null where it was not read. */
export type ChartLine = { label: string; values: (number | null)[]; colour: string; dash?: number[]; width?: number; points?: boolean };

export type MetricChartProps = {
  /** When each column of values was read (ms since the epoch), oldest first. */
  times: number[];
  lines: ChartLine[];
  /** Two lines (by their index in `lines`) whose space between is shaded: a tolerance band. */
  band?: { between: [number, number]; fill: string };
  /** The value axis, fixed so that charts of the same metric compare at a glance. */
  range: [number, number];
  formatValue: (value: number) => string;
  formatTime: (ms: number) => string;
  /** A time axis label, as fine as the span the axis covers needs (days, minutes or seconds). */
  formatTick: (ms: number, spanMs: number) => string;
};

const HEIGHT = 240;
const HOUR_S = 3_600;

const widthOf = (node: HTMLElement) => Math.max(280, Math.min(node.clientWidth || 640, 1400));

/**
 * Values over time, drawn by uPlot (loaded lazily with this module). The canvas is hidden
 * from assistive technology: the figure around it carries the same figures as a table.
 */
export default function MetricChart({ times, lines, band, range, formatValue, formatTime, formatTick }: MetricChartProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = container.current;
    if (!node) return undefined;
    const seconds = times.map((time) => time / 1000);
    const chart = new uPlot(
      {
        width: widthOf(node),
        height: HEIGHT,
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          // One reading alone would give the time axis no width.
          x: { time: true, range: (_chart, min, max) => (min === max ? [min - HOUR_S, max + HOUR_S] : [min, max]) },
          y: { range: () => range },
        },
        series: [
          { value: (_chart, value) => (value == null ? '—' : formatTime(value * 1000)) },
          ...lines.map((line) => ({
            label: line.label,
            stroke: line.colour,
            width: line.width ?? 2,
            dash: line.dash,
            spanGaps: true,
            points: { show: line.points ?? true },
            value: (_chart: uPlot, value: number | null) => (value == null ? '—' : formatValue(value)),
          })),
        ],
        // uPlot counts the time axis as series 0.
        bands: band ? [{ series: [band.between[0] + 1, band.between[1] + 1], fill: band.fill }] : [],
        axes: [
          {
            space: 110,
            values: (chart, splits) => {
              const spanMs = ((chart.scales.x.max ?? 0) - (chart.scales.x.min ?? 0)) * 1000;
              // Readings close together share a label: it is said once, at the first tick.
              const labels = splits.map((split) => formatTick(split * 1000, spanMs));
              return labels.map((label, index) => (index > 0 && label === labels[index - 1] ? '' : label));
            },
          },
          { size: 64, values: (_chart, splits) => splits.map((split) => formatValue(split)) },
        ],
      },
      [seconds, ...lines.map((line) => line.values)],
      node,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: widthOf(node), height: HEIGHT }));
    resize.observe(node);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, lines, band, range, formatValue, formatTime, formatTick]);
  return <div className="metric-chart" aria-hidden="true" ref={container} />;
}
