import { useTranslation } from 'react-i18next';

/** A failed request, said plainly, with a way to try again. */
export function ErrorMessage({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="notice notice-error">
      {t('errors.generic', { message: error.message })}{' '}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}
