import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/i18n/use-format';
import type { DefinitionError } from '../api/definition-queries';

export interface ValidationProblemsProps {
  errors: DefinitionError[];
  /** The text changed since these errors were found. */
  pending: boolean;
  failure: Error | null;
  onReveal: (line: number, column: number) => void;
}

/** The API's errors as a table under the editor, for screen readers and keyboards: each row can take the cursor to its place. */
export function ValidationProblems({ errors, pending, failure, onReveal }: ValidationProblemsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const summary = failure
    ? t('definitions.problems.failed', { message: failure.message })
    : pending
      ? t('definitions.problems.checking')
      : errors.length === 0
        ? t('definitions.problems.none')
        : t('definitions.problems.count', { count: errors.length, formattedCount: format.number(errors.length) });
  return (
    <section className="card problems" aria-labelledby="definition-problems-title" data-testid="definition-problems">
      <h2 id="definition-problems-title">{t('definitions.problems.title')}</h2>
      <p
        role="status"
        aria-live="polite"
        data-testid="definition-problems-summary"
        className={errors.length > 0 && !pending ? 'problems-summary has-errors' : 'problems-summary'}
      >
        {summary}
      </p>
      {errors.length > 0 && (
        <div className="table-scroll">
          <table className="problem-list">
            <thead>
              <tr>
                <th scope="col">{t('definitions.problems.columns.place')}</th>
                <th scope="col">{t('definitions.problems.columns.code')}</th>
                <th scope="col">{t('definitions.problems.columns.path')}</th>
                <th scope="col">{t('definitions.problems.columns.message')}</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((error, index) => (
                <tr key={`${error.code}-${error.path}-${index}`} data-line={error.line ?? ''}>
                  <td>
                    {error.line ? (
                      <button type="button" className="link-button" onClick={() => onReveal(error.line!, error.column ?? 1)}>
                        {t('definitions.problems.place', { line: error.line, column: error.column ?? 1 })}
                      </button>
                    ) : (
                      t('definitions.problems.noPlace')
                    )}
                  </td>
                  <td>
                    <code>{error.code}</code>
                  </td>
                  <td>
                    <code>{error.path || '—'}</code>
                  </td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
