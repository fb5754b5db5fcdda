import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerListFilters } from '../api/customer-list-filters';

const CLASSES = ['A', 'B', 'C'] as const;
const STAGES = ['prospect', 'active', 'dormant', 'lost'] as const;
const SORTS = ['name', 'value', 'churn'] as const;

/** The API's customer filters and sorts, one field each. */
export function CustomerFilterForm({ filters, onChange }: { filters: CustomerListFilters; onChange: (filters: CustomerListFilters) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = String(form.get(name) ?? '').trim();
      return value === '' ? undefined : value;
    };
    onChange({
      q: text('q'),
      class: text('class') as CustomerListFilters['class'],
      stage: text('stage') as CustomerListFilters['stage'],
      churnWarning: text('churnWarning') as CustomerListFilters['churnWarning'],
      industry: text('industry'),
      region: text('region'),
      sort: text('sort') as CustomerListFilters['sort'],
    });
  };
  const field = (name: string) => `${id}-${name}`;
  return (
    <form className="filters customer-filters" onSubmit={submit} aria-label={t('customers.filters')} key={JSON.stringify(filters)}>
      <div className="field">
        <label htmlFor={field('q')}>{t('customers.search')}</label>
        <input id={field('q')} name="q" type="search" defaultValue={filters.q ?? ''} maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor={field('class')}>{t('customers.class')}</label>
        <select id={field('class')} name="class" defaultValue={filters.class ?? ''}>
          <option value="">{t('customers.any')}</option>
          {CLASSES.map((abc) => (
            <option key={abc} value={abc}>
              {t('customers.classValue', { abc })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={field('stage')}>{t('customers.stageLabel')}</label>
        <select id={field('stage')} name="stage" defaultValue={filters.stage ?? ''}>
          <option value="">{t('customers.any')}</option>
          {STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {t(`customers.stage.${stage}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={field('churnWarning')}>{t('customers.churnRisk')}</label>
        <select id={field('churnWarning')} name="churnWarning" defaultValue={filters.churnWarning ?? ''}>
          <option value="">{t('customers.any')}</option>
          <option value="true">{t('customers.withWarning')}</option>
          <option value="false">{t('customers.withoutWarning')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={field('industry')}>{t('customers.industry')}</label>
        <input id={field('industry')} name="industry" defaultValue={filters.industry ?? ''} maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor={field('region')}>{t('customers.region')}</label>
        <input id={field('region')} name="region" defaultValue={filters.region ?? ''} maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor={field('sort')}>{t('customers.sort')}</label>
        <select id={field('sort')} name="sort" defaultValue={filters.sort ?? 'name'}>
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`customers.sortBy.${sort}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('customers.apply')}
        </button>
        <button type="button" onClick={() => onChange({})}>
          {t('customers.clear')}
        </button>
      </div>
    </form>
  );
}
