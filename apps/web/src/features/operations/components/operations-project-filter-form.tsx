import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationsProjectFilters } from '../api/operations-project-filters';

const STATUSES = ['running', 'completed', 'rejected', 'failed', 'cancelled'] as const;
const SORTS = ['updated', 'started', 'name'] as const;

/** Every filter of the operations list: definition and version, status, team, customer, current stage, and when it started. */
export function OperationsProjectFilterForm({
  filters,
  onChange,
}: {
  filters: OperationsProjectFilters;
  onChange: (filters: OperationsProjectFilters) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const field = (name: string) => `${id}-${name}`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = String(form.get(name) ?? '').trim();
      return value === '' ? undefined : value;
    };
    // Keys and stage ids are lower case everywhere; "ACME" typed for acme should still find it.
    const key = (name: string) => text(name)?.toLowerCase();
    onChange({
      status: text('status'),
      definition: key('definition'),
      definitionVersion: text('definitionVersion'),
      team: key('team'),
      customer: key('customer'),
      stage: key('stage'),
      startedFrom: text('startedFrom'),
      startedTo: text('startedTo'),
      sort: text('sort'),
    });
  };
  const textField = (name: keyof OperationsProjectFilters, placeholder: string, maxLength = 100) => (
    <div className="field">
      <label htmlFor={field(name)}>{t(`operations.projects.filter.${name}`)}</label>
      <input id={field(name)} name={name} defaultValue={filters[name] ?? ''} maxLength={maxLength} placeholder={placeholder} />
    </div>
  );
  return (
    <form className="filters operations-filters" onSubmit={submit} aria-label={t('operations.projects.filters')} key={JSON.stringify(filters)}>
      {textField('definition', 'expectation-signoff')}
      <div className="field">
        <label htmlFor={field('definitionVersion')}>{t('operations.projects.filter.definitionVersion')}</label>
        <input
          id={field('definitionVersion')}
          name="definitionVersion"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          defaultValue={filters.definitionVersion ?? ''}
        />
      </div>
      <div className="field">
        <label htmlFor={field('status')}>{t('operations.projects.filter.status')}</label>
        <select id={field('status')} name="status" defaultValue={filters.status ?? ''}>
          <option value="">{t('operations.projects.any')}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`project.statusValue.${status}`)}
            </option>
          ))}
        </select>
      </div>
      {textField('team', 'erp-east', 64)}
      {textField('customer', 'acme', 64)}
      {textField('stage', 'sign-off')}
      <div className="field">
        <label htmlFor={field('startedFrom')}>{t('operations.projects.filter.startedFrom')}</label>
        <input id={field('startedFrom')} name="startedFrom" type="date" defaultValue={filters.startedFrom ?? ''} />
      </div>
      <div className="field">
        <label htmlFor={field('startedTo')}>{t('operations.projects.filter.startedTo')}</label>
        <input id={field('startedTo')} name="startedTo" type="date" defaultValue={filters.startedTo ?? ''} />
      </div>
      <div className="field">
        <label htmlFor={field('sort')}>{t('operations.projects.filter.sort')}</label>
        <select id={field('sort')} name="sort" defaultValue={filters.sort ?? 'updated'}>
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`operations.projects.sortBy.${sort}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('operations.projects.apply')}
        </button>
        <button type="button" onClick={() => onChange({})}>
          {t('operations.projects.clear')}
        </button>
      </div>
    </form>
  );
}
