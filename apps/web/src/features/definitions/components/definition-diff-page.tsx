import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { QueryState } from '@/components/query-state';
import { ApiError } from '@/lib/api/api-error';
import { type DefinitionKey, useDefinitionKeys, useDefinitionVersion, useDraft, useStructuralDiff } from '../api/definition-queries';
import { PublishDraft } from './publish-draft';
import { REGISTRY_READERS, RequireRole, useIsAdmin } from './require-role';

// Monaco's diff editor loads with this page only (the same chunk as the editor's).
const YamlDiffEditor = lazy(() => import('../editor/yaml-diff-editor'));

type Side = number | 'draft';

const parseSide = (value: string | null): Side | undefined => (value === 'draft' ? 'draft' : value && /^\d+$/.test(value) ? Number(value) : undefined);

/** `/admin/definitions/:key/diff?from=1&to=2|draft`: two versions (or a version and the draft) as text side by side and as the API's list of changes. */
export function DefinitionDiffPage() {
  const { key = '' } = useParams();
  const keys = useDefinitionKeys();
  return (
    <RequireRole roles={REGISTRY_READERS}>
      <QueryState query={keys}>{(list) => <DefinitionDiff definition={list.find((candidate) => candidate.key === key)} definitionKey={key} />}</QueryState>
    </RequireRole>
  );
}

function DefinitionDiff({ definition, definitionKey }: { definition: DefinitionKey | undefined; definitionKey: string }) {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const [search, setSearch] = useSearchParams();
  const versions = definition?.versions ?? [];
  const draftAvailable = isAdmin && (definition?.hasDraft ?? false);
  const from = parseSide(search.get('from')) ?? versions[1]?.version ?? versions[0]?.version;
  const to = parseSide(search.get('to')) ?? (draftAvailable ? 'draft' : versions[0]?.version);
  const fromNumber = typeof from === 'number' ? from : undefined;
  // Once published, the page moves to the new version; the publishing section stays to say so.
  const [published, setPublished] = useState(false);

  const fromVersion = useDefinitionVersion(definitionKey, fromNumber);
  const toVersion = useDefinitionVersion(definitionKey, typeof to === 'number' ? to : undefined);
  const draft = useDraft(definitionKey, to === 'draft');
  const changes = useStructuralDiff(definitionKey, fromNumber, to);
  const toSource = to === 'draft' ? draft.data?.source : toVersion.data?.source;
  // Inside a sentence ("from v1 to the draft"); the choice in the list is capitalised.
  const sideName = (side: Side | undefined) => (side === 'draft' ? t('definitions.diff.draftInSentence') : t('definitions.diff.version', { version: side }));

  const choose = (which: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(search);
    next.set(which, value);
    if (!next.get(which === 'from' ? 'to' : 'from')) next.set(which === 'from' ? 'to' : 'from', String(which === 'from' ? to : from));
    setSearch(next);
  };

  if (!definition || versions.length === 0) {
    return <p className="notice">{t('definitions.diff.noVersions', { key: definitionKey })}</p>;
  }
  const sideOptions = (withDraft: boolean) => (
    <>
      {versions.map((version) => (
        <option key={version.version} value={version.version}>
          {t('definitions.diff.versionOption', { version: version.version, status: t(`definitions.status.${version.status}`) })}
        </option>
      ))}
      {withDraft && <option value="draft">{t('definitions.diff.draft')}</option>}
    </>
  );
  const changeFailure = changes.error instanceof ApiError && changes.error.status === 422 ? changes.error : null;

  return (
    <section aria-labelledby="definition-diff-title" className="definition-diff-page">
      <p className="breadcrumbs">
        <Link to="/admin/definitions">{t('definitions.list.title')}</Link>
        {isAdmin && (
          <>
            {' · '}
            <Link to={`/admin/definitions/${encodeURIComponent(definitionKey)}/edit`}>{t('definitions.diff.backToEditor')}</Link>
          </>
        )}
      </p>
      <h1 id="definition-diff-title">{t('definitions.diff.title', { name: versions[0].name })}</h1>
      <form className="diff-sides" aria-label={t('definitions.diff.sides')} onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="diff-from">{t('definitions.diff.from')}</label>
          <select id="diff-from" value={String(from)} onChange={(event) => choose('from', event.target.value)}>
            {sideOptions(false)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="diff-to">{t('definitions.diff.to')}</label>
          <select id="diff-to" value={String(to)} onChange={(event) => choose('to', event.target.value)}>
            {sideOptions(draftAvailable)}
          </select>
        </div>
      </form>

      <section className="card" aria-labelledby="structural-diff-title" data-testid="structural-diff">
        <h2 id="structural-diff-title">{t('definitions.diff.changesTitle', { from: sideName(from), to: sideName(to) })}</h2>
        {changes.isPending ? (
          <Loading />
        ) : changeFailure ? (
          <div className="notice notice-error" role="alert">
            {t('definitions.diff.draftInvalid', { count: changeFailure.body.details.length })}
          </div>
        ) : changes.error ? (
          <ErrorMessage error={changes.error} onRetry={() => void changes.refetch()} />
        ) : changes.data.length === 0 ? (
          <p className="muted">{t('definitions.diff.noChanges')}</p>
        ) : (
          <ul className="structural-changes">
            {changes.data.map((change, index) => (
              <li key={`${change.path}-${index}`} className={`change-${change.change}`}>
                <span className={`badge change-badge change-badge-${change.change}`}>{t(`definitions.diff.change.${change.change}`)}</span>{' '}
                <code>{change.path}</code> — {change.description}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="text-diff-title">
        <h2 id="text-diff-title">{t('definitions.diff.textTitle')}</h2>
        <p className="muted small">{t('definitions.diff.textHint', { from: sideName(from), to: sideName(to) })}</p>
        {fromVersion.error || toVersion.error || draft.error ? (
          <ErrorMessage error={(fromVersion.error ?? toVersion.error ?? draft.error)!} />
        ) : fromVersion.data && toSource !== undefined ? (
          <Suspense fallback={<Loading label={t('definitions.editor.loadingEditor')} />}>
            <YamlDiffEditor
              original={fromVersion.data.source}
              modified={toSource}
              ariaLabel={t('definitions.diff.textTitle')}
              originalAriaLabel={sideName(from)}
              modifiedAriaLabel={sideName(to)}
            />
          </Suspense>
        ) : (
          <Loading />
        )}
      </section>

      {(to === 'draft' || published) && isAdmin && (
        <section className="card" aria-labelledby="diff-publish-title">
          <h2 id="diff-publish-title">{t('definitions.publish.title')}</h2>
          <PublishDraft
            definitionKey={definitionKey}
            disabledReason={published ? t('definitions.publish.needsDraft') : null}
            onPublished={(version) => {
              setPublished(true);
              setSearch({ from: String(from), to: String(version.version) });
            }}
          />
        </section>
      )}
    </section>
  );
}
