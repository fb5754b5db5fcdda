import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { useFormat } from '@/lib/i18n/use-format';
import { filtersFromSearch, isFiltered, type OperationsProjectFilters, searchFromFilters } from '../api/operations-project-filters';
import { type ProjectSummary, useOperationsProjects, useTemporalUiLink } from '../api/operations-queries';
import { type TemporalUiLink, temporalWorkflowUrl } from '../api/temporal-link';
import { OperationsProjectFilterForm } from './operations-project-filter-form';

/** Every project, filtered in the address, each with a way to its page and to its workflow in Temporal. */
export function OperationsProjectsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const list = useOperationsProjects(filters);
  const temporalUi = useTemporalUiLink();
  const setFilters = (next: OperationsProjectFilters) => setSearch(searchFromFilters(next));
  const projects = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;

  return (
    <section aria-labelledby="operations-projects-title">
      <h2 id="operations-projects-title">{t('operations.tab.projects')}</h2>
      <OperationsProjectFilterForm filters={filters} onChange={setFilters} />
      {list.isPending && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <p className="summary" role="status" aria-live="polite" data-testid="operations-projects-total">
            {t('operations.projects.total', { count: total, formattedCount: format.number(total) })}
          </p>
          {temporalUi.data === null && <p className="muted small">{t('operations.projects.noTemporalUi')}</p>}
          {projects.length === 0 ? (
            <div className="notice" data-testid="operations-projects-empty">
              {isFiltered(filters) ? (
                <>
                  {t('operations.projects.noMatch')}{' '}
                  <button type="button" onClick={() => setFilters({})}>
                    {t('operations.projects.clear')}
                  </button>
                </>
              ) : (
                t('operations.projects.none')
              )}
            </div>
          ) : (
            <div className="table-scroll">
              <table className="projects operations-projects">
                <thead>
                  <tr>
                    <th scope="col">{t('operations.projects.column.name')}</th>
                    <th scope="col">{t('operations.projects.column.definition')}</th>
                    <th scope="col">{t('operations.projects.column.status')}</th>
                    <th scope="col">{t('operations.projects.column.team')}</th>
                    <th scope="col">{t('operations.projects.column.customer')}</th>
                    <th scope="col">{t('operations.projects.column.stage')}</th>
                    <th scope="col">{t('operations.projects.column.started')}</th>
                    <th scope="col" className="number">
                      {t('operations.projects.column.openIncidents')}
                    </th>
                    <th scope="col">{t('operations.projects.column.workflow')}</th>
                  </tr>
                </thead>
                <tbody>
                  {projects.map((project) => (
                    <ProjectRow key={project.id} project={project} temporalUi={temporalUi.data ?? null} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.hasNextPage && (
            <button type="button" className="load-more" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {t('operations.projects.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function ProjectRow({ project, temporalUi }: { project: ProjectSummary; temporalUi: TemporalUiLink | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <tr data-project-id={project.id}>
      <th scope="row">
        <Link to={`/projects/${encodeURIComponent(project.id)}`}>{project.name}</Link>
      </th>
      <td className="key">
        <code>
          {project.definitionKey}@{project.definitionVersion}
        </code>
      </td>
      <td>
        <span className={`badge status-${project.status}`}>{t(`project.statusValue.${project.status}`)}</span>
      </td>
      <td className="key">{project.team ?? '—'}</td>
      <td>{project.customer?.name ?? '—'}</td>
      <td className="key">{project.currentStage ?? '—'}</td>
      <td>
        <time dateTime={project.startedAt}>{format.dateTime(project.startedAt)}</time>
      </td>
      <td className="number">
        {project.openIncidents > 0 ? <span className="badge incidents">{format.number(project.openIncidents)}</span> : format.number(project.openIncidents)}
      </td>
      <td>
        {temporalUi ? (
          <a
            href={temporalWorkflowUrl(temporalUi, project.workflowId)}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={t('operations.projects.openWorkflowOf', { name: project.name })}
          >
            {t('operations.projects.openWorkflow')}
          </a>
        ) : (
          <code className="small">{project.workflowId}</code>
        )}
      </td>
    </tr>
  );
}
