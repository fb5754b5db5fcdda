import '../customer-strings';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { useSession } from '@/lib/auth/auth-context';
import { useFormat } from '@/lib/i18n/use-format';
import { isAdmin, isCustomerOnly, readsAnalyticsSettings } from '../api/customer-audience';
import { customerCsvHref, type CustomerListFilters, filtersFromSearch, isFiltered, searchFromFilters } from '../api/customer-list-filters';
import { type CustomerListItem, useCustomerList } from '../api/customer-queries';
import { ChurnBadge, ClassBadge } from './customer-badges';
import { CustomerFilterForm } from './customer-filter-form';
import { CustomerImportDialog } from './customer-import-dialog';
import { CustomersNotAvailable } from './customers-not-available';

/** The company's customers for its own staff: class and churn risk at a glance, filtered in the address, a page at a time. */
export default function CustomersPage() {
  const { session } = useSession();
  if (session && isCustomerOnly(session.roles)) return <CustomersNotAvailable reason="customer" />;
  return <CustomerList admin={session ? isAdmin(session.roles) : false} settings={session ? readsAnalyticsSettings(session.roles) : false} />;
}

function CustomerList({ admin, settings }: { admin: boolean; settings: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const list = useCustomerList(filters);
  const setFilters = (next: CustomerListFilters) => setSearch(searchFromFilters(next));
  const customers = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="customers-title" className="customers">
      <div className="page-heading">
        <h1 id="customers-title">{t('customers.title')}</h1>
        <div className="actions">
          {/* A download, not a page of the app: a plain link the session cookie authenticates (see customerCsvHref). */}
          <a href={customerCsvHref(filters)} download data-testid="customers-csv">
            {t('customers.downloadCsv')}
          </a>
          {settings && <Link to="/admin/customer-analytics">{t('customers.settingsLink')}</Link>}
          {admin && <CustomerImportDialog />}
        </div>
      </div>
      <CustomerFilterForm filters={filters} onChange={setFilters} />
      {list.isPending && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <p className="summary" role="status" aria-live="polite" data-testid="customers-shown">
            {t(list.hasNextPage ? 'customers.shownMore' : 'customers.shown', {
              count: customers.length,
              formattedCount: format.number(customers.length),
            })}
          </p>
          {customers.length === 0 ? (
            <div className="notice" data-testid="customers-empty">
              {isFiltered(filters) ? (
                <>
                  {t('customers.noMatch')}{' '}
                  <button type="button" onClick={() => setFilters({})}>
                    {t('customers.clear')}
                  </button>
                </>
              ) : (
                t('customers.none')
              )}
            </div>
          ) : (
            <div className="table-scroll">
              <table className="projects customers-table" data-testid="customers-table" data-keys={customers.map((customer) => customer.key).join()}>
                <thead>
                  <tr>
                    <th scope="col">{t('customers.columns.name')}</th>
                    <th scope="col">{t('customers.columns.class')}</th>
                    <th scope="col">{t('customers.columns.churn')}</th>
                    <th scope="col" className="number">
                      {t('customers.columns.value')}
                    </th>
                    <th scope="col">{t('customers.columns.industry')}</th>
                    <th scope="col">{t('customers.columns.region')}</th>
                    <th scope="col" className="number">
                      {t('customers.columns.projects')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {customers.map((customer) => (
                    <CustomerRow key={customer.key} customer={customer} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.hasNextPage && (
            <button type="button" className="load-more" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {t('customers.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function CustomerRow({ customer }: { customer: CustomerListItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <tr data-customer={customer.key}>
      <th scope="row">
        <Link to={`/customers/${encodeURIComponent(customer.key)}`}>{customer.name}</Link> <code className="muted small">{customer.key}</code>
      </th>
      <td>
        <ClassBadge abc={customer.abc} stage={customer.stage} />
        <span className="muted small block">{t(`customers.basis.${customer.basis}`)}</span>
      </td>
      <td>
        <ChurnBadge score={customer.churnScore} warning={customer.churnWarning} />
      </td>
      <td className="number">{customer.contractValue == null ? '—' : format.number(customer.contractValue)}</td>
      <td>{customer.industry ?? '—'}</td>
      <td>{customer.region ?? '—'}</td>
      <td className="number">{format.number(customer.projects)}</td>
    </tr>
  );
}
