import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useFormat } from '@/lib/i18n/use-format';
import { type PublicFeedbackResult, useSubmitPublicFeedback } from '../api/submit-public-feedback';

const FIELDS = ['description', 'complaint', 'contact'] as const;
type Field = (typeof FIELDS)[number];

/** The API's 400 details by the form's field; the rest is said above the form. */
function byField(result: PublicFeedbackResult | undefined): { fields: Partial<Record<Field, string>>; other: string[] } {
  if (result?.kind !== 'invalid') return { fields: {}, other: [] };
  const fields: Partial<Record<Field, string>> = {};
  const other: string[] = [];
  for (const detail of result.details) {
    const field = FIELDS.find((name) => name === detail.path);
    if (field) fields[field] = fields[field] ? `${fields[field]}; ${detail.message}` : detail.message;
    else other.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  if (result.details.length === 0) other.push(result.message);
  return { fields, other };
}

/** The customer's public feedback form, reached by a project's secret link: no account, no sign-in. */
export function PublicFeedbackPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { token = '' } = useParams();
  const id = useId();
  const submit = useSubmitPublicFeedback(token);
  const [description, setDescription] = useState('');
  const [complaint, setComplaint] = useState(false);
  const [contact, setContact] = useState('');
  const result = submit.data;
  const { fields, other } = byField(result);

  const send = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate(
      { feedback: { description, complaint, contact: contact.trim() || undefined }, idempotencyKey: crypto.randomUUID() },
      {
        onSuccess: (answer) => {
          if (answer.kind !== 'received') return;
          setDescription('');
          setComplaint(false);
          setContact('');
        },
      },
    );
  };

  const described = (field: Field, hint?: string) => (fields[field] ? `${id}-${field}-error` : hint);
  const fieldError = (field: Field) =>
    fields[field] && (
      <p id={`${id}-${field}-error`} className="field-error">
        {fields[field]}
      </p>
    );

  if (result?.kind === 'link-gone') {
    return (
      <section aria-labelledby={`${id}-title`} className="public-feedback">
        <h1 id={`${id}-title`}>{t('publicFeedback.title')}</h1>
        <p role="alert" className="notice notice-warning">
          {t('publicFeedback.linkGone')}
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby={`${id}-title`} className="public-feedback">
      <h1 id={`${id}-title`}>{t('publicFeedback.title')}</h1>
      <p className="muted">{t('publicFeedback.intro')}</p>
      {result?.kind === 'received' && (
        <p role="status" className="notice notice-success">
          {t('publicFeedback.received')}
        </p>
      )}
      {result?.kind === 'too-many' && (
        <p role="alert" className="notice notice-warning">
          {result.retryAfterSeconds === undefined
            ? t('publicFeedback.tooManyLater')
            : t('publicFeedback.tooMany', {
                when: format.dateTime(new Date(Date.now() + result.retryAfterSeconds * 1000).toISOString()),
                minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)),
              })}
        </p>
      )}
      {(result?.kind === 'failed' || submit.isError) && (
        <p role="alert" className="notice notice-error">
          {t('errors.generic', { message: result?.kind === 'failed' ? result.message : submit.error?.message })}
        </p>
      )}
      {other.length > 0 && (
        <div role="alert" className="notice notice-error">
          {other.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      <form onSubmit={send} className="card" noValidate>
        <div className="field">
          <label htmlFor={`${id}-description`}>{t('publicFeedback.description')}</label>
          <textarea
            id={`${id}-description`}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            rows={5}
            maxLength={4000}
            aria-invalid={fields.description ? true : undefined}
            aria-describedby={described('description')}
          />
          {fieldError('description')}
        </div>
        <div className="field">
          <label>
            <input type="checkbox" checked={complaint} onChange={(event) => setComplaint(event.target.checked)} aria-describedby={described('complaint')} />{' '}
            {t('publicFeedback.complaint')}
          </label>
          {fieldError('complaint')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-contact`}>{t('publicFeedback.contact')}</label>
          <input
            id={`${id}-contact`}
            value={contact}
            onChange={(event) => setContact(event.target.value)}
            autoComplete="email"
            aria-invalid={fields.contact ? true : undefined}
            aria-describedby={described('contact', `${id}-contact-hint`)}
          />
          {fieldError('contact') ?? (
            <p id={`${id}-contact-hint`} className="muted small">
              {t('publicFeedback.contactHint')}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={submit.isPending}>
            {t('publicFeedback.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
