import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import { useKpiUnits } from '@/lib/i18n/use-kpi-units';
import type { CustomerKpis, CustomerRecord } from '../api/customer-queries';

type Project = CustomerRecord['projects'][number];
/** The record's projects come a page at a time: how to ask for the next. */
export type LoadMore = { onClick: () => void; busy: boolean };

/** The customer's projects the reader may see, each with its KPIs (final once assessed) and a link to its page. */
export function CustomerProjectsSection({ projects, projectsNotVisible, loadMore }: { projects: Project[]; projectsNotVisible: number; loadMore?: LoadMore }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Section title={t('customers.projects.title')} testId="customer-projects">
      {projectsNotVisible > 0 && (
        <p className="notice" data-testid="customer-not-visible">
          {t('customers.projects.notVisible', {
            count: projectsNotVisible,
            shown: format.number(projectsNotVisible),
          })}
        </p>
      )}
      {projects.length === 0 ? (
        <p className="muted">{t('customers.projects.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="tasks">
            <thead>
              <tr>
                <th scope="col">{t('customers.projects.name')}</th>
                <th scope="col">{t('customers.projects.status')}</th>
                <th scope="col">{t('customers.projects.team')}</th>
                <th scope="col">{t('customers.projects.started')}</th>
                <th scope="col">{t('customers.projects.finished')}</th>
                <th scope="col">{t('customers.projects.kpis')}</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((project) => (
                <tr key={project.id} data-project-id={project.id}>
                  <th scope="row">
                    <Link to={`/projects/${encodeURIComponent(project.id)}`}>{project.name}</Link>
                  </th>
                  <td>
                    <span className={`badge status-${project.status}`}>{t(`customers.projectStatus.${project.status}`)}</span>
                    {project.currentStage && <span className="muted small block">{project.currentStage}</span>}
                  </td>
                  <td>{project.team ? <Link to={`/teams/${encodeURIComponent(project.team)}`}>{project.team}</Link> : '—'}</td>
                  <td>{format.dateTime(project.startedAt)}</td>
                  <td>{format.dateTime(project.finishedAt)}</td>
                  <td>
                    <ProjectKpis kpis={project.kpis as CustomerKpis} final={project.final} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loadMore && (
        <button type="button" className="load-more" onClick={loadMore.onClick} disabled={loadMore.busy}>
          {t('customers.projects.loadMore')}
        </button>
      )}
    </Section>
  );
}

function ProjectKpis({ kpis, final }: { kpis: CustomerKpis; final: boolean }) {
  const { t } = useTranslation();
  const units = useKpiUnits();
  const parts = [
    kpis.satisfactionScore === undefined
      ? null
      : t('customers.projects.satisfaction', {
          value: units.score(kpis.satisfactionScore),
        }),
    kpis.scheduleDeviation === undefined
      ? null
      : t('customers.projects.deviation', {
          value: units.deviation(kpis.scheduleDeviation),
        }),
    kpis.goalsSet
      ? t('customers.projects.goals', {
          met: units.number(kpis.goalsMet ?? 0),
          set: units.number(kpis.goalsSet),
        })
      : null,
    kpis.complaints
      ? t('customers.projects.complaints', {
          count: kpis.complaints,
          shown: units.number(kpis.complaints),
        })
      : null,
  ].filter((part): part is string => part !== null);
  return (
    <span className="small">
      <span className="muted">{t(final ? 'customers.projects.final' : 'customers.projects.soFar')}</span>{' '}
      {parts.length === 0 ? t('customers.projects.noKpis') : parts.join(' · ')}
    </span>
  );
}
