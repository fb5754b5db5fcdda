import { lazy, Suspense, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/loading';
import type { TeamProjectKpis } from '../api/team-queries';
import type { KpiUnits } from '@/lib/i18n/use-kpi-units';

// uPlot and its styles load with the chart, not with the app.
const SatisfactionBars = lazy(() => import('./satisfaction-bars'));

/** Customer satisfaction per project of the team as a bar chart, with the same figures as a table for screen readers. */
export function SatisfactionFigure({ projects, units }: { projects: TeamProjectKpis[]; units: KpiUnits }) {
  const { t } = useTranslation();
  const captionId = useId();
  const bars = useMemo(
    () => ({ names: projects.map((project) => project.name), scores: projects.map((project) => project.kpis.satisfactionScore ?? null) }),
    [projects],
  );
  const surveyed = bars.scores.filter((score) => score !== null).length;
  return (
    <figure className="chart-figure" aria-labelledby={captionId} data-testid="team-satisfaction-chart">
      <figcaption id={captionId}>
        <span className="chart-title">{t('team.chartTitle')}</span>{' '}
        <span className="muted small">{t('team.chartDescription', { surveyed, total: projects.length })}</span>
      </figcaption>
      <Suspense fallback={<Loading label={t('project.loadingChart')} />}>
        <SatisfactionBars names={bars.names} scores={bars.scores} label={t('team.satisfaction')} formatScore={units.bareScore} />
      </Suspense>
      <table className="visually-hidden">
        <caption>{t('team.chartTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('team.project')}</th>
            <th scope="col">{t('team.satisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((project) => (
            <tr key={project.id}>
              <th scope="row">{project.name}</th>
              <td>{project.kpis.satisfactionScore === undefined ? t('team.notSurveyed') : units.score(project.kpis.satisfactionScore)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
