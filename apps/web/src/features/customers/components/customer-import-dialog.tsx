import { type ChangeEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api/api-error';
import { useFormat } from '@/lib/i18n/use-format';
import { importProblems } from '../api/import-problems';
import { type CustomerImport, useImportCustomers } from '../api/customer-queries';

/**
 * Admins import customers from a CSV file: a dry run first says what would be created, updated
 * or left unchanged, or every problem by line and column; only a file that passed it is imported.
 */
export function CustomerImportDialog() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const fileId = useId();
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const mutation = useImportCustomers();

  const open = () => {
    setFile(null);
    mutation.reset();
    dialog.current?.showModal();
  };
  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    mutation.reset();
    const chosen = event.currentTarget.files?.[0];
    setFile(chosen ? { name: chosen.name, csv: await chosen.text() } : null);
  };
  const run = (dryRun: boolean) => {
    if (file) mutation.mutate({ csv: file.csv, dryRun });
  };
  const checked = mutation.data?.dryRun === true;
  const imported = mutation.data?.dryRun === false;

  return (
    <>
      <button type="button" className="primary" onClick={open}>
        {t('customers.import.open')}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="import-dialog" data-testid="import-dialog">
        <h2 id={titleId}>{t('customers.import.title')}</h2>
        <p className="muted small">{t('customers.import.help')}</p>
        <div className="field">
          <label htmlFor={fileId}>{t('customers.import.file')}</label>
          <input id={fileId} type="file" accept=".csv,text/csv" onChange={(event) => void choose(event)} />
        </div>
        <div className="actions">
          <button type="button" onClick={() => run(true)} disabled={!file || mutation.isPending}>
            {t('customers.import.check')}
          </button>
          <button type="button" className="primary" onClick={() => run(false)} disabled={!checked || mutation.isPending}>
            {t('customers.import.run')}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('customers.import.close')}
          </button>
        </div>
        <div aria-live="polite">
          {mutation.isPending && <p className="loading">{t('customers.import.working')}</p>}
          {mutation.error && <ImportError error={mutation.error} />}
          {mutation.data && <ImportOutcome result={mutation.data} />}
          {imported && (
            <p className="notice notice-success" data-testid="import-done">
              {t('customers.import.done')}
            </p>
          )}
        </div>
      </dialog>
    </>
  );
}

function ImportError({ error }: { error: Error }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!(error instanceof ApiError)) return <p className="notice notice-error">{t('errors.generic', { message: error.message })}</p>;
  const problems = importProblems(error.body);
  return (
    <div className="notice notice-error" data-testid="import-errors">
      <p>{error.status === 403 ? t('customers.import.forbidden') : t('customers.import.nothingImported', { count: problems.length })}</p>
      {problems.length > 0 && (
        <table className="import-problems">
          <caption className="visually-hidden">{t('customers.import.problems')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('customers.import.line')}</th>
              <th scope="col">{t('customers.import.column')}</th>
              <th scope="col">{t('customers.import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((problem, index) => (
              <tr key={index}>
                <td>{problem.line === undefined ? '—' : format.number(problem.line)}</td>
                <td>{problem.column ? <code>{problem.column}</code> : '—'}</td>
                <td>{problem.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {problems.length === 0 && <p>{error.body.message}</p>}
    </div>
  );
}

function ImportOutcome({ result }: { result: CustomerImport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { counts } = result;
  return (
    <div data-testid="import-outcome">
      <p className="notice">
        {t(result.dryRun ? 'customers.import.wouldDo' : 'customers.import.did', {
          rows: format.number(result.rows),
          created: format.number(counts.created),
          updated: format.number(counts.updated),
          unchanged: format.number(counts.unchanged),
        })}
      </p>
      <table className="import-outcome">
        <caption className="visually-hidden">{t('customers.import.customers')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('customers.columns.name')}</th>
            <th scope="col">{t('customers.import.outcome')}</th>
            <th scope="col">{t('customers.import.changed')}</th>
            <th scope="col" className="number">
              {t('customers.import.contacts')}
            </th>
            <th scope="col">{t('customers.import.lines')}</th>
          </tr>
        </thead>
        <tbody>
          {result.customers.map((customer) => (
            <tr key={customer.key}>
              <th scope="row">
                {customer.name} <code className="muted small">{customer.key}</code>
              </th>
              <td>
                <span className={`badge outcome-${customer.outcome}`}>{t(`customers.import.outcomeValue.${customer.outcome}`)}</span>
              </td>
              <td>{customer.changed.length === 0 ? '—' : customer.changed.map((field) => t(`customers.field.${field}`)).join(', ')}</td>
              <td className="number">{format.number(customer.contacts)}</td>
              <td>{customer.lines.map((line) => format.number(line)).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
