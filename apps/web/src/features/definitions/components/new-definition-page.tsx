import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { useDefinitionKeys } from '../api/definition-queries';
import { DEFINITION_KEY } from '../api/definition-templates';
import { ADMIN, RequireRole } from './require-role';

/** `/admin/definitions/new`: a key, and what to start from (a blank skeleton or a copy of a definition); then the editor. */
export function NewDefinitionPage() {
  return (
    <RequireRole roles={ADMIN}>
      <NewDefinitionForm />
    </RequireRole>
  );
}

function NewDefinitionForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const keys = useDefinitionKeys();
  const [key, setKey] = useState('');
  const [from, setFrom] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = key.trim();
    if (!DEFINITION_KEY.test(wanted)) return setProblem(t('definitions.create.keyInvalid'));
    if (keys.data?.some((definition) => definition.key === wanted)) return setProblem(t('definitions.create.keyTaken', { key: wanted }));
    setProblem(null);
    // React Router's navigate() settles when the route has rendered; its failures show in the router's error element.
    void navigate(`/admin/definitions/${encodeURIComponent(wanted)}/edit${from ? `?from=${encodeURIComponent(from)}` : ''}`);
  };

  return (
    <section aria-labelledby="new-definition-title" className="new-definition">
      <p className="breadcrumbs">
        <Link to="/admin/definitions">{t('definitions.list.title')}</Link>
      </p>
      <h1 id="new-definition-title">{t('definitions.create.title')}</h1>
      <QueryState query={keys}>
        {(list) => (
          <form className="card" onSubmit={submit} noValidate aria-labelledby="new-definition-title">
            <div className="field">
              <label htmlFor="new-definition-key">{t('definitions.create.key')}</label>
              <input
                id="new-definition-key"
                value={key}
                onChange={(event) => setKey(event.target.value)}
                required
                aria-invalid={problem !== null}
                aria-describedby="new-definition-key-hint"
                autoComplete="off"
                spellCheck={false}
              />
              <span id="new-definition-key-hint" className="muted small">
                {t('definitions.create.keyHint')}
              </span>
              {problem && (
                <span className="field-error" role="alert">
                  {problem}
                </span>
              )}
            </div>
            <div className="field">
              <label htmlFor="new-definition-from">{t('definitions.create.from')}</label>
              <select id="new-definition-from" value={from} onChange={(event) => setFrom(event.target.value)}>
                <option value="">{t('definitions.create.blank')}</option>
                {list
                  .filter((definition) => definition.versions.length > 0)
                  .map((definition) => (
                    <option key={definition.key} value={definition.key}>
                      {t('definitions.create.copyOf', { name: definition.versions[0].name, key: definition.key, version: definition.versions[0].version })}
                    </option>
                  ))}
              </select>
            </div>
            <button type="submit" className="primary">
              {t('definitions.create.submit')}
            </button>
          </form>
        )}
      </QueryState>
    </section>
  );
}
