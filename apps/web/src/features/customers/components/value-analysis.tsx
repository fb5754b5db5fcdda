import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartFigure } from '@/components/chart-figure';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import type { CustomerRecord, SeriesTrend } from '../api/customer-queries';
import { ProjectLinks } from './project-link';
import { useTrendChartFormats } from './use-trend-chart-formats';

type Value = CustomerRecord['analyses']['value'];
type Trend = 'satisfaction' | 'contractValue';

const OUTCOMES = ['running', 'completed', 'cancelled', 'rejected', 'failed'] as const;
const COLOUR: Record<Trend, string> = {
  satisfaction: '#0b5cad',
  contractValue: '#1a7f37',
};
const SURVEY_RANGE: [number, number] = [0.8, 5.2];

/** The value analysis explained: contract value, what came of the projects, goals met, and the two trends with the figures they were computed from. */
export function ValueAnalysis({ value }: { value: Value }) {
  const { t } = useTranslation();
  const format = useFormat();
  // The generated type names another schema's `GoalsResponse` here; the API answers { set, met } (customer-value-analysis.ts).
  const goals = value.goals as unknown as { set: number; met: number };
  return (
    <Section title={t('customers.value.title')} testId="value-analysis">
      <dl className="field-list">
        <div className="pair">
          <dt>{t('customers.value.contractValue')}</dt>
          <dd data-testid="value-contract">{value.contractValue == null ? t('customers.value.noContractValue') : format.number(value.contractValue)}</dd>
        </div>
        <div className="pair">
          <dt>{t('customers.value.goals')}</dt>
          <dd>
            {value.goalsMetRatio == null
              ? t('customers.value.noGoals')
              : t('customers.value.goalsValue', {
                  met: format.number(goals.met),
                  set: format.number(goals.set),
                  ratio: format.percent(value.goalsMetRatio),
                })}
          </dd>
        </div>
      </dl>
      <h3>{t('customers.value.outcomes')}</h3>
      <dl className="field-list">
        {OUTCOMES.filter((outcome) => value.outcomes[outcome].length > 0).map((outcome) => (
          <div className="pair" key={outcome}>
            <dt>{t(`customers.projectStatus.${outcome}`)}</dt>
            <dd>
              <ProjectLinks ids={value.outcomes[outcome]} />
            </dd>
          </div>
        ))}
      </dl>
      <h3>
        {t('customers.value.trends', {
          months: format.number(value.trends.months),
        })}
      </h3>
      <div className="trend-pair">
        <TrendFigure trend="satisfaction" series={value.trends.satisfaction} />
        <TrendFigure trend="contractValue" series={value.trends.contractValue} />
      </div>
    </Section>
  );
}

/** One trend: its direction in words, the two halves' means, and the figures as a small chart (with their table). */
function TrendFigure({ trend, series }: { trend: Trend; series: SeriesTrend }) {
  const { t } = useTranslation();
  const format = useFormat();
  const formats = useTrendChartFormats();
  const say = trend === 'satisfaction' ? formats.score : formats.amount;
  const figure = useMemo(() => {
    if (series.figures.length === 0) return null;
    const values = series.figures.map((point) => point.value);
    const top = Math.max(...values);
    return {
      chart: {
        times: series.figures.map((point) => Date.parse(point.at)),
        lines: [
          {
            label: t(`customers.value.trend.${trend}`),
            values,
            colour: COLOUR[trend],
          },
        ],
        range: trend === 'satisfaction' ? SURVEY_RANGE : ([0, top === 0 ? 1 : top * 1.2] as [number, number]),
        formatValue: say,
        formatTime: formats.time,
        formatTick: formats.tick,
      },
      table: {
        columns: [t('customers.when'), t(`customers.value.trend.${trend}`)],
        rows: series.figures.map((point) => ({
          key: point.id,
          cells: [formats.time(Date.parse(point.at)), say(point.value)],
        })),
      },
    };
  }, [series, trend, t, formats, say]);
  const halves =
    series.earlier == null || series.later == null
      ? t('customers.value.halvesUnknown')
      : t('customers.value.halves', {
          earlier: say(series.earlier),
          later: say(series.later),
          change: series.change == null ? '—' : `${series.change > 0 ? '+' : ''}${say(series.change)}`,
        });
  return (
    <div className="trend" data-testid={`trend-${trend}`}>
      <p>
        <strong>{t(`customers.value.trend.${trend}`)}</strong>{' '}
        <span className={`badge trend-${series.direction}`}>{t(`customers.value.direction.${series.direction}`)}</span>
      </p>
      <p className="small">
        {halves}{' '}
        <span className="muted">
          {t('customers.value.window', {
            from: format.dateTime(series.from),
            to: format.dateTime(series.to),
          })}
        </span>
      </p>
      {figure ? (
        <ChartFigure title={t(`customers.value.chart.${trend}`)} description={t('customers.value.chartDescription')} testId={`chart-${trend}`} {...figure} />
      ) : (
        <p className="muted">{t('customers.value.noFigures')}</p>
      )}
    </div>
  );
}
