import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import { useKpiUnits } from '@/lib/i18n/use-kpi-units';
import { type MetricReading, useDeviationAnalyses, useKpiReport, useMetricReadings } from '../api/project-queries';
import { DeviationFigure, ProgressFigure, SatisfactionFigure } from './kpi-charts';
import { kpiValue } from '@/components/kpi-value';

/** The KPI each metric's last reading becomes, whose unit its readings share. */
const KPI_OF_METRIC: Record<MetricReading['metric'], string> = {
  schedule_deviation: 'scheduleDeviation',
  non_conformity_rate: 'nonConformityRate',
  satisfaction: 'satisfactionScore',
};

/** What a manager looks at first leads; KPIs this list does not know follow in the API's order. */
const KPI_ORDER = [
  'satisfactionScore',
  'scheduleDeviation',
  'goalsMet',
  'goalsSet',
  'goalsMetRatio',
  'nonConformityRate',
  'complaints',
  'feedbackItems',
  'feedbackResponseHours',
  'deviationBreaches',
  'changeRequests',
];
const rank = (key: string) => (KPI_ORDER.includes(key) ? KPI_ORDER.indexOf(key) : KPI_ORDER.length);

/** KPIs so far (final after the assessment), charts of deviation, progress and satisfaction over time, every reading, and the deviation analyses. */
export function KpiSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const units = useKpiUnits();
  const report = useKpiReport(projectId, true);
  const readings = useMetricReadings(projectId, true);
  const analyses = useDeviationAnalyses(projectId, true);
  return (
    <Section title={t('project.kpis')} testId="kpis">
      <QueryState query={report}>
        {(kpis) => (
          <>
            <p className="muted small">{t(kpis.final ? 'project.kpiFinal' : 'project.kpiSoFar', { when: format.dateTime(kpis.computedAt) })}</p>
            <dl className="field-list columns">
              {Object.entries(kpis.kpis)
                .sort(([a], [b]) => rank(a) - rank(b))
                .map(([key, value]) => (
                  <div className="pair" key={key}>
                    {/* A KPI the labels do not know yet keeps its API name rather than vanishing. */}
                    <dt>{t(`project.kpi.${key}`, { defaultValue: key })}</dt>
                    <dd>{kpiValue(key, value, units)}</dd>
                  </div>
                ))}
            </dl>
          </>
        )}
      </QueryState>
      <h3>{t('project.readings')}</h3>
      <QueryState query={readings}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('project.noReadings')}</p>
          ) : (
            <>
              <DeviationFigure readings={items} analyses={analyses.data?.items ?? []} />
              <ProgressFigure readings={items} />
              <h3>{t('project.chart.satisfactionHeading')}</h3>
              <SatisfactionFigure readings={items} />
              <details>
                <summary>{t('project.readingsTable')}</summary>
                <table className="tasks">
                  <thead>
                    <tr>
                      <th scope="col">{t('project.when')}</th>
                      <th scope="col">{t('project.metricName')}</th>
                      <th scope="col">{t('project.value')}</th>
                      <th scope="col">{t('project.source')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((reading, index) => (
                      <tr key={index}>
                        <td>{format.dateTime(reading.at)}</td>
                        <td>{t(`project.metric.${reading.metric}`)}</td>
                        <td>{kpiValue(KPI_OF_METRIC[reading.metric], reading.value, units)}</td>
                        <td>{reading.source}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </>
          )
        }
      </QueryState>
      <h3>{t('project.deviationAnalyses')}</h3>
      <QueryState query={analyses}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('project.noDeviationAnalyses')}</p>
          ) : (
            <ul>
              {items.map((analysis) => (
                <li key={analysis.id}>
                  {analysis.trigger.name}
                  {analysis.trigger.value != null && ` = ${format.number(analysis.trigger.value)}`} · {analysis.status} ·{' '}
                  {format.dateTime(analysis.trigger.raisedAt)}
                  {analysis.lessons.length > 0 && ` · ${analysis.lessons.join('; ')}`}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}
