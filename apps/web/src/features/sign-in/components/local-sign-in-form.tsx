import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { useLocalPeople, useLocalSignIn } from '../api/local-sign-in';

/** Local mode's sign-in: choose a person; then on to `returnTo`. */
export function LocalSignInForm({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const people = useLocalPeople();
  const signIn = useLocalSignIn();
  const [chosen, setChosen] = useState<string>('');

  if (people.isPending) return <Loading />;
  if (people.error) return <ErrorMessage error={people.error} onRetry={() => void people.refetch()} />;
  const user = chosen || people.data[0]?.user || '';
  const person = people.data.find((candidate) => candidate.user === user);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!person) return;
    signIn.mutate(person, { onSuccess: () => void navigate(returnTo, { replace: true }) });
  };

  return (
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
  );
}
