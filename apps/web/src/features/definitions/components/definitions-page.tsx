import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { QueryState } from '@/components/query-state';
import { useFormat } from '@/lib/i18n/use-format';
import { type DefinitionKey, type DefinitionVersionSummary, useDefinitionKeys, useDeprecateVersion } from '../api/definition-queries';
import { REGISTRY_READERS, RequireRole, useIsAdmin } from './require-role';

const keyPath = (key: string) => `/admin/definitions/${encodeURIComponent(key)}`;

/** The registry: each key with its versions, drafts and the projects running on each version. */
export function DefinitionsPage() {
  return (
    <RequireRole roles={REGISTRY_READERS}>
      <DefinitionsList />
    </RequireRole>
  );
}

function DefinitionsList() {
  const { t } = useTranslation();
  const keys = useDefinitionKeys();
  const isAdmin = useIsAdmin();
  return (
    <section aria-labelledby="definitions-title" className="definitions">
      <div className="definitions-heading">
        <h1 id="definitions-title">{t('definitions.list.title')}</h1>
        {isAdmin && (
          <Link to="/admin/definitions/new" className="button-link">
            {t('definitions.list.new')}
          </Link>
        )}
      </div>
      <QueryState query={keys}>
        {(list) =>
          list.length === 0 ? (
            <p className="notice">{t('definitions.list.none')}</p>
          ) : (
            list.map((definition) => <DefinitionCard key={definition.key} definition={definition} isAdmin={isAdmin} />)
          )
        }
      </QueryState>
    </section>
  );
}

function DefinitionCard({ definition, isAdmin }: { definition: DefinitionKey; isAdmin: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = `definition-${definition.key}`;
  const name = definition.versions[0]?.name ?? definition.key;
  const newest = definition.versions[0]?.version;
  // Projects on an older version than the newest are the ones an admin may want to move.
  const behind = definition.versions.filter((version) => version.version !== newest && version.runningProjects > 0);
  return (
    <section className="card definition-card" aria-labelledby={headingId} data-definition-key={definition.key}>
      <h2 id={headingId}>
        {name} <code className="muted">{definition.key}</code>
      </h2>
      <p className="definition-facts">
        <span data-testid="definition-draft">{definition.hasDraft ? t('definitions.list.hasDraft') : t('definitions.list.noDraft')}</span>
        {' · '}
        <span>{definition.current === null ? t('definitions.list.noCurrent') : t('definitions.list.current', { version: definition.current })}</span>
      </p>
      <div className="definition-actions">
        {isAdmin && (
          <Link to={`${keyPath(definition.key)}/edit`} aria-label={t('definitions.list.editLabel', { name })}>
            {definition.hasDraft ? t('definitions.list.editDraft') : t('definitions.list.edit')}
          </Link>
        )}
        {definition.versions.length > 0 && (
          <Link to={`${keyPath(definition.key)}/diff`} aria-label={t('definitions.list.compareLabel', { name })}>
            {t('definitions.list.compare')}
          </Link>
        )}
        {isAdmin && behind.length > 0 && (
          <Link to={`${keyPath(definition.key)}/migrate?from=${behind[0].version}`} aria-label={t('definitions.list.migrateLabel', { name })}>
            {t('definitions.list.migrate')}
          </Link>
        )}
      </div>
      {definition.versions.length > 0 && (
        <div className="table-scroll">
          <table className="definition-versions">
            <caption className="visually-hidden">{t('definitions.list.versionsOf', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('definitions.list.columns.version')}</th>
                <th scope="col">{t('definitions.list.columns.status')}</th>
                <th scope="col">{t('definitions.list.columns.published')}</th>
                <th scope="col" className="number">
                  {t('definitions.list.columns.running')}
                </th>
                <th scope="col">{t('definitions.list.columns.diagram')}</th>
                {isAdmin && <th scope="col">{t('definitions.list.columns.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {definition.versions.map((version) => (
                <VersionRow key={version.version} version={version} isAdmin={isAdmin} format={format} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function VersionRow({ version, isAdmin, format }: { version: DefinitionVersionSummary; isAdmin: boolean; format: ReturnType<typeof useFormat> }) {
  const { t } = useTranslation();
  const deprecate = useDeprecateVersion();
  const onDeprecate = () => {
    if (window.confirm(t('definitions.list.deprecateConfirm', { key: version.key, version: version.version })))
      deprecate.mutate({ key: version.key, version: version.version });
  };
  return (
    <tr data-version={version.version}>
      <th scope="row">v{version.version}</th>
      <td>
        <span className={`badge definition-${version.status}`}>{t(`definitions.status.${version.status}`)}</span>
      </td>
      <td>
        {t('definitions.list.publishedBy', { by: version.publishedBy })} <time dateTime={version.publishedAt}>{format.dateTime(version.publishedAt)}</time>
      </td>
      <td className="number">{format.number(version.runningProjects)}</td>
      <td>
        <Link to={`/admin/definitions/${encodeURIComponent(version.key)}/versions/${version.version}/diagram`}>
          {t('definitions.list.diagram', { version: version.version })}
        </Link>
      </td>
      {isAdmin && (
        <td>
          {version.status === 'published' && (
            <button type="button" onClick={onDeprecate} disabled={deprecate.isPending}>
              {t('definitions.list.deprecate', { version: version.version })}
            </button>
          )}
          {deprecate.error && <ErrorMessage error={deprecate.error} />}
        </td>
      )}
    </tr>
  );
}
