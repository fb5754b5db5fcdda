import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { ApiError } from '@/lib/api/api-error';
import { useDefinitions, useStartProject } from '../api/project-queries';

type Member = { user: string; role: string };

/** Starts a project from a definition, with its team; then off to the project's page. */
export function StartProjectPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const definitions = useDefinitions();
  const start = useStartProject();
  const ids = useId();
  const [definitionKey, setDefinitionKey] = useState('');
  const [name, setName] = useState('');
  const [members, setMembers] = useState<Member[]>([{ user: '', role: '' }]);
  const choices = definitions.data?.filter((definition) => definition.current != null) ?? null;

  const setMember = (index: number, change: Partial<Member>) =>
    setMembers((all) => all.map((member, at) => (at === index ? { ...member, ...change } : member)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const team = members.map((member) => ({ user: member.user.trim(), role: member.role.trim() })).filter((member) => member.user && member.role);
    // navigate() settles once the project's page has rendered; nothing here waits on it.
    start.mutate(
      { definitionKey: definitionKey.trim(), name: name.trim(), members: team },
      { onSuccess: (project) => void navigate(`/projects/${encodeURIComponent(project.id)}`) },
    );
  };
  const fieldError = (path: string) =>
    start.error instanceof ApiError
      ? start.error.body.details.find((detail) => detail.path === path || detail.path.startsWith(`${path}.`) || detail.path.startsWith(`${path}[`))?.message
      : undefined;

  return (
    <section aria-labelledby="start-title" className="start-project">
      <h1 id="start-title">{t('startProject.title')}</h1>
      <form onSubmit={submit} className="card" noValidate>
        <div className="field">
          <label htmlFor={`${ids}-definition`}>{t('startProject.definition')}</label>
          {choices && choices.length > 0 ? (
            <select id={`${ids}-definition`} required value={definitionKey} onChange={(event) => setDefinitionKey(event.target.value)}>
              <option value="">{t('startProject.choose')}</option>
              {choices.map((definition) => (
                <option key={definition.key} value={definition.key}>
                  {definition.versions.find((version) => version.version === definition.current)?.name ?? definition.key} ({definition.key} v
                  {definition.current})
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${ids}-definition`}
              required
              value={definitionKey}
              onChange={(event) => setDefinitionKey(event.target.value)}
              aria-describedby={`${ids}-definition-hint`}
            />
          )}
          {!choices && (
            <span id={`${ids}-definition-hint`} className="muted small">
              {t('startProject.definitionHint')}
            </span>
          )}
          {fieldError('definitionKey') && <span className="field-error">{fieldError('definitionKey')}</span>}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-name`}>{t('startProject.name')}</label>
          <input id={`${ids}-name`} required value={name} onChange={(event) => setName(event.target.value)} />
          {fieldError('name') && <span className="field-error">{fieldError('name')}</span>}
        </div>
        <fieldset className="members">
          <legend>{t('startProject.team')}</legend>
          <p className="muted small">{t('startProject.teamHint')}</p>
          {members.map((member, index) => (
            <div className="actions" key={index}>
              <div className="field">
                <label htmlFor={`${ids}-user-${index}`}>{t('startProject.memberUser', { n: index + 1 })}</label>
                <input id={`${ids}-user-${index}`} value={member.user} onChange={(event) => setMember(index, { user: event.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`${ids}-role-${index}`}>{t('startProject.memberRole', { n: index + 1 })}</label>
                <input id={`${ids}-role-${index}`} value={member.role} onChange={(event) => setMember(index, { role: event.target.value })} />
              </div>
              <button
                type="button"
                onClick={() => setMembers((all) => all.filter((_, at) => at !== index))}
                aria-label={t('startProject.removeMember', { n: index + 1 })}
              >
                {t('startProject.remove')}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setMembers((all) => [...all, { user: '', role: '' }])}>
            {t('startProject.addMember')}
          </button>
        </fieldset>
        {start.error && <ErrorMessage error={start.error} />}
        <p>
          <button type="submit" className="primary" disabled={start.isPending}>
            {t('startProject.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}
