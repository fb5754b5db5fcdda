import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { ApiError } from '@/lib/api/api-error';
import { safeReturnTo } from '@/lib/auth/auth-provider';
import { useLocalPeople, useLocalSignIn } from '../api/local-sign-in';

/** Local mode's sign-in: choose a person; back to where the person was going afterwards. */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const people = useLocalPeople();
  const signIn = useLocalSignIn();
  const [chosen, setChosen] = useState<string>('');

  if (people.isPending) return <Loading />;
  if (people.error) {
    if (people.error instanceof ApiError && people.error.status === 404) return <p className="notice">{t('signIn.unavailable')}</p>;
    return <ErrorMessage error={people.error} onRetry={() => void people.refetch()} />;
  }
  const user = chosen || people.data[0]?.user || '';
  const person = people.data.find((candidate) => candidate.user === user);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!person) return;
    signIn.mutate(person, { onSuccess: () => navigate(safeReturnTo(params.get('returnTo')), { replace: true }) });
  };

  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t('signIn.person')}</legend>
          {people.data.map((candidate) => (
            <label key={candidate.user} className="person-choice">
              <input type="radio" name="person" value={candidate.user} checked={candidate.user === user} onChange={() => setChosen(candidate.user)} />
              <span className="person-name">{candidate.user}</span> <span className="person-roles">{candidate.roles.join(', ')}</span>
            </label>
          ))}
        </fieldset>
        {signIn.error && <ErrorMessage error={signIn.error} />}
        <button type="submit" className="primary" disabled={!person || signIn.isPending}>
          {t('signIn.submit', { user })}
        </button>
      </form>
    </section>
  );
}
