import '../customer-strings';
import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { ApiError } from '@/lib/api/api-error';
import { useSession } from '@/lib/auth/auth-context';
import { useFormat } from '@/lib/i18n/use-format';
import { SETTINGS_GROUPS, settingAt, settingsFromForm } from '../api/analytics-settings-fields';
import { type CustomerAnalyticsSettings, useCustomerAnalyticsSettings, usePutCustomerAnalyticsSettings } from '../api/analytics-settings-queries';
import { isAdmin, readsAnalyticsSettings } from '../api/customer-audience';

/** The company's thresholds and weights for classing and scoring customers: admins change them, auditors read them. */
export default function CustomerAnalyticsSettingsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (session && !readsAnalyticsSettings(session.roles)) {
    return (
      <section aria-labelledby="settings-title">
        <h1 id="settings-title">{t('customers.settings.title')}</h1>
        <p role="alert" className="notice notice-warning" data-testid="settings-forbidden">
          {t('customers.settings.forbidden')}
        </p>
      </section>
    );
  }
  return <SettingsLoader editable={session ? isAdmin(session.roles) : false} />;
}

function SettingsLoader({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const settings = useCustomerAnalyticsSettings();
  // Held here, not in the form: the form starts again from what was saved, and the answer to saving outlives it.
  const put = usePutCustomerAnalyticsSettings();
  if (settings.isPending) return <Loading />;
  if (settings.error) {
    if (settings.error instanceof ApiError && settings.error.status === 403)
      return (
        <p role="alert" className="notice notice-warning" data-testid="settings-forbidden">
          {t('customers.settings.forbidden')}
        </p>
      );
    return <ErrorMessage error={settings.error} onRetry={() => void settings.refetch()} />;
  }
  const { updatedBy, updatedAt, changed } = settings.data;
  // Keyed by when they were saved: the form starts again from what the API stored.
  return (
    <SettingsForm
      key={updatedAt ?? 'defaults'}
      put={put}
      settings={settings.data.settings}
      editable={editable}
      changed={changed}
      updatedBy={updatedBy}
      updatedAt={updatedAt}
    />
  );
}

function SettingsForm({
  put,
  settings,
  editable,
  changed,
  updatedBy,
  updatedAt,
}: {
  put: ReturnType<typeof usePutCustomerAnalyticsSettings>;
  settings: CustomerAnalyticsSettings;
  editable: boolean;
  changed: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const errors = new Map<string, string[]>();
  const validation = put.error instanceof ApiError && put.error.status === 400 ? put.error.body.details : [];
  for (const detail of validation) errors.set(detail.path ?? '', [...(errors.get(detail.path ?? '') ?? []), detail.message]);
  const known = new Set(SETTINGS_GROUPS.flatMap((group) => group.paths));
  const elsewhere = [...errors.entries()].filter(([path]) => !known.has(path));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    put.mutate(settingsFromForm(new FormData(event.currentTarget)));
  };
  const field = (path: string) => `${id}-${path.replaceAll('.', '-')}`;
  return (
    <section aria-labelledby="settings-title" className="analytics-settings">
      <h1 id="settings-title">{t('customers.settings.title')}</h1>
      <p className="muted">{t('customers.settings.intro')}</p>
      <p className="muted small" data-testid="settings-updated">
        {changed && updatedBy
          ? t('customers.settings.updated', {
              who: updatedBy,
              when: format.dateTime(updatedAt),
            })
          : t('customers.settings.defaults')}
      </p>
      {!editable && (
        <p className="notice" data-testid="settings-read-only">
          {t('customers.settings.readOnly')}
        </p>
      )}
      {put.isSuccess && (
        <p className="notice notice-success" role="status" data-testid="settings-saved">
          {t('customers.settings.saved')}
        </p>
      )}
      {validation.length > 0 && (
        <p role="alert" className="notice notice-error" data-testid="settings-invalid">
          {t('customers.settings.invalid', { count: validation.length })}
        </p>
      )}
      {elsewhere.map(([path, messages]) => (
        <p key={path} className="notice notice-error">
          {path ? `${path}: ` : ''}
          {messages.join('; ')}
        </p>
      ))}
      {put.error && validation.length === 0 && <ErrorMessage error={put.error} />}
      <form onSubmit={submit} noValidate aria-label={t('customers.settings.title')}>
        {SETTINGS_GROUPS.map(({ group, paths }) => (
          <fieldset key={group} className="card settings-group">
            <legend>{t(`customers.settings.group.${group}`)}</legend>
            <div className="settings-fields">
              {paths.map((path) => {
                const messages = errors.get(path);
                // A signal's weight and fullAt share a label; fullAt's unit (points, records, days) is the signal's own.
                const [, , signal, part] = path.split('.');
                const label = path.startsWith('churn.signals.') ? `customers.settings.field.${part}` : `customers.settings.field.${path}`;
                const hint = path.startsWith('churn.signals.')
                  ? part === 'fullAt'
                    ? `customers.settings.hint.fullAt.${signal}`
                    : 'customers.settings.hint.weight'
                  : `customers.settings.hint.${path}`;
                return (
                  <div className="field" key={path}>
                    <label htmlFor={field(path)}>{t(label)}</label>
                    <input
                      id={field(path)}
                      name={path}
                      inputMode="decimal"
                      defaultValue={String(settingAt(settings, path) ?? '')}
                      readOnly={!editable}
                      aria-invalid={messages ? true : undefined}
                      aria-describedby={`${field(path)}-hint${messages ? ` ${field(path)}-error` : ''}`}
                    />
                    <span className="muted small" id={`${field(path)}-hint`}>
                      {t(hint)}
                    </span>
                    {messages && (
                      <span className="field-error" id={`${field(path)}-error`} data-testid={`error-${path}`}>
                        {messages.join('; ')}
                      </span>
                    )}
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
        {editable && (
          <div className="actions">
            <button type="submit" className="primary" disabled={put.isPending}>
              {t('customers.settings.save')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
