import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '@/lib/api/api-error';
import type { Incident } from '../api/operations-queries';

/**
 * Asks why an incident is skipped or its project cancelled (the API records the reason in
 * the audit trail); cancelling, which ends the whole project, is also confirmed. A modal
 * <dialog>: the browser keeps focus inside it and Escape closes it.
 */
export function IncidentReasonDialog({
  incident,
  action,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  incident: Incident;
  action: 'skip' | 'cancel';
  pending: boolean;
  error: ApiError | null;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const project = incident.projectName ?? incident.projectId;

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(reason.trim());
  };
  const ready = reason.trim().length >= 3 && (action === 'skip' || confirmed) && !pending;

  return (
    <dialog ref={dialog} className="operations-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-what`} onClose={onClose}>
      <form onSubmit={submit}>
        <h3 id={`${id}-title`}>{t(`operations.incidents.${action}.title`)}</h3>
        <p id={`${id}-what`}>{t(`operations.incidents.${action}.explain`, { project, stage: incident.stageId ?? '—', step: incident.stepId ?? '—' })}</p>
        {error && (
          <p role="alert" className="notice notice-error" data-testid="incident-action-error">
            {error.status === 409 ? t('operations.incidents.conflict', { message: error.message }) : t('errors.generic', { message: error.message })}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('operations.incidents.reason')}</label>
          <textarea
            id={`${id}-reason`}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required
            minLength={3}
            maxLength={2000}
            rows={3}
            aria-describedby={`${id}-hint`}
          />
          <span id={`${id}-hint`} className="muted small">
            {t('operations.incidents.reasonHint')}
          </span>
        </div>
        {action === 'cancel' && (
          <div className="field checkbox">
            <input id={`${id}-confirm`} type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
            <label htmlFor={`${id}-confirm`}>{t('operations.incidents.cancel.confirm', { project })}</label>
          </div>
        )}
        <div className="actions">
          <button type="submit" className={action === 'cancel' ? 'danger' : 'primary'} disabled={!ready}>
            {t(`operations.incidents.${action}.submit`)}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('operations.incidents.back')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
