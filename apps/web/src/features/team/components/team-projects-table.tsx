import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TeamProjectKpis } from '../api/team-queries';
import type { KpiUnits } from '@/lib/i18n/use-kpi-units';

/** The team's projects the reader may see, oldest first, each with the KPIs a manager compares them by. */
export function TeamProjectsTable({ projects, units }: { projects: TeamProjectKpis[]; units: KpiUnits }) {
  const { t } = useTranslation();
  const unmeasured = '—';
  return (
    <table className="tasks" data-testid="team-projects">
      <thead>
        <tr>
          <th scope="col">{t('team.project')}</th>
          <th scope="col">{t('team.status')}</th>
          <th scope="col">{t('team.satisfaction')}</th>
          <th scope="col">{t('team.goalsMet')}</th>
          <th scope="col">{t('team.scheduleDeviation')}</th>
          <th scope="col">{t('team.complaints')}</th>
        </tr>
      </thead>
      <tbody>
        {projects.map((project) => (
          <tr key={project.id}>
            <th scope="row">
              <Link to={`/projects/${encodeURIComponent(project.id)}`}>{project.name}</Link>
            </th>
            <td>
              {t(`project.statusValue.${project.status}`)} <span className="muted small">({t(project.final ? 'team.final' : 'team.soFar')})</span>
            </td>
            <td>{project.kpis.satisfactionScore === undefined ? unmeasured : units.score(project.kpis.satisfactionScore)}</td>
            <td>
              {project.kpis.goalsSet === 0
                ? unmeasured
                : t('team.goalsOf', { met: units.number(project.kpis.goalsMet), set: units.number(project.kpis.goalsSet) })}
            </td>
            <td>{project.kpis.scheduleDeviation === undefined ? unmeasured : units.deviation(project.kpis.scheduleDeviation)}</td>
            <td>{units.number(project.kpis.complaints)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
