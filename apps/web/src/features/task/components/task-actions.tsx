import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api/api-error';
import { type Task, useDelegateTask, useWithdrawTask } from '../api/task-queries';

/** The API's refusal in words: a 400's details on their field, the rest as its message. */
function refusal(error: Error, field: string): { onField?: string; other?: string } {
  if (error instanceof ApiError) {
    const mine = error.body.details.filter((detail) => detail.path === field).map((detail) => detail.message);
    if (mine.length > 0) return { onField: mine.join('; ') };
  }
  return { other: error.message };
}

/** Delegate an open task to someone else; withdraw an approval request when the API says the caller submitted it. */
export function TaskActions({ task, onWithdrawn, onDelegated }: { task: Task; onWithdrawn: () => void; onDelegated: (to: string) => void }) {
  const { t } = useTranslation();
  const toId = useId();
  const [to, setTo] = useState('');
  const delegate = useDelegateTask(task.id);
  const withdraw = useWithdrawTask(task.id);
  const delegateError = delegate.error ? refusal(delegate.error, 'to') : undefined;

  const submitDelegate = (event: FormEvent) => {
    event.preventDefault();
    const person = to.trim();
    if (person === '') return;
    delegate.mutate(person, { onSuccess: () => onDelegated(person) });
  };

  return (
    <section aria-labelledby="task-actions-title" className="card">
      <h2 id="task-actions-title">{t('task.actions.title')}</h2>
      <form onSubmit={submitDelegate} noValidate>
        <div className="field">
          <label htmlFor={toId}>{t('task.actions.delegateTo')}</label>
          <input
            id={toId}
            value={to}
            onChange={(event) => setTo(event.target.value)}
            autoComplete="off"
            required
            aria-invalid={delegateError?.onField ? true : undefined}
            aria-describedby={delegateError?.onField ? `${toId}-error` : `${toId}-hint`}
          />
          {delegateError?.onField ? (
            <p id={`${toId}-error`} className="field-error">
              {delegateError.onField}
            </p>
          ) : (
            <p id={`${toId}-hint`} className="muted small">
              {t('task.actions.delegateHint')}
            </p>
          )}
        </div>
        {delegateError?.other && (
          <p role="alert" className="notice notice-error">
            {t('task.actions.delegateFailed', { message: delegateError.other })}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={delegate.isPending || to.trim() === ''}>
            {t('task.actions.delegate')}
          </button>
        </div>
      </form>
      {task.mayWithdraw && (
        <div className="withdraw">
          <p className="muted small">{t('task.actions.withdrawHint')}</p>
          {withdraw.isError && (
            <p role="alert" className="notice notice-error">
              {t('task.actions.withdrawFailed', { message: withdraw.error.message })}
            </p>
          )}
          <div className="actions">
            <button type="button" className="danger" disabled={withdraw.isPending} onClick={() => withdraw.mutate(undefined, { onSuccess: onWithdrawn })}>
              {t('task.actions.withdraw')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
