import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { useFormat } from '@/lib/i18n/use-format';
import { filtersFromSearch, isFiltered, type ProjectListFilters, searchFromFilters } from '../api/project-list-filters';
import { type ProjectSummary, useProjectList } from '../api/project-list-queries';
import { ProjectFilterForm } from './project-filter-form';

/** The projects a manager follows: filtered in the address, newest change first, a page at a time. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const list = useProjectList(filters);
  const setFilters = (next: ProjectListFilters) => setSearch(searchFromFilters(next));

  const projects = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;

  return (
    <section aria-labelledby="projects-title">
      <h1 id="projects-title">{t('projects.title')}</h1>
      <ProjectFilterForm filters={filters} onChange={setFilters} />
      {list.isPending && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <p className="summary" role="status" aria-live="polite" data-testid="projects-total">
            {t('projects.total', { count: total, formattedCount: format.number(total) })}
          </p>
          {projects.length === 0 ? (
            <div className="notice" data-testid="projects-empty">
              {isFiltered(filters) ? (
                <>
                  {t('projects.noMatch')}{' '}
                  <button type="button" onClick={() => setFilters({})}>
                    {t('projects.clear')}
                  </button>
                </>
              ) : (
                t('projects.none')
              )}
            </div>
          ) : (
            <div className="table-scroll">
              <table className="projects">
                <thead>
                  <tr>
                    <th scope="col">{t('projects.columns.name')}</th>
                    <th scope="col">{t('projects.columns.definition')}</th>
                    <th scope="col">{t('projects.columns.status')}</th>
                    <th scope="col">{t('projects.columns.team')}</th>
                    <th scope="col">{t('projects.columns.customer')}</th>
                    <th scope="col">{t('projects.columns.stage')}</th>
                    <th scope="col" className="number">
                      {t('projects.columns.openTasks')}
                    </th>
                    <th scope="col" className="number">
                      {t('projects.columns.openIncidents')}
                    </th>
                    <th scope="col">{t('projects.columns.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {projects.map((project) => (
                    <ProjectRow key={project.id} project={project} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.hasNextPage && (
            <button type="button" className="load-more" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {t('projects.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function ProjectRow({ project }: { project: ProjectSummary }) {
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
      <td className="number">{format.number(project.openTasks)}</td>
      <td className="number">
        {project.openIncidents > 0 ? <span className="badge incidents">{format.number(project.openIncidents)}</span> : format.number(project.openIncidents)}
      </td>
      <td>
        <time dateTime={project.updatedAt}>{format.dateTime(project.updatedAt)}</time>
      </td>
    </tr>
  );
}
