import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { useSession } from '@/lib/auth/auth-context';
import { useFormat } from '@/lib/i18n/use-format';
import { filtersFromSearch, type InboxFilters, searchFromFilters } from '../api/inbox-filters';
import { INBOX_POLL_MS, useInbox, useTaskClaim } from '../api/inbox-queries';
import { useLiveInbox } from '../api/live-inbox';
import { InboxFilterForm } from './inbox-filter-form';
import { InboxQuickFilters } from './inbox-quick-filters';

/** An approver's work: the tasks assigned, delegated or offered to them, filtered and paged as the API does. */
export function InboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const freshness = useLiveInbox();
  const inbox = useInbox(filters, freshness);
  const claim = useTaskClaim();
  const setFilters = (next: InboxFilters) => setSearch(searchFromFilters(next));

  const tasks = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  const total = inbox.data?.pages[0]?.total ?? 0;

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inbox.title')}</h1>
      <InboxQuickFilters filters={filters} freshness={freshness} onChange={setFilters} />
      <InboxFilterForm filters={filters} onChange={setFilters} />
      {inbox.isPending && <Loading />}
      {inbox.error && <ErrorMessage error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {claim.error && <ErrorMessage error={claim.error} />}
      {inbox.data && (
        <>
          <p className="summary" role="status" aria-live="polite">
            <span data-testid="inbox-total">{t('inbox.total', { count: total, formattedCount: format.number(total) })}</span>
            <span className="muted" data-testid="inbox-freshness">
              {' · '}
              {freshness === 'live' ? t('inbox.live') : t('inbox.refreshed', { seconds: INBOX_POLL_MS / 1000 })}
            </span>
          </p>
          {tasks.length === 0 ? (
            <p>{t('inbox.empty')}</p>
          ) : (
            <table className="tasks">
              <thead>
                <tr>
                  <th scope="col">{t('inbox.columns.title')}</th>
                  <th scope="col">{t('inbox.columns.role')}</th>
                  <th scope="col">{t('inbox.columns.priority')}</th>
                  <th scope="col">{t('inbox.columns.due')}</th>
                  <th scope="col">{t('inbox.columns.created')}</th>
                  <th scope="col">{t('inbox.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {tasks.map((task) => (
                  <tr key={task.id} data-task-id={task.id}>
                    <td>
                      <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.title}</Link>
                      <div className="muted small">
                        <Link to={`/projects/${task.projectId}`}>{t('task.project')}</Link> · {task.stageId}
                      </div>
                    </td>
                    <td>{task.candidateRole ?? task.assignee ?? '—'}</td>
                    <td>
                      <span className={`badge priority-${task.priority}`}>{t(`priority.${task.priority}`)}</span>
                    </td>
                    <td>
                      {format.dateTime(task.dueAt)} {task.overdue && <span className="badge overdue">{t('inbox.overdueBadge')}</span>}
                    </td>
                    <td>{format.dateTime(task.createdAt)}</td>
                    <td>
                      {task.status === 'open' && task.claimedBy === null && task.candidateRole !== null && (
                        <button
                          type="button"
                          onClick={() => claim.mutate({ taskId: task.id, action: 'claim' })}
                          disabled={claim.isPending}
                          aria-label={`${t('inbox.claim')}: ${task.title}`}
                        >
                          {t('inbox.claim')}
                        </button>
                      )}
                      {task.status === 'open' && task.claimedBy !== null && task.claimedBy === session?.user && (
                        <button
                          type="button"
                          onClick={() => claim.mutate({ taskId: task.id, action: 'release' })}
                          disabled={claim.isPending}
                          aria-label={`${t('inbox.release')}: ${task.title}`}
                        >
                          {t('inbox.release')}
                        </button>
                      )}
                      {task.claimedBy !== null && task.claimedBy !== session?.user && (
                        <span className="muted">{t('inbox.claimedBy', { user: task.claimedBy })}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {inbox.hasNextPage && (
            <button type="button" onClick={() => void inbox.fetchNextPage()} disabled={inbox.isFetchingNextPage}>
              {t('inbox.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
