import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/loading';
import type { MetricChartProps } from './metric-chart';

// uPlot and its styles load with the first chart, not with the app.
const MetricChart = lazy(() => import('./metric-chart'));

export type FigureTable = { columns: string[]; rows: { key: string; cells: string[] }[] };

/**
 * A chart as a figure: its caption names it and says what to look for, the canvas is for the
 * eye, and a table of the same figures, visually hidden, is what a screen reader reads.
 */
export function ChartFigure({
  title,
  description,
  testId,
  chart,
  table,
}: {
  title: string;
  description: string;
  testId: string;
  chart: MetricChartProps;
  table: FigureTable;
}) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <figure className="chart-figure" aria-labelledby={captionId} data-testid={testId}>
      <figcaption id={captionId}>
        <span className="chart-title">{title}</span> <span className="muted small">{description}</span>
      </figcaption>
      <Suspense fallback={<Loading label={t('project.loadingChart')} />}>
        <MetricChart {...chart} />
      </Suspense>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.cells[0]}</th>
              {row.cells.slice(1).map((cell, index) => (
                <td key={index}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
