import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '@/components/section';
import { ApiError } from '@/lib/api/api-error';
import { useFormat } from '@/lib/i18n/use-format';
import { type CustomerProfile, type CustomerProfileInput, usePutCustomerProfile } from '../api/customer-queries';

const SIZES = ['small', 'medium', 'large', 'enterprise'] as const;
type Contact = { name: string; role: string; email: string; phone: string };

/**
 * The customer's profile. The API says who may change it (admins, and those who start the
 * customer's projects) and gives no capability to ask first: the form is offered to everyone
 * but auditors, and a 403 is said politely.
 */
export function CustomerProfileSection({ customerKey, profile, mayTryEditing }: { customerKey: string; profile: CustomerProfile; mayTryEditing: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <Section title={t('customers.profile.title')} testId="customer-profile">
      {editing ? (
        <ProfileForm
          customerKey={customerKey}
          profile={profile}
          onDone={(wasSaved) => {
            setEditing(false);
            setSaved(wasSaved);
          }}
        />
      ) : (
        <>
          {saved && (
            <p className="notice notice-success" role="status">
              {t('customers.profile.saved')}
            </p>
          )}
          <dl className="field-list columns">
            <div className="pair">
              <dt>{t('customers.field.industry')}</dt>
              <dd>{profile.industry ?? '—'}</dd>
            </div>
            <div className="pair">
              <dt>{t('customers.field.size')}</dt>
              <dd>{profile.size ? t(`customers.size.${profile.size}`) : '—'}</dd>
            </div>
            <div className="pair">
              <dt>{t('customers.field.region')}</dt>
              <dd>{profile.region ?? '—'}</dd>
            </div>
            <div className="pair">
              <dt>{t('customers.field.annualContractValue')}</dt>
              <dd data-testid="profile-contract-value">{profile.annualContractValue == null ? '—' : format.number(profile.annualContractValue)}</dd>
            </div>
          </dl>
          <h3>{t('customers.profile.contacts')}</h3>
          {profile.contacts.length === 0 ? (
            <p className="muted">{t('customers.profile.noContacts')}</p>
          ) : (
            <ul className="contacts">
              {profile.contacts.map((contact, index) => (
                <li key={index}>
                  <strong>{contact.name}</strong>
                  {contact.role && <>, {contact.role}</>}
                  {contact.email && (
                    <>
                      {' · '}
                      <a href={`mailto:${contact.email}`}>{contact.email}</a>
                    </>
                  )}
                  {contact.phone && <> · {contact.phone}</>}
                </li>
              ))}
            </ul>
          )}
          <p className="muted small">
            {profile.updatedBy
              ? t('customers.profile.updated', {
                  who: profile.updatedBy,
                  when: format.dateTime(profile.updatedAt),
                })
              : t('customers.profile.neverGiven')}
          </p>
          {mayTryEditing && (
            <button
              type="button"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('customers.profile.edit')}
            </button>
          )}
        </>
      )}
    </Section>
  );
}

const blankContact: Contact = { name: '', role: '', email: '', phone: '' };
const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

