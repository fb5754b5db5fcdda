import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router-dom';
import { LanguageSwitcher } from '@/components/language-switcher';
import { mayOperate } from '@/features/operations/api/operations-access';
import { isExternalOnly } from '@/features/project/api/audience';
import { SESSION_QUERY_KEY, useAuth, useSession } from '@/lib/auth/auth-context';

export function Layout() {
  const { t } = useTranslation();
  const { session } = useSession();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const signOut = async () => {
    await auth.signOut();
    queryClient.clear();
    queryClient.setQueryData(SESSION_QUERY_KEY, null);
    auth.signIn('/');
  };
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="top-bar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('app.mainNav')} className="main-nav">
          {session && <Link to="/">{t('app.inbox')}</Link>}
          {session && isExternalOnly(session.roles) && <Link to="/portal">{t('app.portal')}</Link>}
          {session && !isExternalOnly(session.roles) && <Link to="/projects">{t('app.projects')}</Link>}
          {session && !isExternalOnly(session.roles) && <Link to="/projects/new">{t('app.startProject')}</Link>}
          {session && mayOperate(session.roles) && <Link to="/admin/operations">{t('operations.nav')}</Link>}
          {session && session.roles.some((role) => role === 'admin' || role === 'auditor') && <Link to="/admin/definitions">{t('definitions.nav')}</Link>}
          {session && !isExternalOnly(session.roles) && <Link to="/customers">{t('customers.nav')}</Link>}
        </nav>
        <div className="session">
          <LanguageSwitcher />
          {session && (
            <>
              <span className="muted">{t('app.signedInAs', { user: session.user, roles: session.roles.join(', ') })}</span>
              <button type="button" onClick={() => void signOut()}>
                {t('app.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}
