import { useTranslation } from 'react-i18next';

/** What a customer (or anyone the API refuses) sees instead of the company's view of its customers. */
export function CustomersNotAvailable({ reason }: { reason: 'customer' | 'missing' }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="customers-unavailable">
      <h1 id="customers-unavailable">{t(reason === 'customer' ? 'customers.internalOnlyTitle' : 'customers.notAvailableTitle')}</h1>
      <p role="alert" className="notice notice-warning" data-testid="customers-not-available">
        {t(reason === 'customer' ? 'customers.notForCustomers' : 'customers.notAvailable')}
      </p>
    </section>
  );
}
