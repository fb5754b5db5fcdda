import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxFilters } from '../api/inbox-filters';

const STATUSES = ['open', 'completed', 'cancelled', 'expired'] as const;
const PRIORITIES = ['high', 'normal', 'low'] as const;
const SORTS = ['created', 'due', 'priority'] as const;

/** datetime-local speaks local wall time; the API takes instants. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);
const toLocalInput = (iso: string | undefined) => {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The API's inbox filters and sorts, one field each. */
export function InboxFilterForm({ filters, onChange }: { filters: InboxFilters; onChange: (filters: InboxFilters) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = String(form.get(name) ?? '').trim();
      return value === '' ? undefined : value;
    };
    const overdue = text('overdue');
    onChange({
      project: text('project'),
      stage: text('stage'),
      role: text('role'),
      status: text('status') as InboxFilters['status'],
      overdue: overdue === undefined ? undefined : overdue === 'true',
      dueAfter: toInstant(text('dueAfter') ?? ''),
      dueBefore: toInstant(text('dueBefore') ?? ''),
      priority: text('priority') as InboxFilters['priority'],
      q: text('q'),
      sort: text('sort') as InboxFilters['sort'],
    });
  };
  const field = (name: string) => `${id}-${name}`;
  return (
    <form className="filters" onSubmit={submit} aria-label={t('inbox.filters')} key={JSON.stringify(filters)}>
      <div className="field">
        <label htmlFor={field('q')}>{t('inbox.search')}</label>
        <input id={field('q')} name="q" type="search" defaultValue={filters.q ?? ''} maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor={field('priority')}>{t('inbox.priority')}</label>
        <select id={field('priority')} name="priority" defaultValue={filters.priority ?? ''}>
          <option value="">{t('inbox.any')}</option>
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {t(`priority.${priority}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={field('overdue')}>{t('inbox.overdue')}</label>
        <select id={field('overdue')} name="overdue" defaultValue={filters.overdue === undefined ? '' : String(filters.overdue)}>
          <option value="">{t('inbox.any')}</option>
          <option value="true">{t('inbox.yes')}</option>
          <option value="false">{t('inbox.no')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={field('status')}>{t('inbox.status')}</label>
        <select id={field('status')} name="status" defaultValue={filters.status ?? 'open'}>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={field('sort')}>{t('inbox.sort')}</label>
        <select id={field('sort')} name="sort" defaultValue={filters.sort ?? 'created'}>
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`sort.${sort}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={field('dueAfter')}>{t('inbox.dueAfter')}</label>
        <input id={field('dueAfter')} name="dueAfter" type="datetime-local" defaultValue={toLocalInput(filters.dueAfter)} />
      </div>
      <div className="field">
        <label htmlFor={field('dueBefore')}>{t('inbox.dueBefore')}</label>
        <input id={field('dueBefore')} name="dueBefore" type="datetime-local" defaultValue={toLocalInput(filters.dueBefore)} />
      </div>
      <div className="field">
        <label htmlFor={field('project')}>{t('inbox.project')}</label>
        <input id={field('project')} name="project" defaultValue={filters.project ?? ''} pattern="[0-9a-fA-F-]{36}" />
      </div>
      <div className="field">
        <label htmlFor={field('role')}>{t('inbox.role')}</label>
        <input id={field('role')} name="role" defaultValue={filters.role ?? ''} maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor={field('stage')}>{t('inbox.stage')}</label>
        <input id={field('stage')} name="stage" defaultValue={filters.stage ?? ''} maxLength={100} />
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('inbox.apply')}
        </button>
        <button type="button" onClick={() => onChange({})}>
          {t('inbox.clear')}
        </button>
      </div>
    </form>
  );
}
