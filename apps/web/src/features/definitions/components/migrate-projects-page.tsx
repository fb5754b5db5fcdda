import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { QueryState } from '@/components/query-state';
import { ApiError } from '@/lib/api/api-error';
import { useFormat } from '@/lib/i18n/use-format';
import { type DefinitionKey, useDefinitionKeys } from '../api/definition-queries';
import { type Migration, migrateProject, type ProjectToMigrate, useRunningProjects } from '../api/migration-queries';
import { ADMIN, RequireRole } from './require-role';

type Outcome = { state: 'moving' } | { state: 'moved'; migration: Migration } | { state: 'refused'; reasons: string[]; message: string };

/** `/admin/definitions/:key/migrate?from=1&to=2`: running projects of one version moved to another, one by one, each refusal with its reasons. */
export function MigrateProjectsPage() {
  const { key = '' } = useParams();
  const keys = useDefinitionKeys();
  return (
    <RequireRole roles={ADMIN}>
      <QueryState query={keys}>{(list) => <MigrateProjects definitionKey={key} definition={list.find((candidate) => candidate.key === key)} />}</QueryState>
    </RequireRole>
  );
}

function MigrateProjects({ definitionKey, definition }: { definitionKey: string; definition: DefinitionKey | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useSearchParams();
  const versions = definition?.versions ?? [];
  const newest = versions[0]?.version;
  const from =
    Number(search.get('from')) || versions.find((version) => version.version !== newest && version.runningProjects > 0)?.version || versions[1]?.version;
  const to = Number(search.get('to')) || newest;
  const projects = useRunningProjects(definitionKey, from);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcomes, setOutcomes] = useState<Map<string, Outcome>>(new Map());
  const [running, setRunning] = useState(false);

  if (!definition || versions.length < 2) return <p className="notice">{t('definitions.migrate.nothing', { key: definitionKey })}</p>;

  const rows = projects.data?.pages.flatMap((page) => page.items) ?? [];
  const choose = (which: 'from' | 'to', value: string) => {
    setSelected(new Set());
    setOutcomes(new Map());
    setSearch({ from: String(which === 'from' ? value : from), to: String(which === 'to' ? value : to) });
  };
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const movable = rows.filter((project) => outcomes.get(project.id)?.state !== 'moved');
  const allSelected = movable.length > 0 && movable.every((project) => selected.has(project.id));

  // One request at a time, in the order shown: each answer (moved, or refused with its reasons) shows as it comes.
  const migrateSelected = async () => {
    setRunning(true);
    for (const project of rows.filter((candidate) => selected.has(candidate.id))) {
      setOutcomes((current) => new Map(current).set(project.id, { state: 'moving' }));
      let outcome: Outcome;
      try {
        outcome = { state: 'moved', migration: await migrateProject(project.id, to!) };
      } catch (error) {
        const reasons = error instanceof ApiError ? error.body.details.map((detail) => detail.message) : [];
        outcome = { state: 'refused', reasons, message: error instanceof Error ? error.message : String(error) };
      }
      setOutcomes((current) => new Map(current).set(project.id, outcome));
      if (outcome.state === 'moved') toggle(project.id, false);
    }
    setRunning(false);
  };
  const moved = [...outcomes.values()].filter((outcome) => outcome.state === 'moved').length;
  const refused = [...outcomes.values()].filter((outcome) => outcome.state === 'refused').length;

  return (
    <section aria-labelledby="migrate-title" className="migrate-projects">
      <p className="breadcrumbs">
        <Link to="/admin/definitions">{t('definitions.list.title')}</Link>
      </p>
      <h1 id="migrate-title">{t('definitions.migrate.title', { name: versions[0].name })}</h1>
      <p className="muted">{t('definitions.migrate.explain')}</p>
      <form className="diff-sides" aria-label={t('definitions.migrate.versions')} onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="migrate-from">{t('definitions.migrate.from')}</label>
          <select id="migrate-from" value={String(from)} onChange={(event) => choose('from', event.target.value)} disabled={running}>
            {versions.map((version) => (
              <option key={version.version} value={version.version}>
                {t('definitions.migrate.versionOption', { version: version.version, count: version.runningProjects })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="migrate-to">{t('definitions.migrate.to')}</label>
          <select id="migrate-to" value={String(to)} onChange={(event) => choose('to', event.target.value)} disabled={running}>
            {versions.map((version) => (
              <option key={version.version} value={version.version}>
                {t('definitions.diff.versionOption', { version: version.version, status: t(`definitions.status.${version.status}`) })}
              </option>
            ))}
          </select>
        </div>
      </form>

      {projects.isPending ? (
        <Loading />
      ) : projects.error ? (
        <ErrorMessage error={projects.error} onRetry={() => void projects.refetch()} />
      ) : rows.length === 0 ? (
        <p className="notice" data-testid="migrate-none">
          {t('definitions.migrate.none', { version: from })}
        </p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="migrate-list">
              <caption className="visually-hidden">{t('definitions.migrate.caption', { version: from })}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('definitions.migrate.selectAll')}
                      checked={allSelected}
                      disabled={running}
                      onChange={(event) => setSelected(event.target.checked ? new Set(movable.map((project) => project.id)) : new Set())}
                    />
                  </th>
                  <th scope="col">{t('definitions.migrate.columns.project')}</th>
                  <th scope="col">{t('definitions.migrate.columns.stage')}</th>
                  <th scope="col">{t('definitions.migrate.columns.started')}</th>
                  <th scope="col">{t('definitions.migrate.columns.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((project) => (
                  <ProjectRow
                    key={project.id}
                    project={project}
                    checked={selected.has(project.id)}
                    disabled={running || outcomes.get(project.id)?.state === 'moved'}
                    onToggle={toggle}
                    outcome={outcomes.get(project.id)}
                    started={format.dateTime(project.startedAt)}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {projects.hasNextPage && (
            <button type="button" className="load-more" onClick={() => void projects.fetchNextPage()} disabled={projects.isFetchingNextPage}>
              {t('definitions.migrate.loadMore')}
            </button>
          )}
          <div className="editor-toolbar">
            <button type="button" className="primary" onClick={() => void migrateSelected()} disabled={running || selected.size === 0 || from === to}>
              {running ? t('definitions.migrate.moving') : t('definitions.migrate.submit', { count: selected.size, version: to })}
            </button>
            <span role="status" aria-live="polite" data-testid="migrate-summary">
              {outcomes.size > 0 && !running ? t('definitions.migrate.summary', { moved, refused }) : ''}
            </span>
          </div>
        </>
      )}
    </section>
  );
}

function ProjectRow({
  project,
  checked,
  disabled,
  onToggle,
  outcome,
  started,
}: {
  project: ProjectToMigrate;
  checked: boolean;
  disabled: boolean;
  onToggle: (id: string, on: boolean) => void;
  outcome: Outcome | undefined;
  started: string;
}) {
  const { t } = useTranslation();
  return (
    <tr data-project-id={project.id}>
      <td>
        <input
          type="checkbox"
          aria-label={t('definitions.migrate.select', { name: project.name })}
          checked={checked}
          disabled={disabled}
          onChange={(event) => onToggle(project.id, event.target.checked)}
        />
      </td>
      <th scope="row">
        <Link to={`/projects/${encodeURIComponent(project.id)}`}>{project.name}</Link>
      </th>
      <td className="key">{project.currentStage ?? '—'}</td>
      <td>
        <time dateTime={project.startedAt}>{started}</time>
      </td>
      <td data-testid="migrate-outcome">
        {outcome?.state === 'moving' && t('definitions.migrate.outcome.moving')}
        {outcome?.state === 'moved' && (
          <span className="badge definition-published">
            {t('definitions.migrate.outcome.moved', { version: outcome.migration.to.version, stage: outcome.migration.effectiveAfterStage })}
          </span>
        )}
        {outcome?.state === 'refused' && (
          <div className="migration-refused">
            <span className="badge definition-refused">{t('definitions.migrate.outcome.refused')}</span>
            {outcome.reasons.length > 0 ? (
              <ul>
                {outcome.reasons.map((reason, index) => (
                  <li key={index}>{reason}</li>
                ))}
              </ul>
            ) : (
              <p>{outcome.message}</p>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
