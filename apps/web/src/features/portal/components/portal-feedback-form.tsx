import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api/api-error';
import { useSubmitPortalFeedback } from '../api/portal-queries';

const FIELDS = ['description', 'complaint', 'contact'] as const;
type Field = (typeof FIELDS)[number];

/** Feedback or a complaint on one of the customer's projects, sent as the online form (channel online-form). */
export function PortalFeedbackForm({ projects }: { projects: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const id = useId();
  const submit = useSubmitPortalFeedback();
  const [projectId, setProjectId] = useState('');
  const [description, setDescription] = useState('');
  const [complaint, setComplaint] = useState(false);
  const [contact, setContact] = useState('');
  const chosen = projectId || projects[0]?.id || '';

  const details = submit.error instanceof ApiError ? submit.error.body.details : [];
  const fields: Partial<Record<Field, string>> = {};
  for (const detail of details) {
    const field = FIELDS.find((name) => name === detail.path);
    if (field) fields[field] = detail.message;
  }
  const other = submit.error && !FIELDS.some((field) => fields[field]) ? submit.error.message : undefined;

  const send = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate(
      { projectId: chosen, feedback: { description, complaint, contact: contact.trim() || undefined } },
      {
        onSuccess: () => {
          setDescription('');
          setComplaint(false);
          setContact('');
        },
      },
    );
  };
  const fieldError = (field: Field) =>
    fields[field] && (
      <p id={`${id}-${field}-error`} className="field-error">
        {fields[field]}
      </p>
    );

  if (projects.length === 0) return <p className="muted">{t('portal.feedback.noProjects')}</p>;
  return (
    <form onSubmit={send} noValidate aria-describedby={`${id}-intro`}>
      <p id={`${id}-intro`} className="muted small">
        {t('portal.feedback.intro')}
      </p>
      {submit.isSuccess && (
        <p role="status" className="notice notice-success">
          {t('portal.feedback.received')}
        </p>
      )}
      {other && (
        <p role="alert" className="notice notice-error">
          {t('errors.generic', { message: other })}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-project`}>{t('portal.project')}</label>
        <select id={`${id}-project`} value={chosen} onChange={(event) => setProjectId(event.target.value)}>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('portal.feedback.description')}</label>
        <textarea
          id={`${id}-description`}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          rows={4}
          maxLength={4000}
          aria-invalid={fields.description ? true : undefined}
          aria-describedby={fields.description ? `${id}-description-error` : undefined}
        />
        {fieldError('description')}
      </div>
      <div className="field">
        <label>
          <input type="checkbox" checked={complaint} onChange={(event) => setComplaint(event.target.checked)} /> {t('portal.feedback.complaint')}
        </label>
        {fieldError('complaint')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-contact`}>{t('portal.feedback.contact')}</label>
        <input
          id={`${id}-contact`}
          value={contact}
          onChange={(event) => setContact(event.target.value)}
          aria-invalid={fields.contact ? true : undefined}
          aria-describedby={fields.contact ? `${id}-contact-error` : undefined}
        />
        {fieldError('contact')}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={submit.isPending || chosen === ''}>
          {t('portal.feedback.send')}
        </button>
      </div>
    </form>
  );
}
