import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { describeValue } from '@/components/field-list';
import { Loading } from '@/components/loading';
import { QueryState } from '@/components/query-state';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import { useDeviationAnalyses, useKpiReport, useMetricReadings } from '../api/project-queries';

// uPlot and its styles load with the first chart, not with the app.
const MetricChart = lazy(() => import('./metric-chart'));

/** KPIs so far (final after the assessment), the readings over time as a chart and a table, and the deviation analyses. */
export function KpiSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
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
              {Object.entries(kpis.kpis).map(([key, value]) => (
                <div className="pair" key={key}>
                  {/* A KPI the labels do not know yet keeps its API name rather than vanishing. */}
                  <dt>{t(`project.kpi.${key}`, { defaultValue: key })}</dt>
                  <dd>{describeValue(value, format)}</dd>
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
              <Suspense fallback={<Loading label={t('project.loadingChart')} />}>
                <MetricChart readings={items} title={t('project.chartTitle')} labels={{ schedule_deviation: t('project.metric.schedule_deviation'), non_conformity_rate: t('project.metric.non_conformity_rate'), satisfaction: t('project.metric.satisfaction') }} />
              </Suspense>
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
                        <td>{format.number(reading.value)}</td>
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
                  {analysis.trigger.value != null && ` = ${format.number(analysis.trigger.value)}`} · {analysis.status} · {format.dateTime(analysis.trigger.raisedAt)}
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
