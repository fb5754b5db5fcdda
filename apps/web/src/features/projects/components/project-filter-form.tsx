import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectListFilters } from '../api/project-list-filters';

const STATUSES = ['running', 'completed', 'rejected', 'failed', 'cancelled'] as const;
const SORTS = ['updated', 'started', 'name'] as const;

/** The API's project filters and sorts, one field each. */
export function ProjectFilterForm({ filters, onChange }: { filters: ProjectListFilters; onChange: (filters: ProjectListFilters) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = String(form.get(name) ?? '').trim();
      return value === '' ? undefined : value;
    };
    // Keys are lower case everywhere; "ACME" typed for acme should still find it.
    const key = (name: string) => text(name)?.toLowerCase();
    onChange({
      q: text('q'),
      status: text('status') as ProjectListFilters['status'],
      definition: key('definition'),
      team: key('team'),
      customer: key('customer'),
      sort: text('sort') as ProjectListFilters['sort'],
    });
  };
  const field = (name: string) => `${id}-${name}`;
  return (
    <form className="filters project-filters" onSubmit={submit} aria-label={t('projects.filters')} key={JSON.stringify(filters)}>
      <div className="field">
        <label htmlFor={field('q')}>{t('projects.search')}</label>
        <input id={field('q')} name="q" type="search" defaultValue={filters.q ?? ''} maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor={field('status')}>{t('projects.status')}</label>
        <select id={field('status')} name="status" defaultValue={filters.status ?? ''}>
          <option value="">{t('projects.any')}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`project.statusValue.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={field('definition')}>{t('projects.definition')}</label>
        <input id={field('definition')} name="definition" defaultValue={filters.definition ?? ''} maxLength={100} placeholder="expectation-signoff" />
      </div>
      <div className="field">
        <label htmlFor={field('team')}>{t('projects.team')}</label>
        <input id={field('team')} name="team" defaultValue={filters.team ?? ''} maxLength={64} placeholder="erp-east" />
      </div>
      <div className="field">
        <label htmlFor={field('customer')}>{t('projects.customer')}</label>
        <input id={field('customer')} name="customer" defaultValue={filters.customer ?? ''} maxLength={64} placeholder="acme" />
      </div>
      <div className="field">
        <label htmlFor={field('sort')}>{t('projects.sort')}</label>
        <select id={field('sort')} name="sort" defaultValue={filters.sort ?? 'updated'}>
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`projects.sortBy.${sort}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('projects.apply')}
        </button>
        <button type="button" onClick={() => onChange({})}>
          {t('projects.clear')}
        </button>
      </div>
    </form>
  );
}
