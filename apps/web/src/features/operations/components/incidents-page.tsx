import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { Section } from '@/components/section';
import { ApiError } from '@/lib/api/api-error';
import { useSession } from '@/lib/auth/auth-context';
import { useFormat } from '@/lib/i18n/use-format';
import { mayAct } from '../api/operations-access';
import { type Incident, type IncidentAction, useIncidents, useResolveIncident } from '../api/operations-queries';
import { IncidentReasonDialog } from './incident-reason-dialog';

/** Open incidents first, each with what failed and (for admins) the ways out; resolved ones below. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const canAct = session ? mayAct(session.roles) : false;
  const open = useIncidents('open');
  const resolved = useIncidents('resolved');
  const resolve = useResolveIncident();
  const [asking, setAsking] = useState<{ incident: Incident; action: 'skip' | 'cancel' } | null>(null);
  const [done, setDone] = useState<{ incident: Incident; action: IncidentAction } | null>(null);

  const run = (incident: Incident, action: IncidentAction, reason?: string) => {
    setDone(null);
    resolve.mutate(
      { incident, action, reason },
      {
        onSuccess: () => {
          setAsking(null);
          setDone({ incident, action });
        },
      },
    );
  };
  const ask = (incident: Incident, action: 'skip' | 'cancel') => {
    resolve.reset();
    setAsking({ incident, action });
  };

  return (
    <section aria-labelledby="operations-incidents-title">
      <h2 id="operations-incidents-title">{t('operations.tab.incidents')}</h2>
      <p role="status" aria-live="polite" className={done ? 'notice notice-success' : 'visually-hidden'} data-testid="incident-action-done">
        {done ? t(`operations.incidents.done.${done.action}`, { project: done.incident.projectName ?? done.incident.projectId }) : ''}
      </p>
      {/* Skip and cancel say what went wrong in their dialog; a retry says it here. */}
      {!asking && resolve.error && (
        <p role="alert" className="notice notice-error">
          {resolve.error instanceof ApiError && resolve.error.status === 409
            ? t('operations.incidents.conflict', { message: resolve.error.message })
            : t('errors.generic', { message: resolve.error.message })}
        </p>
      )}
      <Section title={t('operations.incidents.open')} testId="open-incidents">
        <QueryState query={open}>
          {(incidents) =>
            incidents.length === 0 ? (
              <p className="notice notice-success">{t('operations.incidents.noneOpen')}</p>
            ) : (
              <IncidentTable
                incidents={incidents}
                caption={t('operations.incidents.open')}
                actions={
                  canAct
                    ? (incident) => (
                        <IncidentButtons
                          incident={incident}
                          busy={resolve.isPending}
                          onRetry={() => run(incident, 'retry')}
                          onAsk={(action) => ask(incident, action)}
                        />
                      )
                    : undefined
                }
              />
            )
          }
        </QueryState>
      </Section>
      <Section title={t('operations.incidents.resolved')} testId="resolved-incidents">
        <QueryState query={resolved}>
          {(incidents) =>
            incidents.length === 0 ? (
              <p className="muted">{t('operations.incidents.noneResolved')}</p>
            ) : (
              <IncidentTable incidents={incidents} caption={t('operations.incidents.resolved')} resolved />
            )
          }
        </QueryState>
      </Section>
      {asking && (
        <IncidentReasonDialog
          key={`${asking.incident.id}-${asking.action}`}
          incident={asking.incident}
          action={asking.action}
          pending={resolve.isPending}
          error={resolve.error instanceof ApiError ? resolve.error : null}
          onSubmit={(reason) => run(asking.incident, asking.action, reason)}
          onClose={() => {
            // What the dialog said stays with the dialog.
            if (resolve.isError) resolve.reset();
            setAsking(null);
          }}
        />
      )}
    </section>
  );
}

function IncidentButtons({
  incident,
  busy,
  onRetry,
  onAsk,
}: {
  incident: Incident;
  busy: boolean;
  onRetry: () => void;
  onAsk: (action: 'skip' | 'cancel') => void;
}) {
  const { t } = useTranslation();
  const what = { project: incident.projectName ?? incident.projectId, step: incident.stepId ?? incident.stageId ?? incident.kind };
  return (
    <div className="incident-actions">
      <button type="button" className="primary" onClick={onRetry} disabled={busy} aria-label={t('operations.incidents.retry.label', what)}>
        {t('operations.incidents.retry.button')}
      </button>
      <button type="button" onClick={() => onAsk('skip')} disabled={busy} aria-label={t('operations.incidents.skip.label', what)}>
        {t('operations.incidents.skip.button')}
      </button>
      <button type="button" className="danger" onClick={() => onAsk('cancel')} disabled={busy} aria-label={t('operations.incidents.cancel.label', what)}>
        {t('operations.incidents.cancel.button')}
      </button>
    </div>
  );
}

function IncidentTable({
  incidents,
  caption,
  resolved,
  actions,
}: {
  incidents: Incident[];
  caption: string;
  resolved?: boolean;
  actions?: (incident: Incident) => ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="table-scroll">
      <table className="operations-table incidents">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('operations.incidents.column.project')}</th>
            <th scope="col">{t('operations.incidents.column.stage')}</th>
            <th scope="col">{t('operations.incidents.column.step')}</th>
            <th scope="col">{t('operations.incidents.column.error')}</th>
            <th scope="col" className="number">
              {t('operations.incidents.column.attempts')}
            </th>
            <th scope="col">{t('operations.incidents.column.since')}</th>
            {resolved && <th scope="col">{t('operations.incidents.column.resolution')}</th>}
            {actions && <th scope="col">{t('operations.incidents.column.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr key={incident.id} data-incident-id={incident.id}>
              <th scope="row">
                <Link to={`/projects/${encodeURIComponent(incident.projectId)}`}>{incident.projectName ?? incident.projectId}</Link>
              </th>
              <td className="key">{incident.stageId ?? '—'}</td>
              <td className="key">{incident.stepId ?? incident.activity ?? '—'}</td>
              <td className="incident-error">
                <strong>{incident.errorType}</strong> <span className="muted small">({t(`operations.incidents.kind.${incident.kind}`)})</span>
                <br />
                <span className="message">{incident.message}</span>
              </td>
              <td className="number">{format.number(incident.attempts)}</td>
              <td>
                <time dateTime={incident.openedAt}>{format.dateTime(incident.openedAt)}</time>
              </td>
              {resolved && (
                <td>
                  {incident.resolution ? t(`operations.incidents.resolution.${incident.resolution}`) : '—'}
                  {incident.resolvedBy && <> · {incident.resolvedBy}</>}
                  {incident.resolvedAt && (
                    <>
                      {' · '}
                      <time dateTime={incident.resolvedAt}>{format.dateTime(incident.resolvedAt)}</time>
                    </>
                  )}
                  {incident.reason && <div className="muted small">{incident.reason}</div>}
                </td>
              )}
              {actions && <td>{actions(incident)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
