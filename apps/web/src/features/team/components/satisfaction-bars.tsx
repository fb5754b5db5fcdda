import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type SatisfactionBarsProps = {
  /** The projects' names, one bar each, in the report's order. */
  names: string[];
  /** Each project's satisfaction score (1–5), null for a project not surveyed yet. */
  scores: (number | null)[];
  label: string;
  formatScore: (value: number) => string;
};

const HEIGHT = 260;
const COLOUR = '#0b5cad';
/** Roughly how wide a character of an axis label is (px): a name longer than its bar's share of the width is cut. */
const CHAR_PX = 7;

const widthOf = (node: HTMLElement) => Math.max(280, Math.min(node.clientWidth || 640, 1400));
/** Project names can be long: the axis shows as much as fits under each bar, the table beside the chart has them whole. */
const shortName = (name: string, chars: number) => (name.length > chars ? `${name.slice(0, Math.max(chars - 1, 1))}…` : name);

/** One bar per project of the team, its height the customer's satisfaction; drawn by uPlot, loaded lazily with this module. */
export default function SatisfactionBars({ names, scores, label, formatScore }: SatisfactionBarsProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = container.current;
    if (!node) return undefined;
    const indexes = names.map((_name, index) => index);
    const chart = new uPlot(
      {
        width: widthOf(node),
        height: HEIGHT,
        // One series, named by the figure's caption: a legend would only repeat it.
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: () => [-0.5, names.length - 0.5] },
          y: { range: () => [0, 5] },
        },
        series: [
          { value: (_chart, index) => (index == null ? '—' : (names[index] ?? '')) },
          {
            label,
            stroke: COLOUR,
            fill: 'rgba(11, 92, 173, 0.55)',
            width: 1,
            points: { show: false },
            // The bars builder ships in uPlot's full build, which is the one imported here.
            paths: uPlot.paths.bars!({ size: [0.6, 80], align: 0 }),
            value: (_chart: uPlot, value: number | null) => (value == null ? '—' : formatScore(value)),
          },
        ],
        axes: [
          {
            splits: () => indexes,
            values: (chart, splits) => {
              const chars = Math.max(6, Math.floor(chart.bbox.width / devicePixelRatio / Math.max(names.length, 1) / CHAR_PX));
              return splits.map((split) => shortName(names[split] ?? '', chars));
            },
            gap: 6,
          },
          { size: 48, splits: () => [0, 1, 2, 3, 4, 5], values: (_chart, splits) => splits.map((split) => formatScore(split)) },
        ],
      },
      [indexes, scores],
      node,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: widthOf(node), height: HEIGHT }));
    resize.observe(node);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [names, scores, label, formatScore]);
  return <div className="metric-chart" aria-hidden="true" ref={container} />;
}
