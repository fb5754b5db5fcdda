import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartFigure } from '@/components/chart-figure';
import type { ChartLine } from '@/components/metric-chart';
import { Section } from '@/components/section';
import { useKpiUnits } from '@/lib/i18n/use-kpi-units';
import type { CustomerKpis, CustomerRecord } from '../api/customer-queries';
import { useTrendChartFormats } from './use-trend-chart-formats';

type Survey = CustomerRecord['surveys'][number];
type Figure = { key: string; label: string; value: string; missing?: boolean };

const COLOUR = {
  score: '#0b5cad',
  overall: '#9a6700',
  deliverables: '#1a7f37',
  service: '#8250df',
};
const MARKS = ['overall', 'deliverables', 'service'] as const;
const SURVEY_RANGE: [number, number] = [0.8, 5.2];

/** The KPIs over the customer's projects, combined as a team's are, and the one that has a history, satisfaction, over time. */
export function CustomerKpisSection({ kpis, surveys }: { kpis: CustomerKpis; surveys: Survey[] }) {
  const { t } = useTranslation();
  const units = useKpiUnits();
  const measured = (key: string, value: number | undefined, say: (value: number) => string): Figure =>
    value === undefined
      ? {
          key,
          label: t(`customers.kpi.${key}`),
          value: t('customers.notMeasured'),
          missing: true,
        }
      : { key, label: t(`customers.kpi.${key}`), value: say(value) };
  const figures: Figure[] = [
    {
      key: 'projects',
      label: t('customers.kpi.projects'),
      value: t('customers.kpi.projectsValue', {
        shown: units.number(kpis.projects ?? 0),
        assessed: units.number(kpis.assessed ?? 0),
      }),
    },
    measured('satisfactionScore', kpis.satisfactionScore, units.score),
    kpis.goalsSet
      ? {
          key: 'goalsMet',
          label: t('customers.kpi.goalsMet'),
          value: t('customers.value.goalsValue', {
            met: units.number(kpis.goalsMet ?? 0),
            set: units.number(kpis.goalsSet),
            ratio: units.percent(kpis.goalsMetRatio ?? (kpis.goalsMet ?? 0) / kpis.goalsSet),
          }),
        }
      : {
          key: 'goalsMet',
          label: t('customers.kpi.goalsMet'),
          value: t('customers.value.noGoals'),
          missing: true,
        },
    measured('scheduleDeviation', kpis.scheduleDeviation, units.deviation),
    measured('nonConformityRate', kpis.nonConformityRate, units.percent),
    measured('feedbackResponseHours', kpis.feedbackResponseHours, units.hours),
    {
      key: 'complaints',
      label: t('customers.kpi.complaints'),
      value: t('customers.kpi.complaintsValue', {
        complaints: units.number(kpis.complaints ?? 0),
        feedback: units.number(kpis.feedbackItems ?? 0),
      }),
    },
    {
      key: 'deviationBreaches',
      label: t('customers.kpi.deviationBreaches'),
      value: units.number(kpis.deviationBreaches ?? 0),
    },
    {
      key: 'changeRequests',
      label: t('customers.kpi.changeRequests'),
      value: units.number(kpis.changeRequests ?? 0),
    },
  ];
  return (
    <Section title={t('customers.kpi.title')} testId="customer-kpis">
      <dl className="kpi-tiles">
        {figures.map(({ key, label, value, missing }) => (
          <div className="pair" key={key} data-kpi={key}>
            <dt>{label}</dt>
            <dd className={missing ? 'missing' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
      <SatisfactionOverTime surveys={surveys} />
    </Section>
  );
}

/** Every survey of the customer's projects: the score and the marks it is the mean of. */
function SatisfactionOverTime({ surveys }: { surveys: Survey[] }) {
  const { t } = useTranslation();
  const formats = useTrendChartFormats();
  const figure = useMemo(() => {
    if (surveys.length === 0) return null;
    const marks = MARKS.filter((mark) => surveys.some((survey) => survey[mark] != null));
    const shown = (value: number | null | undefined) => (value == null ? '—' : formats.score(value));
    const lines: ChartLine[] = [
      {
        label: t('customers.survey.score'),
        values: surveys.map((survey) => survey.score),
        colour: COLOUR.score,
        width: 3,
      },
      ...marks.map((mark) => ({
        label: t(`customers.survey.${mark}`),
        values: surveys.map((survey) => survey[mark] ?? null),
        colour: COLOUR[mark],
        width: 1,
      })),
    ];
    return {
      chart: {
        times: surveys.map((survey) => Date.parse(survey.at)),
        lines,
        range: SURVEY_RANGE,
        formatValue: formats.score,
        formatTime: formats.time,
        formatTick: formats.tick,
      },
      table: {
        columns: [t('customers.when'), t('customers.survey.score'), ...marks.map((mark) => t(`customers.survey.${mark}`))],
        rows: surveys.map((survey) => ({
          key: survey.id,
          cells: [formats.time(Date.parse(survey.at)), shown(survey.score), ...marks.map((mark) => shown(survey[mark]))],
        })),
      },
    };
  }, [surveys, formats, t]);
  if (!figure) return <p className="muted">{t('customers.kpi.noSurveys')}</p>;
  return (
    <ChartFigure title={t('customers.kpi.chartTitle')} description={t('customers.kpi.chartDescription')} testId="chart-customer-satisfaction" {...figure} />
  );
}
