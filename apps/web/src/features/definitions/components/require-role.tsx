import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '@/lib/auth/auth-context';

export const ADMIN = ['admin'];
/** Who may read the registry (auditors read, never change). */
export const REGISTRY_READERS = ['admin', 'auditor'];

/** The page for the roles given, or a plain refusal: the API refuses the same people its calls (403). */
export function RequireRole({ roles, children }: { roles: string[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { session } = useSession();
  if (session && !session.roles.some((role) => roles.includes(role))) {
    return (
      <section aria-labelledby="definitions-refused-title">
        <h1 id="definitions-refused-title">{t('definitions.refused.title')}</h1>
        <p className="notice notice-error" data-testid="definitions-refused">
          {t(roles.includes('auditor') ? 'definitions.refused.readers' : 'definitions.refused.admins')}
        </p>
      </section>
    );
  }
  return <>{children}</>;
}

/** Whether the signed-in person may change definitions. */
export function useIsAdmin(): boolean {
  const { session } = useSession();
  return session?.roles.includes('admin') ?? false;
}
