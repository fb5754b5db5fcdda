import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { useFormat } from '@/lib/i18n/use-format';
import { useDefinitionKeys, useDefinitionVersion, useDraft, useSaveDraft } from '../api/definition-queries';
import { blankDefinition, copyUnderKey } from '../api/definition-templates';
import type { SourceMarker, YamlEditorHandle } from '../editor/yaml-editor';
import { useLiveValidation } from '../hooks/use-live-validation';
import { useUnsavedChangesPrompt } from '../hooks/use-unsaved-changes-prompt';
import { DefinitionDiagramPanel } from './definition-diagram-panel';
import { PublishDraft } from './publish-draft';
import { SimulateDraft } from './simulate-draft';
import { ADMIN, RequireRole } from './require-role';
import { ValidationProblems } from './validation-problems';

// Monaco and monaco-yaml (several MB) load with this page only.
const YamlEditor = lazy(() => import('../editor/yaml-editor'));

/** `/admin/definitions/:key/edit` (`?from=<key>` starts a new key from a copy of another). */
export function DefinitionEditorPage() {
  const { key = '' } = useParams();
  return (
    <RequireRole roles={ADMIN}>
      <DefinitionEditor key={key} definitionKey={key} />
    </RequireRole>
  );
}

/** What the text on screen was last known to be on the server. */
type Baseline = { source: string; kind: 'draft' | 'version' | 'new' };

