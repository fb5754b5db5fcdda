import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '@/lib/api/schema.gen';
import { useFormat } from '@/lib/i18n/use-format';
import type { MetricReading } from '../api/project-queries';
import { ChartFigure } from '@/components/chart-figure';
import { useKpiUnits } from '@/lib/i18n/use-kpi-units';
import type { ChartLine } from '@/components/metric-chart';
import { deviationSeries, deviationThreshold, progressSeries, satisfactionSeries } from './reading-series';

type DeviationAnalysis = components['schemas']['DeviationAnalysisResponse'];

const COLOUR = {
  deviation: '#a4161a',
  threshold: '#57606a',
  band: 'rgba(26, 127, 55, 0.12)',
  planned: '#57606a',
  actual: '#0b5cad',
  score: '#0b5cad',
  overall: '#9a6700',
  deliverables: '#1a7f37',
  service: '#8250df',
};
/** The survey's marks run from 1 to 5; a little room either side keeps a 5 from sitting on the frame. */
const SURVEY_RANGE: [number, number] = [0.8, 5.2];
const PERCENT_RANGE: [number, number] = [0, 100];

const HOUR_MS = 3_600_000;

/** Formats that stay the same object while the language does, so a chart is not redrawn on every render. */
function useChartFormats() {
  const { t } = useTranslation();
  const format = useFormat();
  const units = useKpiUnits();
  const { locale } = format;
  return useMemo(() => {
    const ticks = {
      day: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }),
      minute: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
      second: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    };
    return {
      t,
      format,
      tick: (ms: number, spanMs: number) => (spanMs >= 48 * HOUR_MS ? ticks.day : spanMs >= HOUR_MS ? ticks.minute : ticks.second).format(ms),
      time: (ms: number) => format.dateTime(new Date(ms).toISOString()),
      deviation: units.deviation,
      progress: (value: number) => format.percent(value / 100),
      score: units.bareScore,
    };
  }, [t, format, units, locale]);
}

/** Schedule deviation at each progress report, against the tolerance band either side of plan. */
export function DeviationFigure({ readings, analyses }: { readings: MetricReading[]; analyses: DeviationAnalysis[] }) {
  const formats = useChartFormats();
  const { t } = formats;
  const figure = useMemo(() => {
    const points = deviationSeries(readings);
    if (points.length === 0) return null;
    const threshold = deviationThreshold(analyses);
    const extent = Math.max(threshold.value, ...points.map((point) => Math.abs(point.deviation))) * 1.25;
    const band = formats.deviation(threshold.value).replace(/^\+/, '±');
    const lines: ChartLine[] = [
      { label: t('project.chart.deviation'), values: points.map((point) => point.deviation), colour: COLOUR.deviation },
      { label: t('project.chart.upperThreshold'), values: points.map(() => threshold.value), colour: COLOUR.threshold, dash: [6, 4], width: 1, points: false },
      { label: t('project.chart.lowerThreshold'), values: points.map(() => -threshold.value), colour: COLOUR.threshold, dash: [6, 4], width: 1, points: false },
    ];
    return {
      description: t(threshold.fromDefinition ? 'project.chart.deviationBandDefinition' : 'project.chart.deviationBandDefault', { band }),
      chart: {
        times: points.map((point) => Date.parse(point.at)),
        lines,
        band: { between: [1, 2] as [number, number], fill: COLOUR.band },
        range: [-extent, extent] as [number, number],
        formatValue: formats.deviation,
        formatTime: formats.time,
        formatTick: formats.tick,
      },
      table: {
        columns: [t('project.when'), t('project.chart.deviation'), t('project.chart.tolerance')],
        rows: points.map((point, index) => ({
          key: String(index),
          cells: [
            formats.time(Date.parse(point.at)),
            formats.deviation(point.deviation),
            t(Math.abs(point.deviation) > threshold.value ? 'project.chart.beyond' : 'project.chart.within', { band }),
          ],
        })),
      },
    };
  }, [readings, analyses, formats, t]);
  if (!figure) return <p className="muted">{t('project.chart.noProgress')}</p>;
  return <ChartFigure title={t('project.chart.deviationTitle')} testId="chart-deviation" {...figure} />;
}

/** Planned against actual progress at each progress report, as the mean percentage over the table's rows. */
export function ProgressFigure({ readings }: { readings: MetricReading[] }) {
  const formats = useChartFormats();
  const { t } = formats;
  const figure = useMemo(() => {
    const points = progressSeries(readings);
    if (points.length === 0) return null;
    return {
      description: t('project.chart.progressDescription'),
      chart: {
        times: points.map((point) => Date.parse(point.at)),
        lines: [
          { label: t('project.chart.planned'), values: points.map((point) => point.planned), colour: COLOUR.planned, dash: [6, 4] },
          { label: t('project.chart.actual'), values: points.map((point) => point.actual), colour: COLOUR.actual },
        ],
        range: PERCENT_RANGE,
        formatValue: formats.progress,
        formatTime: formats.time,
        formatTick: formats.tick,
      },
      table: {
        columns: [t('project.when'), t('project.chart.planned'), t('project.chart.actual')],
        rows: points.map((point, index) => ({
          key: String(index),
          cells: [formats.time(Date.parse(point.at)), formats.progress(point.planned), formats.progress(point.actual)],
        })),
      },
    };
  }, [readings, formats, t]);
  if (!figure) return null;
  return <ChartFigure title={t('project.chart.progressTitle')} testId="chart-progress" {...figure} />;
}

/** Each satisfaction survey: the score, and the overall, deliverables and service marks it is the mean of. */
export function SatisfactionFigure({ readings }: { readings: MetricReading[] }) {
  const formats = useChartFormats();
  const { t } = formats;
  const figure = useMemo(() => {
    const points = satisfactionSeries(readings);
    if (points.length === 0) return null;
    const marks = (['overall', 'deliverables', 'service'] as const).filter((mark) => points.some((point) => point[mark] !== undefined));
    const shown = (value: number | undefined) => (value === undefined ? '—' : formats.score(value));
    return {
      description: t('project.chart.satisfactionDescription'),
      chart: {
        times: points.map((point) => Date.parse(point.at)),
        lines: [
          { label: t('project.chart.score'), values: points.map((point) => point.score), colour: COLOUR.score, width: 3 },
          ...marks.map((mark) => ({ label: t(`project.chart.${mark}`), values: points.map((point) => point[mark] ?? null), colour: COLOUR[mark], width: 1 })),
        ],
        range: SURVEY_RANGE,
        formatValue: formats.score,
        formatTime: formats.time,
        formatTick: formats.tick,
      },
      table: {
        columns: [t('project.when'), t('project.chart.score'), ...marks.map((mark) => t(`project.chart.${mark}`))],
        rows: points.map((point, index) => ({
          key: String(index),
          cells: [formats.time(Date.parse(point.at)), shown(point.score), ...marks.map((mark) => shown(point[mark]))],
        })),
      },
    };
  }, [readings, formats, t]);
  if (!figure) return <p className="muted">{t('project.chart.noSurvey')}</p>;
  return <ChartFigure title={t('project.chart.satisfactionTitle')} testId="chart-satisfaction" {...figure} />;
}