function ProfileForm({ customerKey, profile, onDone }: { customerKey: string; profile: CustomerProfile; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const put = usePutCustomerProfile(customerKey);
  const [contacts, setContacts] = useState<Contact[]>(
    profile.contacts.map((contact) => ({
      name: contact.name,
      role: contact.role ?? '',
      email: contact.email ?? '',
      phone: contact.phone ?? '',
    })),
  );
  const [amountError, setAmountError] = useState<string | null>(null);
  const fieldErrors = new Map<string, string>();
  if (put.error instanceof ApiError && put.error.status === 400)
    for (const detail of put.error.body.details) if (detail.path) fieldErrors.set(detail.path, detail.message);
  const field = (name: string) => `${id}-${name}`;
  const errorOf = (path: string) => (path === 'annualContractValue' && amountError ? amountError : fieldErrors.get(path));
  const described = (path: string) => (errorOf(path) ? { 'aria-invalid': true, 'aria-describedby': `${field(path)}-error` } : {});
  const fieldError = (path: string) =>
    errorOf(path) ? (
      <span className="field-error" id={`${field(path)}-error`}>
        {errorOf(path)}
      </span>
    ) : null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => optional(String(form.get(name) ?? ''));
    const amount = text('annualContractValue');
    if (amount !== undefined && !Number.isFinite(Number(amount))) {
      setAmountError(t('customers.profile.notANumber'));
      return;
    }
    setAmountError(null);
    const body: CustomerProfileInput = {
      industry: text('industry'),
      size: text('size') as CustomerProfileInput['size'],
      region: text('region'),
      annualContractValue: amount === undefined ? undefined : Number(amount),
      contacts: contacts.map((contact) => ({
        name: contact.name.trim(),
        role: optional(contact.role),
        email: optional(contact.email),
        phone: optional(contact.phone),
      })),
    };
    put.mutate(body, { onSuccess: () => onDone(true) });
  };
  const setContact = (index: number, key: keyof Contact, value: string) =>
    setContacts((current) => current.map((contact, at) => (at === index ? { ...contact, [key]: value } : contact)));
  const forbidden = put.error instanceof ApiError && put.error.status === 403;

  return (
    <form onSubmit={submit} className="profile-form" aria-label={t('customers.profile.formLabel')} noValidate>
      {forbidden && (
        <p role="alert" className="notice notice-warning" data-testid="profile-forbidden">
          {t('customers.profile.forbidden')}
        </p>
      )}
      {put.error && !forbidden && !(put.error instanceof ApiError && put.error.status === 400) && (
        <p role="alert" className="notice notice-error">
          {t('errors.generic', { message: put.error.message })}
        </p>
      )}
      {fieldErrors.size > 0 && (
        <p role="alert" className="notice notice-error">
          {t('customers.profile.fixFields')}
        </p>
      )}
      <div className="profile-fields">
        <div className="field">
          <label htmlFor={field('industry')}>{t('customers.field.industry')}</label>
          <input id={field('industry')} name="industry" defaultValue={profile.industry ?? ''} maxLength={100} {...described('industry')} />
          {fieldError('industry')}
        </div>
        <div className="field">
          <label htmlFor={field('size')}>{t('customers.field.size')}</label>
          <select id={field('size')} name="size" defaultValue={profile.size ?? ''} {...described('size')}>
            <option value="">—</option>
            {SIZES.map((size) => (
              <option key={size} value={size}>
                {t(`customers.size.${size}`)}
              </option>
            ))}
          </select>
          {fieldError('size')}
        </div>
        <div className="field">
          <label htmlFor={field('region')}>{t('customers.field.region')}</label>
          <input id={field('region')} name="region" defaultValue={profile.region ?? ''} maxLength={100} {...described('region')} />
          {fieldError('region')}
        </div>
        <div className="field">
          <label htmlFor={field('annualContractValue')}>{t('customers.field.annualContractValue')}</label>
          <input
            id={field('annualContractValue')}
            name="annualContractValue"
            inputMode="decimal"
            defaultValue={profile.annualContractValue ?? ''}
            {...described('annualContractValue')}
          />
          {fieldError('annualContractValue')}
        </div>
      </div>
      <fieldset className="contacts-fieldset">
        <legend>{t('customers.profile.contacts')}</legend>
        {contacts.map((contact, index) => (
          <div className="contact-row" key={index} role="group" aria-label={t('customers.profile.contactN', { n: index + 1 })}>
            {(['name', 'role', 'email', 'phone'] as const).map((key) => {
              const path = `contacts[${index}].${key}`;
              return (
                <div className="field" key={key}>
                  <label htmlFor={field(path)}>{t(`customers.contact.${key}`)}</label>
                  <input
                    id={field(path)}
                    type={key === 'email' ? 'email' : 'text'}
                    value={contact[key]}
                    onChange={(event) => setContact(index, key, event.currentTarget.value)}
                    {...described(path)}
                  />
                  {fieldError(path)}
                </div>
              );
            })}
            <button type="button" className="danger" onClick={() => setContacts((current) => current.filter((_contact, at) => at !== index))}>
              {t('customers.profile.removeContact', { n: index + 1 })}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setContacts((current) => [...current, blankContact])}>
          {t('customers.profile.addContact')}
        </button>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={put.isPending}>
          {t('customers.profile.save')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('customers.profile.cancel')}
        </button>
      </div>
    </form>
  );
}
