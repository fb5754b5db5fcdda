import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { Loading } from '@/components/loading';
import { useSession } from '@/lib/auth/auth-context';
import { mayOperate } from '../api/operations-access';

const TABS = ['projects', 'incidents', 'dead-letters'] as const;

/** The operations area: its tabs (each a route of its own), for admins and auditors only. */
export function OperationsLayout() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!session) return <Loading />;
  if (!mayOperate(session.roles)) {
    return (
      <section aria-labelledby="operations-title" className="operations">
        <h1 id="operations-title">{t('operations.title')}</h1>
        <p className="notice notice-warning" data-testid="operations-forbidden">
          {t('operations.forbidden')}
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="operations-title" className="operations">
      <h1 id="operations-title">{t('operations.title')}</h1>
      <nav aria-label={t('operations.tabs')} className="operations-tabs">
        <ul>
          {TABS.map((tab) => (
            <li key={tab}>
              <NavLink to={`/admin/operations/${tab}`}>{t(`operations.tab.${tab}`)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </section>
  );
}
