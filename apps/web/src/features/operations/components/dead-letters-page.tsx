import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { QueryState } from '@/components/query-state';
import { Section } from '@/components/section';
import { useSession } from '@/lib/auth/auth-context';
import { useFormat } from '@/lib/i18n/use-format';
import { mayAct } from '../api/operations-access';
import {
  type DeadDelivery,
  type Notification,
  useDeadNotifications,
  useDeadWebhookDeliveries,
  useProjectNames,
  useRedeliverWebhook,
  useRetryNotification,
} from '../api/operations-queries';

/** Notifications and webhook deliveries that ran out of attempts, with why the last one failed; admins send them again. */
export function DeadLettersPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const canAct = session ? mayAct(session.roles) : false;
  const [done, setDone] = useState('');

  return (
    <section aria-labelledby="operations-dead-letters-title">
      <h2 id="operations-dead-letters-title">{t('operations.tab.dead-letters')}</h2>
      <p role="status" aria-live="polite" className={done ? 'notice notice-success' : 'visually-hidden'} data-testid="dead-letter-done">
        {done}
      </p>
      <DeadNotifications canAct={canAct} onDone={setDone} />
      <DeadWebhookDeliveries canAct={canAct} onDone={setDone} />
    </section>
  );
}

function DeadNotifications({ canAct, onDone }: { canAct: boolean; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const dead = useDeadNotifications();
  const retry = useRetryNotification();
  const projectNames = useProjectNames(dead.data?.map((notification) => notification.projectId) ?? []);
  const recipient = (notification: Notification) =>
    notification.recipientUser ?? (notification.recipientRole ? t('operations.deadLetters.recipientRole', { role: notification.recipientRole }) : '—');
  const send = (notification: Notification) =>
    retry.mutate(notification, { onSuccess: () => onDone(t('operations.deadLetters.notificationRetried', { subject: notification.subject })) });

  return (
    <Section title={t('operations.deadLetters.notifications')} testId="dead-notifications">
      {retry.error && <ErrorMessage error={retry.error} />}
      <QueryState query={dead}>
        {(notifications) =>
          notifications.length === 0 ? (
            <p className="notice notice-success">{t('operations.deadLetters.noNotifications')}</p>
          ) : (
            <div className="table-scroll">
              <table className="operations-table">
                <caption className="visually-hidden">{t('operations.deadLetters.notifications')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('operations.deadLetters.column.subject')}</th>
                    <th scope="col">{t('operations.deadLetters.column.kind')}</th>
                    <th scope="col">{t('operations.deadLetters.column.recipient')}</th>
                    <th scope="col">{t('operations.deadLetters.column.project')}</th>
                    <th scope="col" className="number">
                      {t('operations.deadLetters.column.attempts')}
                    </th>
                    <th scope="col">{t('operations.deadLetters.column.lastError')}</th>
                    <th scope="col">{t('operations.deadLetters.column.lastAttempt')}</th>
                    {canAct && <th scope="col">{t('operations.deadLetters.column.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {notifications.map((notification) => (
                    <tr key={notification.id} data-notification-id={notification.id}>
                      <th scope="row">{notification.subject}</th>
                      <td>{t(`operations.deadLetters.kind.${notification.kind}`)}</td>
                      <td>{recipient(notification)}</td>
                      <td>
                        <Link to={`/projects/${encodeURIComponent(notification.projectId)}`}>
                          {projectNames.get(notification.projectId) ?? <code>{notification.projectId.slice(0, 8)}</code>}
                        </Link>
                      </td>
                      <td className="number">{format.number(notification.attempts)}</td>
                      <td className="message">{notification.lastError ?? '—'}</td>
                      <td>
                        {notification.lastAttemptAt ? <time dateTime={notification.lastAttemptAt}>{format.dateTime(notification.lastAttemptAt)}</time> : '—'}
                      </td>
                      {canAct && (
                        <td>
                          <button
                            type="button"
                            className="primary"
                            disabled={retry.isPending}
                            onClick={() => send(notification)}
                            aria-label={t('operations.deadLetters.retryLabel', { subject: notification.subject })}
                          >
                            {t('operations.deadLetters.retry')}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </Section>
  );
}

function DeadWebhookDeliveries({ canAct, onDone }: { canAct: boolean; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  // The API shows webhooks to admins only (their URLs and payloads may carry a receiver's secrets).
  const dead = useDeadWebhookDeliveries(canAct);
  const redeliver = useRedeliverWebhook();
  const send = (dead: DeadDelivery) =>
    redeliver.mutate(dead, {
      onSuccess: () => onDone(t('operations.deadLetters.redelivered', { event: dead.delivery.eventType, url: dead.subscription.url })),
    });

  return (
    <Section title={t('operations.deadLetters.webhooks')} testId="dead-webhook-deliveries">
      {!canAct ? (
        <p className="muted">{t('operations.deadLetters.webhooksAdminsOnly')}</p>
      ) : (
        <>
          {redeliver.error && <ErrorMessage error={redeliver.error} />}
          <QueryState query={dead}>
            {(deliveries) =>
              deliveries.length === 0 ? (
                <p className="notice notice-success">{t('operations.deadLetters.noWebhooks')}</p>
              ) : (
                <div className="table-scroll">
                  <table className="operations-table">
                    <caption className="visually-hidden">{t('operations.deadLetters.webhooks')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('operations.deadLetters.column.event')}</th>
                        <th scope="col">{t('operations.deadLetters.column.receiver')}</th>
                        <th scope="col" className="number">
                          {t('operations.deadLetters.column.attempts')}
                        </th>
                        <th scope="col">{t('operations.deadLetters.column.lastError')}</th>
                        <th scope="col">{t('operations.deadLetters.column.lastAttempt')}</th>
                        <th scope="col">{t('operations.deadLetters.column.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {deliveries.map((item) => (
                        <tr key={item.delivery.id} data-delivery-id={item.delivery.id}>
                          <th scope="row">
                            {item.delivery.eventType}
                            <div className="muted small">
                              <code>{item.delivery.eventId}</code>
                            </div>
                          </th>
                          <td className="message">
                            {item.subscription.description ?? item.subscription.url}
                            {item.subscription.description && <div className="muted small">{item.subscription.url}</div>}
                          </td>
                          <td className="number">{format.number(item.delivery.attempts)}</td>
                          <td className="message">
                            {item.delivery.lastError ?? (item.delivery.lastStatusCode !== null ? `HTTP ${item.delivery.lastStatusCode}` : '—')}
                          </td>
                          <td>
                            {item.delivery.lastAttemptAt ? (
                              <time dateTime={item.delivery.lastAttemptAt}>{format.dateTime(item.delivery.lastAttemptAt)}</time>
                            ) : (
                              '—'
                            )}
                          </td>
                          <td>
                            <button
                              type="button"
                              className="primary"
                              disabled={redeliver.isPending}
                              onClick={() => send(item)}
                              aria-label={t('operations.deadLetters.redeliverLabel', { event: item.delivery.eventType, id: item.delivery.eventId })}
                            >
                              {t('operations.deadLetters.redeliver')}
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          </QueryState>
        </>
      )}
    </Section>
  );
}
