import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/i18n/use-format';
import type { InboxFilters } from '../api/inbox-filters';
import type { InboxFreshness } from '../api/live-inbox';
import { useInboxCounts } from '../api/inbox-queries';

const PRIORITIES = ['high', 'normal', 'low'] as const;

interface QuickFilter {
  key: string;
  label: string;
  count: number;
  /** The filters it narrows to; the search text and sort stay as they are. */
  narrows: Partial<InboxFilters>;
}

/**
 * The open inbox's filters with how many tasks each would show, as Tasklist shows its saved
 * filters: choosing one sets it and keeps the search text and sort.
 */
export function InboxQuickFilters({
  filters,
  freshness,
  onChange,
}: {
  filters: InboxFilters;
  freshness: InboxFreshness;
  onChange: (filters: InboxFilters) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = useInboxCounts(filters.q, freshness);
  if (!counts.data) return null;
  const { data } = counts;
  const groups: { title: string; items: QuickFilter[] }[] = [
    {
      title: t('inbox.counts.open'),
      items: [
        { key: 'all', label: t('inbox.counts.all'), count: data.open, narrows: {} },
        { key: 'overdue', label: t('inbox.counts.overdue'), count: data.overdue, narrows: { overdue: true } },
      ],
    },
    {
      title: t('inbox.priority'),
      items: PRIORITIES.map((priority) => ({
        key: `priority-${priority}`,
        label: t(`priority.${priority}`),
        count: data.priority[priority],
        narrows: { priority },
      })),
    },
    { title: t('inbox.counts.roles'), items: data.roles.map(({ role, count }) => ({ key: `role-${role}`, label: role, count, narrows: { role } })) },
    {
      title: t('inbox.counts.projects'),
      items: data.projects.map(({ projectId, name, count }) => ({ key: `project-${projectId}`, label: name, count, narrows: { project: projectId } })),
    },
  ].filter((group) => group.items.length > 0);

  const isCurrent = (filter: QuickFilter) => {
    const narrowed = { status: 'open', ...filter.narrows };
    const chosen = {
      status: filters.status ?? 'open',
      overdue: filters.overdue,
      priority: filters.priority,
      role: filters.role,
      project: filters.project,
      stage: filters.stage,
      dueAfter: filters.dueAfter,
      dueBefore: filters.dueBefore,
    };
    return Object.entries(chosen).every(([key, value]) => (narrowed as Record<string, unknown>)[key] === value);
  };

  return (
    <nav aria-label={t('inbox.counts.title')} className="quick-filters" data-testid="inbox-counts">
      {groups.map((group) => (
        <div key={group.title} className="quick-filter-group">
          <h2 className="small muted">{group.title}</h2>
          <ul>
            {group.items.map((filter) => (
              <li key={filter.key}>
                <button
                  type="button"
                  className="link-button"
                  aria-current={isCurrent(filter) ? 'true' : undefined}
                  onClick={() => onChange({ q: filters.q, sort: filters.sort, ...filter.narrows })}
                >
                  <span>{filter.label}</span> <span className="count">{format.number(filter.count)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