function DefinitionEditor({ definitionKey }: { definitionKey: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [search] = useSearchParams();
  const copyOf = search.get('from');
  const keys = useDefinitionKeys();
  const draft = useDraft(definitionKey);
  const entry = keys.data?.find((candidate) => candidate.key === definitionKey);
  const copyEntry = copyOf ? keys.data?.find((candidate) => candidate.key === copyOf) : undefined;
  const latest = entry?.versions[0]?.version;
  // Without a draft, the text starts as the latest version (or the copied key's latest version).
  const startFrom =
    draft.data === null
      ? entry
        ? { key: definitionKey, version: latest }
        : copyEntry
          ? { key: copyEntry.key, version: copyEntry.versions[0]?.version }
          : null
      : null;
  const startVersion = useDefinitionVersion(startFrom?.key ?? definitionKey, startFrom?.version);

  const [source, setSource] = useState<string | null>(null);
  const [baseline, setBaseline] = useState<Baseline | null>(null);
  useEffect(() => {
    if (baseline || draft.isPending || keys.isPending) return;
    let loaded: Baseline | null = null;
    if (draft.data) loaded = { source: draft.data.source, kind: 'draft' };
    else if (startFrom?.version !== undefined) {
      if (!startVersion.data) return;
      loaded =
        startFrom.key === definitionKey
          ? { source: startVersion.data.source, kind: 'version' }
          : { source: copyUnderKey(startVersion.data.source, definitionKey), kind: 'new' };
    } else if (draft.data === null && keys.data) loaded = { source: blankDefinition(definitionKey), kind: 'new' };
    if (loaded) {
      setBaseline(loaded);
      setSource(loaded.source);
    }
  }, [baseline, draft.isPending, draft.data, keys.isPending, keys.data, startFrom?.key, startFrom?.version, startVersion.data, definitionKey]);

  const save = useSaveDraft(definitionKey);
  const live = useLiveValidation(source);
  const editor = useRef<YamlEditorHandle>(null);
  const dirty = source !== null && baseline !== null && (source !== baseline.source || baseline.kind === 'new');
  useUnsavedChangesPrompt(dirty, t('definitions.editor.leaveQuestion'));

  const errors = useMemo(
    () => (live.result && live.checkedSource === source ? live.result.errors : (live.result?.errors ?? [])),
    [live.result, live.checkedSource, source],
  );
  const markers = useMemo<SourceMarker[]>(
    () =>
      errors
        .filter((error) => error.line !== undefined)
        .map((error) => ({ line: error.line!, column: error.column ?? 1, code: error.code, message: `${error.code}: ${error.message}` })),
    [errors],
  );

  if (draft.error) return <ErrorMessage error={draft.error} onRetry={() => void draft.refetch()} />;
  if (keys.error) return <ErrorMessage error={keys.error} onRetry={() => void keys.refetch()} />;
  if (startVersion.error) return <ErrorMessage error={startVersion.error} onRetry={() => void startVersion.refetch()} />;

  const onSave = () => {
    if (source === null) return;
    save.mutate(source, { onSuccess: (saved) => setBaseline({ source: saved.source, kind: 'draft' }) });
  };
  const savedState = dirty ? 'unsaved' : baseline?.kind === 'draft' ? 'saved' : 'noDraft';
  const hasSavedDraft = baseline?.kind === 'draft';
  const publishBlocked = !hasSavedDraft ? t('definitions.publish.needsDraft') : dirty ? t('definitions.publish.needsSave') : null;
  const name = entry?.versions[0]?.name ?? definitionKey;

  return (
    <section aria-labelledby="definition-editor-title" className="definition-editor-page">
      <p className="breadcrumbs">
        <Link to="/admin/definitions">{t('definitions.list.title')}</Link>
      </p>
      <h1 id="definition-editor-title">{t('definitions.editor.title', { name })}</h1>
      <p className="muted">
        <code>{definitionKey}</code> {baseline?.kind === 'version' && latest !== undefined && t('definitions.editor.fromVersion', { version: latest })}
        {baseline?.kind === 'new' && (copyEntry ? t('definitions.editor.fromCopy', { key: copyEntry.key }) : t('definitions.editor.fromBlank'))}
        {baseline?.kind === 'draft' && draft.data && t('definitions.editor.fromDraft', { by: draft.data.updatedBy, at: format.dateTime(draft.data.updatedAt) })}
      </p>

      <div className="editor-toolbar">
        <button type="button" onClick={onSave} disabled={source === null || save.isPending || !dirty}>
          {save.isPending ? t('definitions.editor.saving') : t('definitions.editor.save')}
        </button>
        <span role="status" aria-live="polite" className={`save-state save-state-${savedState}`} data-testid="save-state">
          {t(`definitions.editor.state.${savedState}`)}
        </span>
        {latest !== undefined && hasSavedDraft && (
          <Link to={`/admin/definitions/${encodeURIComponent(definitionKey)}/diff?from=${latest}&to=draft`}>
            {t('definitions.editor.compare', { version: latest })}
          </Link>
        )}
      </div>
      {save.error && <ErrorMessage error={save.error} />}

      <div className="editor-layout">
        <div className="editor-column">
          {source === null ? (
            <Loading />
          ) : (
            <Suspense fallback={<Loading label={t('definitions.editor.loadingEditor')} />}>
              <YamlEditor
                ref={editor}
                modelName={definitionKey}
                value={source}
                onChange={setSource}
                markers={markers}
                ariaLabel={t('definitions.editor.ariaLabel', { key: definitionKey })}
              />
            </Suspense>
          )}
          <ValidationProblems errors={errors} pending={live.pending} failure={live.failure} onReveal={(line, column) => editor.current?.reveal(line, column)} />
        </div>
        <DefinitionDiagramPanel compiled={live.lastCompiled} stale={live.result !== null && !live.result.valid} />
      </div>

      <SimulateDraft definitionKey={definitionKey} source={source} blockedReason={errors.length > 0 ? t('definitions.simulation.needsValid') : null} />

      <section className="card" aria-labelledby="definition-publish-title">
        <h2 id="definition-publish-title">{t('definitions.publish.title')}</h2>
        <PublishDraft
          definitionKey={definitionKey}
          disabledReason={publishBlocked}
          onPublished={() => source !== null && setBaseline({ source, kind: 'version' })}
        />
      </section>
    </section>
  );
}
