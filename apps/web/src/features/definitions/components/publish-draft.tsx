import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '@/lib/api/api-error';
import { type DefinitionVersionSummary, usePublishDraft } from '../api/definition-queries';

/** Publishes the saved draft as the next version; the API's refusals (invalid: 422, unchanged: 409) said with each reason. */
export function PublishDraft({
  definitionKey,
  disabledReason,
  onPublished,
}: {
  definitionKey: string;
  disabledReason: string | null;
  onPublished?: (version: DefinitionVersionSummary) => void;
}) {
  const { t } = useTranslation();
  const publish = usePublishDraft(definitionKey);
  const refusal = publish.error instanceof ApiError ? publish.error : null;
  const published = publish.data;
  return (
    <div className="publish-draft">
      <button
        type="button"
        className="primary"
        onClick={() => publish.mutate(undefined, { onSuccess: (version) => onPublished?.({ ...version, runningProjects: 0 }) })}
        disabled={publish.isPending || disabledReason !== null}
        aria-describedby={disabledReason ? 'publish-disabled-reason' : undefined}
      >
        {publish.isPending ? t('definitions.publish.publishing') : t('definitions.publish.button')}
      </button>
      {disabledReason && (
        <span id="publish-disabled-reason" className="muted small">
          {disabledReason}
        </span>
      )}
      {publish.error && (
        <div role="alert" className="notice notice-error" data-testid="publish-refused">
          <p>{t('definitions.publish.refused', { message: publish.error.message })}</p>
          {refusal && refusal.body.details.length > 0 && (
            <ul>
              {refusal.body.details.map((detail, index) => (
                <li key={index}>
                  <code>{detail.path}</code> {detail.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {published && !publish.error && (
        <div role="status" className="notice notice-success" data-testid="publish-done">
          <p>{t('definitions.publish.done', { key: published.key, version: published.version })}</p>
          <p className="definition-actions">
            <Link to="/projects/new">{t('definitions.publish.startProject')}</Link>
            {published.version > 1 && (
              <Link to={`/admin/definitions/${encodeURIComponent(published.key)}/migrate?from=${published.version - 1}&to=${published.version}`}>
                {t('definitions.publish.migrate')}
              </Link>
            )}
          </p>
        </div>
      )}
    </div>
  );
}
