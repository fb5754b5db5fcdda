import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { safeReturnTo } from '@/lib/auth/auth-provider';
import { providerSignInHref, useSignInProviders } from '../api/sign-in-providers';
import { LocalSignInForm } from './local-sign-in-form';
import './sign-in.css';

/**
 * Sign-in as the API offers it: the organisation's identity provider (a link: the browser goes
 * there and comes back signed in) or local mode's people, or neither; then back to where
 * the person was going.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const providers = useSignInProviders();
  const returnTo = safeReturnTo(params.get('returnTo'));

  if (providers.isPending) return <Loading />;
  if (providers.error) return <ErrorMessage error={providers.error} onRetry={() => void providers.refetch()} />;
  const { local, oidc } = providers.data;
  if (!local && !oidc) return <p className="notice">{t('signIn.unavailable')}</p>;

  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      {oidc && (
        <>
          <p>{t('oidcSignIn.intro')}</p>
          <a className="provider-sign-in" href={providerSignInHref(returnTo)}>
            {t('oidcSignIn.submit', { name: oidc.name ?? t('oidcSignIn.yourOrganisation') })}
          </a>
        </>
      )}
      {/* Never both at once today: local sign-in is off whenever an identity provider is configured. */}
      {local && (
        <>
          <p>{t('signIn.intro')}</p>
          <LocalSignInForm returnTo={returnTo} />
        </>
      )}
    </section>
  );
}
